import { builder } from '../builder.js';
import type { Context } from '../context.js';
import type {
  ActionListFilters,
  ActionRunLogListFilters,
  ConnectionListFilters,
  FlowListFilters,
  FlowRunListFilters,
  ActionRunLogStatus as RestActionRunLogStatus,
  FlowRunState as RestFlowRunState,
} from '../upstream/membrane-api.js';
import { ActionRunLogStatus, FlowRunState } from './enums.js';
import { definedOnly, entityPage } from './lists.js';
import { ActionRunLogSpec, ActionSpec, ConnectionSpec, FlowRunSpec, FlowSpec } from './refs.js';

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

/** Resolves a parent's actions: the action list filtered by the parent's key. */
export const actionsOf =
  <P>(byParent: (parent: P, ctx: Context) => ActionListFilters | Promise<ActionListFilters>) =>
  async (parent: P, { first, after, ...filters }: NestedListArgs, ctx: Context) => {
    const byKey = { ...definedOnly(filters), ...(await byParent(parent, ctx)) };
    return entityPage(ActionSpec, ctx, { first, after }, (page) =>
      ctx.api.actions.list(byKey, page),
    );
  };

/** Arguments of the action run logs reached from an action, connection or user. */
export const nestedRunLogArgs = builder.args((t) => ({
  first: t.int(),
  after: t.string(),
  status: t.field({ type: ActionRunLogStatus.ref }),
}));

interface NestedRunLogArgs {
  first?: number | null;
  after?: string | null;
  status?: RestActionRunLogStatus | null;
}

/** Resolves a parent's action run logs: the run log list filtered by the parent's key. */
export const actionRunLogsOf =
  <P>(
    byParent: (
      parent: P,
      ctx: Context,
    ) => ActionRunLogListFilters | Promise<ActionRunLogListFilters>,
  ) =>
  async (parent: P, { first, after, status }: NestedRunLogArgs, ctx: Context) => {
    const filters = { ...definedOnly({ status }), ...(await byParent(parent, ctx)) };
    return entityPage(ActionRunLogSpec, ctx, { first, after }, (page) =>
      ctx.api.actionRunLogs.list(filters, page),
    );
  };
