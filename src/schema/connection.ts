import { builder } from '../builder.js';
import { ActionConnection } from './action.js';
import { ActionRunLogConnection } from './action-run-log.js';
import { ElementState } from './enums.js';
import { FlowConnection } from './flow.js';
import { FlowRunConnection } from './flow-run.js';
import { definedOnly, entityPage } from './lists.js';
import {
  actionRunLogsOf,
  actionsOf,
  flowRunsOf,
  flowsOf,
  nestedListArgs,
  nestedRunArgs,
  nestedRunLogArgs,
} from './nested-lists.js';
import { connectionType } from './pagination.js';
import {
  Connection,
  ConnectionSpec,
  Integration,
  IntegrationSpec,
  User,
  UserSpec,
} from './refs.js';
import { fullField, resolveRelated } from './relations.js';
import {
  booleanFields,
  dateFields,
  idFields,
  intFields,
  jsonFields,
  requiredIdAndName,
  stringFields,
} from './scalar-fields.js';
import { secret } from './secrets.js';
import { ClientAction, ErrorInfo, errorList } from './shared.js';

export const ConnectionConnection = connectionType('Connection', Connection);

Connection.implement({
  description: "A tenant's authenticated connection to an integration's external app.",
  fields: (t) => ({
    ...requiredIdAndName(t),
    ...idFields(t, ['userId', 'tenantId', 'integrationId', 'connectorId', 'externalAppId']),
    ...stringFields(t, ['key', 'connectorVersion', 'authOptionKey', 'buildingAgentSessionId']),
    ...stringFields(t, ['nextRetryTimestamp']),
    ...booleanFields(t, ['isTest', 'connected', 'disconnected', 'isDefunct', 'isDeactivated']),
    ...booleanFields(t, ['canTest', 'canRefreshCredentials']),
    ...dateFields(t, ['createdAt', 'updatedAt', 'lastActiveAt', 'nextCredentialsRefreshAt']),
    ...dateFields(t, ['archivedAt']),
    ...intFields(t, ['retryAttempts']),
    ...jsonFields(t, ['meta']),
    state: t.field({
      type: ElementState.ref,
      resolve: (c, _, ctx) => ElementState.read(c.state, ctx),
    }),
    errors: t.field({ type: [ErrorInfo], resolve: (c) => errorList(c.errors) }),
    requestError: t.field({ type: ErrorInfo, resolve: (c) => c.requestError ?? null }),
    error: t.field({
      type: ErrorInfo,
      deprecationReason: 'Use requestError.',
      resolve: (c) => c.error ?? null,
    }),
    clientAction: t.field({ type: ClientAction, resolve: (c) => c.clientAction ?? null }),
    type: t.string({
      description: 'connector or mcp (newer API versions).',
      resolve: (c, _, ctx) => fullField(ConnectionSpec, ctx, c, 'type'),
    }),
    connectorParameters: t.field({
      type: 'JSON',
      resolve: (c, _, ctx) => fullField(ConnectionSpec, ctx, c, 'connectorParameters'),
    }),
    input: t.field({
      type: 'JSON',
      resolve: (c, _, ctx) => fullField(ConnectionSpec, ctx, c, 'input'),
    }),
    credentials: t.field({
      type: 'JSON',
      description:
        'Secret: null unless the gateway runs with EXPOSE_SECRETS (needs an admin token).',
      resolve: (c, _, ctx) =>
        secret(
          ctx,
          async () =>
            (await ctx.api.connections.get(c.id, { includeSecrets: true })).credentials ?? null,
        ),
    }),
    integration: t.field({
      type: Integration,
      resolve: (c, _, ctx, info) =>
        resolveRelated(IntegrationSpec, ctx, info, c.integrationId, c.integration),
    }),
    user: t.field({
      type: User,
      description: 'The tenant (customer) that owns this connection.',
      resolve: (c, _, ctx, info) =>
        resolveRelated(UserSpec, ctx, info, c.userId ?? c.tenantId, c.user),
    }),
    flows: t.field({
      type: FlowConnection,
      nullable: false,
      description: 'Connection-level flows (flow instances) of this connection.',
      args: nestedListArgs,
      resolve: flowsOf((c) => ({ connectionId: c.id })),
    }),
    flowRuns: t.field({
      type: FlowRunConnection,
      nullable: false,
      description: "Runs of this connection's flows, newest first.",
      args: nestedRunArgs,
      resolve: flowRunsOf((p) => ({ connectionId: p.id })),
    }),
    actions: t.field({
      type: ActionConnection,
      nullable: false,
      description: 'Connection-level actions (action instances) of this connection.',
      args: nestedListArgs,
      resolve: actionsOf((c) => ({ connectionId: c.id })),
    }),
    actionRunLogs: t.field({
      type: ActionRunLogConnection,
      nullable: false,
      description: "Runs of this connection's actions, newest first.",
      args: nestedRunLogArgs,
      resolve: actionRunLogsOf((p) => ({ connectionId: p.id })),
    }),
  }),
});

builder.queryFields((t) => ({
  connection: t.field({
    type: Connection,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_, { id }, ctx) => ConnectionSpec.loader(ctx).load(id),
  }),
  connections: t.field({
    type: ConnectionConnection,
    nullable: false,
    args: {
      first: t.arg.int(),
      after: t.arg.string(),
      search: t.arg.string(),
      isTest: t.arg.boolean(),
      connected: t.arg.boolean(),
      includeArchived: t.arg.boolean(),
      integrationId: t.arg.id(),
      integrationKey: t.arg.string(),
      userId: t.arg.id(),
    },
    resolve: (_, { first, after, ...filters }, ctx) =>
      entityPage(ConnectionSpec, ctx, { first, after }, (page) =>
        ctx.api.connections.list(definedOnly(filters), page),
      ),
  }),
}));
