import { builder } from '../builder.js';
import type { Context } from '../context.js';
import type { FlowRunListFilters } from '../upstream/membrane-api.js';
import type { UpstreamFlow } from '../upstream/schemas.js';
import { appliedToIntegrationType, layeredElementFields } from './element-fields.js';
import { FlowRunConnection } from './flow-run.js';
import { flowRunsOf, flowsOf, nestedRunArgs } from './nested-lists.js';
import { connectionType } from './pagination.js';
import { Flow, FlowSpec } from './refs.js';
import { fullField, layerOf, resolveRelated } from './relations.js';
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

const AppliedToIntegration = appliedToIntegrationType(
  'AppliedToIntegration',
  Flow,
  FlowSpec,
  'An integration-specific version of a universal flow, with its integration.',
);

Flow.implement({
  description:
    'A flow at any layer: universal, integration-specific, or a connection-level instance.',
  fields: (t) => ({
    ...requiredIdAndName(t),
    ...layeredElementFields(t, 'flow'),
    ...idFields(t, ['flowId', 'universalFlowId']),
    ...stringFields(t, ['flowRevision', 'universalFlowRevision']),
    ...booleanFields(t, ['enabled', 'autoCreateInstances']),
    ...jsonFields(t, ['parametersSchema', 'parameters', 'nodes', 'dependencies']),
    customized: t.field({ type: FlowCustomization, resolve: (f) => f.customized }),

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

/** Runs name their flow at each layer (design §9), so the filter follows the flow's layer. */
async function runsOfFlow(flow: UpstreamFlow, ctx: Context): Promise<FlowRunListFilters> {
  const key = RUN_FILTER_BY_LAYER[await layerOf(FlowSpec, ctx, flow)];
  return { [key]: flow.id };
}

const RUN_FILTER_BY_LAYER = {
  connection: 'connectionFlowId',
  integration: 'integrationFlowId',
  universal: 'universalFlowId',
} as const;
