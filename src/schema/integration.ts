import { builder } from '../builder.js';
import { ActionConnection } from './action.js';
import { ConnectionConnection } from './connection.js';
import { elementFields } from './element-fields.js';
import { AuthType } from './enums.js';
import { FlowConnection } from './flow.js';
import { definedOnly, entityPage } from './lists.js';
import { actionsOf, connectionsOf, flowsOf, nestedListArgs } from './nested-lists.js';
import { connectionType } from './pagination.js';
import { Connection, ConnectionSpec, Integration, IntegrationSpec } from './refs.js';
import { fullField, rememberFull, resolveRelated } from './relations.js';
import {
  booleanFields,
  idFields,
  intFields,
  jsonFields,
  requiredIdAndName,
  stringFields,
} from './scalar-fields.js';
import { secret } from './secrets.js';

export const IntegrationConnection = connectionType('Integration', Integration);

const IntegrationAuthOption = builder
  .objectRef<Record<string, unknown>>('IntegrationAuthOption')
  .implement({
    description: 'A way to authenticate a connection (deprecated upstream in favour of authType).',
    fields: (t) => ({
      ...stringFields(t, ['key', 'title', 'description']),
      type: t.field({ type: AuthType.ref, resolve: (o, _, ctx) => AuthType.read(o.type, ctx) }),
      ...jsonFields(t, ['inputSchema', 'ui']),
    }),
  });

const hasId = <T extends { id?: string }>(item: T): item is T & { id: string } => Boolean(item.id);

Integration.implement({
  description: 'An external app integration of the workspace (HubSpot, Slack …).',
  fields: (t) => ({
    ...requiredIdAndName(t),
    ...elementFields(t),
    ...stringFields(t, ['logoUri', 'connectorVersion', 'oAuthCallbackUri', 'appUuid']),
    ...idFields(t, ['connectorId', 'externalAppId']),
    ...booleanFields(t, ['hasMissingParameters', 'hasDocumentation', 'hasOperations', 'hasData']),
    ...booleanFields(t, ['hasEvents', 'hasGlobalWebhooks', 'hasUdm', 'isTest']),
    ...intFields(t, ['operationsCount', 'dataCollectionsCount', 'eventsCount']),
    ...jsonFields(t, ['optionsConfig']),
    authType: t.field({
      type: AuthType.ref,
      resolve: (i, _, ctx) => AuthType.read(i.authType, ctx),
    }),
    parameters: t.field({
      type: 'JSON',
      description:
        'May hold OAuth client secrets: null unless the gateway runs with EXPOSE_SECRETS.',
      resolve: (i, _, ctx) => secret(ctx, () => i.parameters ?? null),
    }),
    spec: t.field({
      type: 'JSON',
      resolve: (i, _, ctx) => fullField(IntegrationSpec, ctx, i, 'spec'),
    }),
    appUri: t.string({ resolve: (i, _, ctx) => fullField(IntegrationSpec, ctx, i, 'appUri') }),
    isConnected: t.boolean({
      resolve: (i, _, ctx) => fullField(IntegrationSpec, ctx, i, 'isConnected'),
    }),
    authOptions: t.field({
      type: [IntegrationAuthOption],
      resolve: async (i, _, ctx) =>
        ((await fullField(IntegrationSpec, ctx, i, 'authOptions')) ?? null) as
          | Record<string, unknown>[]
          | null,
    }),
    connection: t.field({
      type: Connection,
      description: "The calling tenant's own connection to this integration, as the API embeds it.",
      resolve: async (i, _, ctx, info) => {
        const embed = await fullField(IntegrationSpec, ctx, i, 'connection');
        return embed ? resolveRelated(ConnectionSpec, ctx, info, embed.id, embed) : null;
      },
    }),
    flows: t.field({
      type: FlowConnection,
      nullable: false,
      args: nestedListArgs,
      resolve: flowsOf((i) => ({ integrationId: i.id })),
    }),
    connections: t.field({
      type: ConnectionConnection,
      nullable: false,
      args: nestedListArgs,
      resolve: connectionsOf((i) => ({ integrationId: i.id })),
    }),
    actions: t.field({
      type: ActionConnection,
      nullable: false,
      description: 'Actions of this integration, at the integration and connection layers.',
      args: nestedListArgs,
      resolve: actionsOf((i) => ({ integrationId: i.id })),
    }),
  }),
});

builder.queryFields((t) => ({
  integration: t.field({
    type: Integration,
    description: 'An integration by id, uuid or key.',
    args: { selector: t.arg.string({ required: true }) },
    resolve: async (_, { selector }, ctx) =>
      rememberFull(IntegrationSpec, ctx, await ctx.api.integrations.get(selector)),
  }),
  integrations: t.field({
    type: IntegrationConnection,
    nullable: false,
    args: {
      first: t.arg.int(),
      after: t.arg.string(),
      search: t.arg.string(),
      includeArchived: t.arg.boolean(),
    },
    resolve: (_, { first, after, ...filters }, ctx) =>
      entityPage(IntegrationSpec, ctx, { first, after }, async (page) => {
        const { items, cursor } = await ctx.api.integrations.list(definedOnly(filters), page);
        // entries the API generated on the fly have no id yet: they are not entities
        return { items: items.filter(hasId), cursor };
      }),
  }),
}));
