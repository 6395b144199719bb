import { builder } from '../builder.js';
import type { Context } from '../context.js';
import type { FlowRunListFilters } from '../upstream/membrane-api.js';
import type { UpstreamFlow } from '../upstream/schemas.js';
import { elementFields } from './element-fields.js';
import { FlowRunConnection } from './flow-run.js';
import { flowRunsOf, flowsOf, nestedRunArgs } from './nested-lists.js';
import { connectionType } from './pagination.js';
import {
  Connection,
  ConnectionSpec,
  Flow,
  FlowSpec,
  Integration,
  IntegrationSpec,
  User,
  UserSpec,
} from './refs.js';
import { fullField, resolveRelated } from './relations.js';
import {
  booleanFields,
  idFields,
  jsonFields,
  requiredIdAndName,
  stringFields,
} from './scalar-fields.js';

export const FlowConnection = connectionType('Flow', Flow);

const FlowCustomization = builder
  .objectRef<{ name?: boolean; nodes?: boolean }>('FlowCustomization')
  .implement({
    description: 'Which parts of a connection-level flow the tenant has customised.',
    fields: (t) => booleanFields(t, ['name', 'nodes']),
  });

type AppliedShape = NonNullable<UpstreamFlow['appliedToIntegrations']>[number];

const AppliedToIntegration = builder.objectRef<AppliedShape>('AppliedToIntegration').implement({
  description: 'An integration-specific version of a universal flow, with its integration.',
  fields: (t) => ({
    element: t.field({
      type: Flow,
      nullable: false,
      resolve: (a, _, ctx, info) =>
        resolveRelated(FlowSpec, ctx, info, a.element.id, a.element) ?? a.element,
    }),
    integration: t.field({
      type: Integration,
      resolve: (a, _, ctx, info) =>
        resolveRelated(
          IntegrationSpec,
          ctx,
          info,
          a.integration?.id ?? a.element.integrationId,
          a.integration,
        ),
    }),
  }),
});

Flow.implement({
  description:
    'A flow at any layer: universal, integration-specific, or a connection-level instance.',
  fields: (t) => ({
    ...requiredIdAndName(t),
    ...elementFields(t),
    ...idFields(t, ['integrationId', 'connectionId', 'externalAppId', 'flowId', 'universalFlowId']),
    ...idFields(t, ['userId', 'tenantId']),
    ...stringFields(t, [
      'integrationUuid',
      'integrationKey',
      'parentUuid',
      'parentKey',
      'instanceKey',
    ]),
    ...stringFields(t, [
      'externalAppUuid',
      'externalAppKey',
      'flowRevision',
      'universalFlowRevision',
    ]),
    ...booleanFields(t, ['isUniversal', 'enabled', 'autoCreateInstances', 'isCustomized']),
    ...jsonFields(t, ['parametersSchema', 'parameters', 'nodes', 'dependencies']),
    customized: t.field({ type: FlowCustomization, resolve: (f) => f.customized }),

    integration: t.field({
      type: Integration,
      description: 'The integration of an integration-specific or connection-level flow.',
      resolve: (f, _, ctx, info) =>
        resolveRelated(IntegrationSpec, ctx, info, f.integrationId, f.integration),
    }),
    connection: t.field({
      type: Connection,
      description: 'The connection of a connection-level flow (flow instance).',
      resolve: (f, _, ctx, info) =>
        resolveRelated(ConnectionSpec, ctx, info, f.connectionId, f.connection),
    }),
    user: t.field({
      type: User,
      description: 'The tenant (customer) that owns a connection-level flow.',
      resolve: (f, _, ctx, info) =>
        resolveRelated(UserSpec, ctx, info, f.userId ?? f.tenantId, f.user),
    }),
    flow: t.field({
      type: Flow,
      description: 'The parent flow (`flowId`): the integration-level flow of an instance.',
      resolve: (f, _, ctx, info) => resolveRelated(FlowSpec, ctx, info, f.flowId, f.flow),
    }),
    universalFlow: t.field({
      type: Flow,
      description: 'The universal flow this flow derives from (`universalFlowId`).',
      resolve: (f, _, ctx, info) => resolveRelated(FlowSpec, ctx, info, f.universalFlowId),
    }),
    appliedToIntegrations: t.field({
      type: [AppliedToIntegration],
      description: 'Integration-specific versions, as the API embeds them.',
      resolve: (f, _, ctx) => fullField(FlowSpec, ctx, f, 'appliedToIntegrations'),
    }),
    runs: t.field({
      type: FlowRunConnection,
      nullable: false,
      description:
        'Runs of this flow, newest first: of the instance, or of every instance of an integration or universal flow.',
      args: nestedRunArgs,
      resolve: flowRunsOf(runsOfFlow),
    }),
    instances: t.field({
      type: FlowConnection,
      nullable: false,
      description: 'Connection-level flows whose parent (`flowId`) is this flow.',
      args: { first: t.arg.int(), after: t.arg.string() },
      resolve: flowsOf((f) => ({ flowId: f.id })),
    }),
  }),
});

/**
 * Runs name their flow at each layer (design §9), so the filter follows the flow's layer: an
 * instance has a connection, an integration-level flow an integration, a universal flow neither.
 */
async function runsOfFlow(flow: UpstreamFlow, ctx: Context): Promise<FlowRunListFilters> {
  if (flow.connectionId) {
    return { connectionFlowId: flow.id };
  }
  if (flow.integrationId) {
    return { integrationFlowId: flow.id };
  }
  if (flow.isUniversal || ctx.known.isFull(flow)) {
    return { universalFlowId: flow.id };
  }
  // an embed that does not say: the flow itself does
  return runsOfFlow(await FlowSpec.loader(ctx).load(flow.id), ctx);
}
