import { builder } from '../builder.js';
import type { Context } from '../context.js';

/**
 * A REST enum as a GraphQL enum: `integration-app-token` becomes `INTEGRATION_APP_TOKEN`.
 * `read` degrades a value the upstream added later to null (with a warning) instead of
 * failing the whole field (design §4).
 */
function restEnum<const V extends string>(
  name: string,
  restValues: readonly V[],
  description: string,
) {
  const toName = (v: string) => v.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();
  const ref = builder.enumType(name, {
    description,
    values: Object.fromEntries(restValues.map((v) => [toName(v), { value: v }])) as Record<
      string,
      { value: V }
    >,
  });
  const known = new Set<string>(restValues);
  const read = (raw: unknown, ctx: Context): V | null => {
    if (raw === undefined || raw === null) {
      return null;
    }
    if (typeof raw === 'string' && known.has(raw)) {
      return raw as V;
    }
    ctx.log.warn(
      { enum: name, value: raw },
      'unknown enum value from the upstream; returning null',
    );
    return null;
  };
  return { ref, read };
}

export const ElementLayer = restEnum(
  'ElementLayer',
  ['universal', 'integration', 'connection'],
  'Which layer of a multi-layer element: universal, integration-specific, or a connection-level instance.',
);

export const ElementState = restEnum(
  'ElementState',
  [
    'BUILDING',
    'CLIENT_ACTION_REQUIRED',
    'CONFIGURATION_ERROR',
    'SETUP_FAILED',
    'READY',
    'DISCONNECTING',
  ],
  'Setup state of an element; `errors` is filled when it is not READY.',
);

export const ErrorType = restEnum(
  'ErrorType',
  [
    'bad_request',
    'connection',
    'configuration',
    'dependency_error',
    'flow_run',
    'flow_instance_setup',
    'concurrency',
    'internal',
    'action_run',
    'action_instance_setup',
    'unit_run',
    'custom_code',
    'insufficient_credit',
    'openrouter_not_configured',
  ],
  'Kind of an element-level error reported by Membrane.',
);

export const AuthType = restEnum(
  'AuthType',
  ['integration-app-token', 'membrane-token', 'oauth2', 'oauth1', 'client-credentials', 'proxy'],
  'How a connection to the integration authenticates.',
);

export const ClientActionType = restEnum(
  'ClientActionType',
  ['connect', 'provide-input'],
  'What the user must do for a connection in state CLIENT_ACTION_REQUIRED.',
);

export const FlowRunState = restEnum(
  'FlowRunState',
  ['queued', 'running', 'completed', 'stopped', 'failed'],
  'Where a flow run is: QUEUED and RUNNING change; COMPLETED, STOPPED and FAILED are final.',
);

export const FlowRunNodeState = restEnum(
  'FlowRunNodeState',
  ['running', 'completed', 'stopped', 'failed'],
  'Where one node of a flow run is.',
);

export const FlowRunTrigger = restEnum(
  'FlowRunTrigger',
  ['api-trigger', 'schedule-trigger', 'app-event-trigger', 'data-source-trigger', 'external-event'],
  'What launched a flow run.',
);

export const ActionType = restEnum(
  'ActionType',
  [
    'list-data-records',
    'find-data-record-by-id',
    'match-data-record',
    'create-data-record',
    'find-or-create-data-record',
    'update-data-record',
    'delete-data-record',
    'search-data-record',
    'connector-operation',
    'api-request-to-external-app',
    'api-request-to-your-app',
    'http-request',
    'run-javascript',
    'api-request',
  ],
  'What an action does when it runs; its `config` follows from it.',
);

export const ActionRunLogStatus = restEnum(
  'ActionRunLogStatus',
  ['success', 'error'],
  'How a run of an action ended.',
);
