import { builder } from '../builder.js';
import type { UpstreamActionRunLog } from '../upstream/schemas.js';
import { ActionRunLogStatus } from './enums.js';
import { definedOnly, entityPage } from './lists.js';
import { connectionType } from './pagination.js';
import {
  Action,
  ActionRunLog,
  ActionRunLogSpec,
  ActionSpec,
  Connection,
  ConnectionSpec,
  Integration,
  IntegrationSpec,
  User,
  UserSpec,
} from './refs.js';
import { related } from './relations.js';
import { dateFields, idFields, jsonFields, stringFields } from './scalar-fields.js';
import { ErrorInfo } from './shared.js';

export const ActionRunLogConnection = connectionType('ActionRunLog', ActionRunLog);

type Log = UpstreamActionRunLog;
/** `actionId` / `actionInstanceId` are the deprecated names of the layer ids (SDK 0.28.3). */
const integrationActionIdOf = (l: Log) => l.integrationActionId ?? l.actionId;
const connectionActionIdOf = (l: Log) => l.connectionActionId ?? l.actionInstanceId;

ActionRunLog.implement({
  description: 'The record of one run of an action: its input, output or error.',
  fields: (t) => ({
    id: t.id({ nullable: false, resolve: (l) => l.id }),
    ...stringFields(t, ['name']),
    status: t.field({
      type: ActionRunLogStatus.ref,
      resolve: (l, _, ctx) => ActionRunLogStatus.read(l.status, ctx),
    }),
    ...jsonFields(t, ['input', 'output', 'meta']),
    error: t.field({
      type: ErrorInfo,
      description: 'Why the run failed (status ERROR).',
      resolve: (l) => l.error ?? null,
    }),
    ...dateFields(t, ['createdAt', 'completedAt']),
    duration: t.float({
      description: 'How long the run took, as the API reports it (milliseconds).',
      resolve: (l) => (typeof l.duration === 'number' ? l.duration : null),
    }),
    ...idFields(t, ['universalActionId', 'integrationId', 'connectionId', 'userId', 'tenantId']),
    ...idFields(t, ['externalAppId', 'actionId', 'actionInstanceId']),
    integrationActionId: t.id({
      description: 'The integration-level action that ran (or whose instance ran).',
      resolve: (l) => integrationActionIdOf(l) ?? null,
    }),
    connectionActionId: t.id({
      description: 'The connection-level action (action instance) that ran.',
      resolve: (l) => connectionActionIdOf(l) ?? null,
    }),

    action: t.field({
      type: Action,
      description:
        'The action that ran: the connection-level action, or the integration-level one when the run names no instance.',
      resolve: (l, args, ctx, info) =>
        connectionActionIdOf(l)
          ? connectionAction(l, args, ctx, info)
          : integrationAction(l, args, ctx, info),
    }),
    integrationAction: t.field({
      type: Action,
      description: 'The integration-level action of the run.',
      resolve: (l, args, ctx, info) => integrationAction(l, args, ctx, info),
    }),
    universalAction: t.field({
      type: Action,
      description: 'The universal action the run’s action derives from, if any.',
      resolve: related(ActionSpec, (l: Log) => l.universalActionId),
    }),
    integration: t.field({
      type: Integration,
      resolve: related(
        IntegrationSpec,
        (l: Log) => l.integrationId,
        (l) => l.integration,
      ),
    }),
    connection: t.field({
      type: Connection,
      resolve: related(
        ConnectionSpec,
        (l: Log) => l.connectionId,
        (l) => l.connection,
      ),
    }),
    user: t.field({
      type: User,
      description: 'The tenant (customer) the run belongs to.',
      resolve: related(
        UserSpec,
        (l: Log) => l.userId ?? l.tenantId,
        (l) => l.user,
      ),
    }),
  }),
});

const integrationAction = related(ActionSpec, integrationActionIdOf, (l: Log) => l.action);
const connectionAction = related(ActionSpec, connectionActionIdOf, (l: Log) => l.actionInstance);

builder.queryFields((t) => ({
  actionRunLog: t.field({
    type: ActionRunLog,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_, { id }, ctx) => ActionRunLogSpec.loader(ctx).load(id),
  }),
  actionRunLogs: t.field({
    type: ActionRunLogConnection,
    nullable: false,
    description: 'Runs of actions, newest first, filtered by any of the arguments.',
    args: {
      first: t.arg.int(),
      after: t.arg.string(),
      status: t.arg({ type: ActionRunLogStatus.ref }),
      actionId: t.arg.id({ description: 'Runs of this action, at any of its layers.' }),
      universalActionId: t.arg.id(),
      integrationActionId: t.arg.id(),
      connectionActionId: t.arg.id(),
      integrationId: t.arg.id(),
      connectionId: t.arg.id(),
      userId: t.arg.id(),
      from: t.arg({ type: 'DateTime', description: 'Runs created at or after this instant.' }),
      to: t.arg({ type: 'DateTime', description: 'Runs created at or before this instant.' }),
    },
    resolve: (_, { first, after, from, to, ...filters }, ctx) =>
      entityPage(ActionRunLogSpec, ctx, { first, after }, (page) =>
        ctx.api.actionRunLogs.list(
          { ...definedOnly(filters), from: from?.toISOString(), to: to?.toISOString() },
          page,
        ),
      ),
  }),
}));
