import { builder } from '../builder.js';
import type { Context } from '../context.js';
import type {
  ConnectionListFilters,
  FlowListFilters,
  FlowRunListFilters,
  FlowRunState as RestFlowRunState,
} from '../upstream/membrane-api.js';
import { FlowRunState } from './enums.js';
import { definedOnly, entityPage } from './lists.js';
import { ConnectionSpec, FlowRunSpec, FlowSpec } from './refs.js';

/** Arguments of a list reached from a parent object (`integration.flows`, `user.connections` …). */
export const nestedListArgs = builder.args((t) => ({
  first: t.int(),
  after: t.string(),
  search: t.string(),
  includeArchived: t.boolean(),
}));

interface NestedListArgs {
  first?: number | null;
  after?: string | null;
  search?: string | null;
  includeArchived?: boolean | null;
}

/** Resolves a parent's flows: the flow list filtered by the parent's key. */
export const flowsOf =
  <P>(byParent: (parent: P) => FlowListFilters) =>
  (parent: P, { first, after, ...filters }: NestedListArgs, ctx: Context) =>
    entityPage(FlowSpec, ctx, { first, after }, (page) =>
      ctx.api.flows.list({ ...definedOnly(filters), ...byParent(parent) }, page),
    );

/** Resolves a parent's connections: the connection list filtered by the parent's key. */
export const connectionsOf =
  <P>(byParent: (parent: P) => ConnectionListFilters) =>
  (parent: P, { first, after, ...filters }: NestedListArgs, ctx: Context) =>
    entityPage(ConnectionSpec, ctx, { first, after }, (page) =>
      ctx.api.connections.list({ ...definedOnly(filters), ...byParent(parent) }, page),
    );

/** Arguments of the runs reached from a flow, connection or user. */
export const nestedRunArgs = builder.args((t) => ({
  first: t.int(),
  after: t.string(),
  state: t.field({ type: FlowRunState.ref }),
}));

interface NestedRunArgs {
  first?: number | null;
  after?: string | null;
  state?: RestFlowRunState | null;
}

/** Resolves a parent's flow runs: the run list filtered by the parent's key. */
export const flowRunsOf =
  <P>(byParent: (parent: P, ctx: Context) => FlowRunListFilters | Promise<FlowRunListFilters>) =>
  async (parent: P, { first, after, state }: NestedRunArgs, ctx: Context) => {
    const filters = { ...definedOnly({ state }), ...(await byParent(parent, ctx)) };
    return entityPage(FlowRunSpec, ctx, { first, after }, (page) =>
      ctx.api.flowRuns.list(filters, page),
    );
  };
