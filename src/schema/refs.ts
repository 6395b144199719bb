import type { ObjectRef } from '@pothos/core';
import { builder, type Types } from '../builder.js';
import type { Context } from '../context.js';
import type {
  UpstreamAction,
  UpstreamActionRunLog,
  UpstreamConnection,
  UpstreamCustomer,
  UpstreamFlow,
  UpstreamFlowRun,
  UpstreamIntegration,
} from '../upstream/schemas.js';
import type { EntityKind } from './known-entities.js';
import type { EntitySpec } from './relations.js';

/**
 * The entities as loadable refs, defined apart from their fields so the domain files can
 * reference each other without import cycles. A loader fans out single GETs (the API has no
 * batch endpoint) and remembers what it got as full responses.
 */
function loadable<T extends { id?: string }>(
  kind: EntityKind,
  getMany: (ctx: Context, ids: readonly string[]) => Promise<(T | Error)[]>,
) {
  return builder.loadableObjectRef(kind, {
    load: async (ids: string[], ctx: Context) =>
      (await getMany(ctx, ids)).map((r) => (r instanceof Error ? r : ctx.known.full(kind, r))),
  });
}

export const Flow = loadable<UpstreamFlow>('Flow', (ctx, ids) => ctx.api.flows.getMany(ids));
export const FlowRun = loadable<UpstreamFlowRun>('FlowRun', (ctx, ids) =>
  ctx.api.flowRuns.getMany(ids),
);
export const Integration = loadable<UpstreamIntegration>('Integration', (ctx, ids) =>
  ctx.api.integrations.getMany(ids),
);
export const Connection = loadable<UpstreamConnection>('Connection', (ctx, ids) =>
  ctx.api.connections.getMany(ids),
);
export const User = loadable<UpstreamCustomer>('User', (ctx, ids) =>
  ctx.api.customers.getMany(ids),
);
export const Action = loadable<UpstreamAction>('Action', (ctx, ids) =>
  ctx.api.actions.getMany(ids),
);
export const ActionRunLog = loadable<UpstreamActionRunLog>('ActionRunLog', (ctx, ids) =>
  ctx.api.actionRunLogs.getMany(ids),
);

const fields = (...names: string[]): ReadonlySet<string> => new Set(names);

/** How relations reach each entity; `fullOnlyFields` are what its embeds lack (SDK Base* shapes). */
export const FlowSpec: EntitySpec<UpstreamFlow> = {
  kind: 'Flow',
  loader: (ctx) => Flow.getDataloader(ctx),
  fullOnlyFields: fields('appliedToIntegrations'),
};
export const FlowRunSpec: EntitySpec<UpstreamFlowRun> = {
  kind: 'FlowRun',
  loader: (ctx) => FlowRun.getDataloader(ctx),
  // runs are never embedded in other answers
  fullOnlyFields: fields(),
};
export const IntegrationSpec: EntitySpec<UpstreamIntegration> = {
  kind: 'Integration',
  loader: (ctx) => Integration.getDataloader(ctx),
  fullOnlyFields: fields('connection', 'spec', 'authOptions', 'appUri', 'isConnected'),
};
export const ConnectionSpec: EntitySpec<UpstreamConnection> = {
  kind: 'Connection',
  loader: (ctx) => Connection.getDataloader(ctx),
  fullOnlyFields: fields('connectorParameters', 'input', 'type'),
};
export const UserSpec: EntitySpec<UpstreamCustomer> = {
  kind: 'User',
  loader: (ctx) => User.getDataloader(ctx),
  fullOnlyFields: fields(),
};
export const ActionSpec: EntitySpec<UpstreamAction> = {
  kind: 'Action',
  loader: (ctx) => Action.getDataloader(ctx),
  fullOnlyFields: fields(
    'appliedToIntegrations',
    'defaultOutputSchema',
    'transformedOutputSchema',
    'dependencies',
  ),
};
export const ActionRunLogSpec: EntitySpec<UpstreamActionRunLog> = {
  kind: 'ActionRunLog',
  loader: (ctx) => ActionRunLog.getDataloader(ctx),
  // run logs are never embedded in other answers
  fullOnlyFields: fields(),
};

/** An entity's ref and spec, in the one shape every entity shares (the lists below serve all). */
export interface Entity {
  ref: ObjectRef<Types, string | { id?: string }, { id?: string }>;
  spec: EntitySpec<{ id?: string }>;
}

const entity = <T extends { id?: string }>(
  ref: ObjectRef<Types, string | T, T>,
  spec: EntitySpec<T>,
): Entity => ({ ref, spec }) as unknown as Entity;

/**
 * Every entity: each is a federation entity (`_entities`) and a Relay `Node` (`node`, `nodes`).
 * A new entity joins both here.
 */
export const ENTITIES: readonly Entity[] = [
  entity(Flow, FlowSpec),
  entity(FlowRun, FlowRunSpec),
  entity(Integration, IntegrationSpec),
  entity(Connection, ConnectionSpec),
  entity(User, UserSpec),
  entity(Action, ActionSpec),
  entity(ActionRunLog, ActionRunLogSpec),
];
