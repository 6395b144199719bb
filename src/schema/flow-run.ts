import { builder } from '../builder.js';
import type { UpstreamFlowRun } from '../upstream/schemas.js';
import { elementSelector, flowSelectorArgs } from './element-selector.js';
import { FlowRunNodeState, FlowRunState, FlowRunTrigger } from './enums.js';
import { definedOnly, entityPage } from './lists.js';
import { connectionType } from './pagination.js';
import {
  Connection,
  ConnectionSpec,
  Flow,
  FlowRun,
  FlowRunSpec,
  FlowSpec,
  Integration,
  IntegrationSpec,
  User,
  UserSpec,
} from './refs.js';
import { rememberWritten, resolveRelated } from './relations.js';
import { dateFields, idFields, intFields, jsonFields, stringFields } from './scalar-fields.js';
import { ErrorInfo, errorList } from './shared.js';

export const FlowRunConnection = connectionType('FlowRun', FlowRun);

type NodeRecord = NonNullable<UpstreamFlowRun['nodes']>[string];

const FlowRunNode = builder.objectRef<NodeRecord & { key: string }>('FlowRunNode').implement({
  description: 'The progress of one node of a flow run.',
  fields: (t) => ({
    key: t.string({ nullable: false, resolve: (n) => n.key }),
    state: t.field({
      type: FlowRunNodeState.ref,
      resolve: (n, _, ctx) => FlowRunNodeState.read(n.state, ctx),
    }),
    ...intFields(t, ['runs', 'erroredRuns', 'outputs']),
  }),
});

type LaunchedByShape = NonNullable<UpstreamFlowRun['launchedBy']>;

const FlowRunLaunchedBy = builder.objectRef<LaunchedByShape>('FlowRunLaunchedBy').implement({
  description: 'What launched a flow run, and the ids of the events or records involved.',
  fields: (t) => ({
    type: t.field({
      type: FlowRunTrigger.ref,
      resolve: (l, _, ctx) => FlowRunTrigger.read(l.type, ctx),
    }),
    ids: t.stringList({ resolve: (l) => l.ids ?? null }),
  }),
});

FlowRun.implement({
  description: 'One run of a connection-level flow (flow instance).',
  fields: (t) => ({
    id: t.id({ nullable: false, resolve: (r) => r.id }),
    ...stringFields(t, ['name', 'startNodeKey']),
    state: t.field({
      type: FlowRunState.ref,
      resolve: (r, _, ctx) => FlowRunState.read(r.state, ctx),
    }),
    ...dateFields(t, ['startTime', 'endTime']),
    ...jsonFields(t, ['input', 'meta']),
    errors: t.field({ type: [ErrorInfo], resolve: (r) => errorList(r.errors) }),
    nodes: t.field({
      type: [FlowRunNode],
      description: 'Per-node progress, sorted by node key.',
      resolve: (r) =>
        r.nodes
          ? Object.keys(r.nodes)
              .sort()
              .map((key) => ({ ...r.nodes?.[key], key }))
          : null,
    }),
    launchedBy: t.field({ type: FlowRunLaunchedBy, resolve: (r) => r.launchedBy ?? null }),
    connectionFlowId: t.id({
      description: 'The connection-level flow (flow instance) that ran.',
      resolve: (r) => connectionFlowIdOf(r) ?? null,
    }),
    integrationFlowId: t.id({
      description: 'The integration-level flow of the flow instance.',
      resolve: (r) => r.integrationFlowId ?? null,
    }),
    ...idFields(t, ['universalFlowId', 'userId', 'tenantId', 'integrationId', 'connectionId']),
    ...idFields(t, ['externalAppId']),

    flow: t.field({
      type: Flow,
      description: 'The connection-level flow (flow instance) that ran.',
      resolve: (r, _, ctx, info) =>
        resolveRelated(FlowSpec, ctx, info, connectionFlowIdOf(r), r.flowInstance),
    }),
    integrationFlow: t.field({
      type: Flow,
      description: 'The integration-level flow of the flow instance.',
      resolve: (r, _, ctx, info) => resolveRelated(FlowSpec, ctx, info, r.integrationFlowId),
    }),
    universalFlow: t.field({
      type: Flow,
      description: 'The universal flow the flow derives from, if any.',
      resolve: (r, _, ctx, info) => resolveRelated(FlowSpec, ctx, info, r.universalFlowId),
    }),
    integration: t.field({
      type: Integration,
      resolve: (r, _, ctx, info) =>
        resolveRelated(IntegrationSpec, ctx, info, r.integrationId, r.integration),
    }),
    connection: t.field({
      type: Connection,
      resolve: (r, _, ctx, info) =>
        resolveRelated(ConnectionSpec, ctx, info, r.connectionId, r.connection),
    }),
    user: t.field({
      type: User,
      description: 'The tenant (customer) the run belongs to.',
      resolve: (r, _, ctx, info) =>
        resolveRelated(UserSpec, ctx, info, r.userId ?? r.tenantId, r.user),
    }),
  }),
});

