import type { Context } from '../context.js';
import type { ActionListFilters, ActionRunLogListFilters } from '../upstream/membrane-api.js';
import type { UpstreamAction } from '../upstream/schemas.js';
import { ActionRunLogConnection } from './action-run-log.js';
import { appliedToIntegrationType, layeredElementFields } from './element-fields.js';
import { ActionType } from './enums.js';
import { actionRunLogsOf, actionsOf, nestedRunLogArgs } from './nested-lists.js';
import { connectionType } from './pagination.js';
import { Action, ActionSpec } from './refs.js';
import { fullField, layerOf, related } from './relations.js';
import {
  booleanFields,
  idFields,
  jsonFields,
  requiredIdAndName,
  stringFields,
} from './scalar-fields.js';

export const ActionConnection = connectionType('Action', Action);

const ActionAppliedToIntegration = appliedToIntegrationType(
  'ActionAppliedToIntegration',
  Action,
  ActionSpec,
  'An integration-specific version of a universal action, with its integration.',
);

Action.implement({
  description:
    'An action at any layer: universal, integration-specific, or a connection-level instance.',
  fields: (t) => ({
    ...requiredIdAndName(t),
    ...layeredElementFields(t, 'action'),
    ...idFields(t, ['parentId', 'universalParentId']),
    ...stringFields(t, ['agentSessionId']),
    ...booleanFields(t, ['isPublic']),
    type: t.field({ type: ActionType.ref, resolve: (a, _, ctx) => ActionType.read(a.type, ctx) }),
    ...jsonFields(t, ['config', 'inputSchema', 'outputSchema', 'outputMapping']),
    ...jsonFields(t, ['customOutputSchema']),
    // what only a full response carries (not an embed: the SDK's BaseAction)
    defaultOutputSchema: t.field({
      type: 'JSON',
      resolve: async (a, _, ctx) =>
        (await fullField(ActionSpec, ctx, a, 'defaultOutputSchema')) ?? null,
    }),
    transformedOutputSchema: t.field({
      type: 'JSON',
      resolve: async (a, _, ctx) =>
        (await fullField(ActionSpec, ctx, a, 'transformedOutputSchema')) ?? null,
    }),
    dependencies: t.field({
      type: 'JSON',
      resolve: async (a, _, ctx) => (await fullField(ActionSpec, ctx, a, 'dependencies')) ?? null,
    }),
    appliedToIntegrations: t.field({
      type: [ActionAppliedToIntegration],
      description: 'Integration-specific versions, as the API embeds them.',
      resolve: (a, _, ctx) => fullField(ActionSpec, ctx, a, 'appliedToIntegrations'),
    }),

    parent: t.field({
      type: Action,
      description:
        'The action this one derives from (`parentId`): an instance’s integration-level action, or an integration-level action’s universal one.',
      resolve: related(
        ActionSpec,
        (a: UpstreamAction) => a.parentId,
        (a) => a.parent,
      ),
    }),
    universalAction: t.field({
      type: Action,
      description:
        'The universal action at the root of this one’s hierarchy (`universalParentId`).',
      resolve: related(ActionSpec, (a: UpstreamAction) => a.universalParentId),
    }),
    instances: t.field({
      type: ActionConnection,
      nullable: false,
      description:
        'Connection-level actions derived from this action: by `parentId`, or `universalParentId` for a universal action.',
      args: { first: t.arg.int(), after: t.arg.string() },
      resolve: actionsOf(instancesOfAction),
    }),
    runLogs: t.field({
      type: ActionRunLogConnection,
      nullable: false,
      description:
        'Runs of this action, newest first: of the instance, or of every instance of an integration or universal action.',
      args: nestedRunLogArgs,
      resolve: actionRunLogsOf(runLogsOfAction),
    }),
  }),
});

async function instancesOfAction(action: UpstreamAction, ctx: Context): Promise<ActionListFilters> {
  return (await layerOf(ActionSpec, ctx, action)) === 'universal'
    ? { universalParentId: action.id, layer: 'connection' }
    : { parentId: action.id };
}

/** Run logs name their action at each layer, so the filter follows the action's layer. */
async function runLogsOfAction(
  action: UpstreamAction,
  ctx: Context,
): Promise<ActionRunLogListFilters> {
  const key = RUN_LOG_FILTER_BY_LAYER[await layerOf(ActionSpec, ctx, action)];
  return { [key]: action.id };
}

const RUN_LOG_FILTER_BY_LAYER = {
  connection: 'connectionActionId',
  integration: 'integrationActionId',
  universal: 'universalActionId',
} as const;
