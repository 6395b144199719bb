import { builder } from '../builder.js';
import { ActionRunLogConnection } from './action-run-log.js';
import { ConnectionConnection } from './connection.js';
import { FlowConnection } from './flow.js';
import { FlowRunConnection } from './flow-run.js';
import { definedOnly, entityPage } from './lists.js';
import {
  actionRunLogsOf,
  connectionsOf,
  flowRunsOf,
  flowsOf,
  nestedListArgs,
  nestedRunArgs,
  nestedRunLogArgs,
} from './nested-lists.js';
import { connectionType } from './pagination.js';
import { User, UserSpec } from './refs.js';
import {
  booleanFields,
  dateFields,
  jsonFields,
  requiredIdAndName,
  stringFields,
} from './scalar-fields.js';
import { secret } from './secrets.js';

export const UserConnection = connectionType('User', User);

User.implement({
  description:
    'A tenant of the workspace (REST: customer), embedded in flows and connections as `user`.',
  fields: (t) => ({
    ...requiredIdAndName(t),
    ...stringFields(t, ['internalId']),
    ...jsonFields(t, ['meta', 'fields']),
    ...booleanFields(t, ['isTest', 'isBillable', 'isActive']),
    ...dateFields(t, ['lastActiveAt', 'createdAt', 'archivedAt']),
    aiCreditsRolling30DayLimit: t.float({
      description: 'Null means unlimited.',
      resolve: (u) => u.aiCreditsRolling30DayLimit ?? null,
    }),
    credentials: t.field({
      type: 'JSON',
      description: 'Secret: null unless the gateway runs with EXPOSE_SECRETS.',
      resolve: (u, _, ctx) => secret(ctx, () => u.credentials ?? null),
    }),
    connections: t.field({
      type: ConnectionConnection,
      nullable: false,
      args: nestedListArgs,
      resolve: connectionsOf((u) => ({ userId: u.id })),
    }),
    flows: t.field({
      type: FlowConnection,
      nullable: false,
      description: "This tenant's connection-level flows.",
      args: nestedListArgs,
      resolve: flowsOf((u) => ({ userId: u.id })),
    }),
    flowRuns: t.field({
      type: FlowRunConnection,
      nullable: false,
      description: "Runs of this tenant's flows, newest first.",
      args: nestedRunArgs,
      resolve: flowRunsOf((p) => ({ userId: p.id })),
    }),
    actionRunLogs: t.field({
      type: ActionRunLogConnection,
      nullable: false,
      description: "Runs of this tenant's actions, newest first.",
      args: nestedRunLogArgs,
      resolve: actionRunLogsOf((p) => ({ userId: p.id })),
    }),
  }),
});

builder.queryFields((t) => ({
  user: t.field({
    type: User,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_, { id }, ctx) => UserSpec.loader(ctx).load(id),
  }),
  users: t.field({
    type: UserConnection,
    nullable: false,
    args: {
      first: t.arg.int(),
      after: t.arg.string(),
      search: t.arg.string(),
      isTest: t.arg.boolean(),
      isActive: t.arg.boolean(),
      includeArchived: t.arg.boolean(),
    },
    resolve: (_, { first, after, ...filters }, ctx) =>
      entityPage(UserSpec, ctx, { first, after }, (page) =>
        ctx.api.customers.list(definedOnly(filters), page),
      ),
  }),
}));