/** `flowInstanceId` is the deprecated name of `connectionFlowId` (membrane-api.md §5.5). */
function connectionFlowIdOf(run: UpstreamFlowRun): string | undefined {
  return run.connectionFlowId ?? run.flowInstanceId;
}

builder.queryFields((t) => ({
  flowRun: t.field({
    type: FlowRun,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_, { id }, ctx) => FlowRunSpec.loader(ctx).load(id),
  }),
  flowRuns: t.field({
    type: FlowRunConnection,
    nullable: false,
    description: 'Flow runs, newest first, filtered by any of the arguments.',
    args: {
      first: t.arg.int(),
      after: t.arg.string(),
      state: t.arg({ type: FlowRunState.ref }),
      connectionFlowId: t.arg.id(),
      integrationFlowId: t.arg.id(),
      universalFlowId: t.arg.id(),
      integrationId: t.arg.id(),
      connectionId: t.arg.id(),
      userId: t.arg.id(),
      from: t.arg({ type: 'DateTime', description: 'Runs that started at or after this instant.' }),
      to: t.arg({ type: 'DateTime', description: 'Runs that started at or before this instant.' }),
    },
    resolve: (_, { first, after, from, to, ...filters }, ctx) =>
      entityPage(FlowRunSpec, ctx, { first, after }, (page) =>
        ctx.api.flowRuns.list(
          { ...definedOnly(filters), from: from?.toISOString(), to: to?.toISOString() },
          page,
        ),
      ),
  }),
}));

builder.mutationFields((t) => ({
  runFlow: t.field({
    type: FlowRun,
    nullable: false,
    description:
      'Starts a run of a connection-level flow (`POST /flows/{selector}/run`); the REST API takes the connection layer by default. Never retried.',
    args: {
      ...flowSelectorArgs,
      input: t.arg({ type: 'JSON', description: 'The input of the start node.' }),
      nodeKey: t.arg.string({
        description: 'The node to start from; default: the flow’s trigger.',
      }),
    },
    resolve: async (_, { input, nodeKey, ...args }, ctx) => {
      const { selector, params } = elementSelector(args);
      const run = await ctx.api.flows.run(selector, params, definedOnly({ input, nodeKey }));
      return rememberWritten(FlowRunSpec, ctx, run);
    },
  }),
  stopFlowRun: t.field({
    type: FlowRun,
    nullable: false,
    // the stop, then the read (for the call estimate)
    extensions: { upstreamCalls: 2 },
    description:
      'Stops a queued or running flow run (`POST /flow-runs/{id}/stop`) and returns the run as it is then.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_, { id }, ctx) => {
      await ctx.api.flowRuns.stop(id);
      return rememberWritten(FlowRunSpec, ctx, await ctx.api.flowRuns.get(id));
    },
  }),
}));
