/**
 * What the gateway must answer for a stored (wire) object: field lists for full selections and
 * the expected GraphQL value computed from `sandbox.data` (missing keys are null, REST enum
 * values UPPER_SNAKE, dates the stored ISO strings, JSON deep-equal).
 */
import type {
  ErrorData,
  WireAction,
  WireActionRunLog,
  WireConnection,
  WireCustomer,
  WireFlow,
  WireFlowRun,
  WireIntegration,
} from '../../src/sandbox/types.js';

type Wire = object;

/** `client-credentials` → `CLIENT_CREDENTIALS`. */
export const toEnum = (value: string): string => value.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();

const ELEMENT = [
  'id',
  'name',
  'uuid',
  'key',
  'description',
  'revision',
  'meta',
  'createdAt',
  'updatedAt',
  'archivedAt',
  'isDeactivated',
  'isReadOnly',
];

export const FLOW_PLAIN = [
  ...ELEMENT,
  ...['integrationId', 'connectionId', 'externalAppId', 'flowId', 'universalFlowId', 'userId'],
  ...['tenantId', 'integrationUuid', 'integrationKey', 'parentUuid', 'parentKey', 'instanceKey'],
  ...['externalAppUuid', 'externalAppKey', 'flowRevision', 'universalFlowRevision'],
  ...['isUniversal', 'enabled', 'autoCreateInstances', 'isCustomized'],
  ...['parametersSchema', 'parameters', 'nodes', 'dependencies'],
];

export const INTEGRATION_PLAIN = [
  ...ELEMENT,
  ...['logoUri', 'connectorVersion', 'oAuthCallbackUri', 'appUuid', 'connectorId'],
  ...['externalAppId', 'hasMissingParameters', 'hasDocumentation', 'hasOperations', 'hasData'],
  ...['hasEvents', 'hasGlobalWebhooks', 'hasUdm', 'isTest', 'operationsCount'],
  ...['dataCollectionsCount', 'eventsCount', 'optionsConfig', 'spec', 'appUri', 'isConnected'],
];

export const CONNECTION_PLAIN = [
  ...['id', 'name', 'userId', 'tenantId', 'integrationId', 'connectorId', 'externalAppId', 'key'],
  ...['connectorVersion', 'authOptionKey', 'buildingAgentSessionId', 'nextRetryTimestamp'],
  ...['isTest', 'connected', 'disconnected', 'isDefunct', 'isDeactivated', 'canTest'],
  ...['canRefreshCredentials', 'createdAt', 'updatedAt', 'lastActiveAt'],
  ...['nextCredentialsRefreshAt', 'archivedAt', 'retryAttempts', 'meta', 'type'],
  ...['connectorParameters', 'input'],
];

export const USER_PLAIN = [
  ...['id', 'name', 'internalId', 'meta', 'fields', 'isTest', 'isBillable', 'isActive'],
  ...['lastActiveAt', 'createdAt', 'archivedAt', 'aiCreditsRolling30DayLimit'],
];

const CAUSE = 'causedByError { message type key data }';
export const ERROR_SELECTION = `{ message type key data stack logs ${CAUSE} }`;

export const FLOW_SELECTION = `${FLOW_PLAIN.join(' ')} state errors ${ERROR_SELECTION} customized { name nodes }`;
export const INTEGRATION_SELECTION = `${INTEGRATION_PLAIN.join(' ')} state authType parameters errors ${ERROR_SELECTION}`;
export const CONNECTION_SELECTION = `${CONNECTION_PLAIN.join(' ')} state credentials errors ${ERROR_SELECTION} requestError ${ERROR_SELECTION} error ${ERROR_SELECTION} clientAction { type description uiUrl agentInstructions handoffAgentInstructions }`;
export const USER_SELECTION = `${USER_PLAIN.join(' ')} credentials`;

function plain(wire: Wire, names: readonly string[]): Record<string, unknown> {
  const record = wire as Record<string, unknown>;
  return Object.fromEntries(names.map((name) => [name, record[name] ?? null]));
}

const enumOrNull = (value: string | undefined): string | null =>
  value === undefined ? null : toEnum(value);

export function expectedError(e: ErrorData | undefined): Record<string, unknown> | null {
  if (e === undefined) {
    return null;
  }
  const cause = e.causedByError;
  return {
    ...plain(e, ['message', 'key', 'data', 'stack', 'logs']),
    type: enumOrNull(e.type),
    causedByError:
      cause === undefined
        ? null
        : { ...plain(cause, ['message', 'key', 'data']), type: enumOrNull(cause.type) },
  };
}

const errorsOf = (errors: ErrorData[] | undefined) => errors?.map(expectedError) ?? null;

export function expectedFlow(f: WireFlow): Record<string, unknown> {
  return {
    ...plain(f, FLOW_PLAIN),
    state: f.state ?? null,
    errors: errorsOf(f.errors),
    customized: f.customized ? plain(f.customized, ['name', 'nodes']) : null,
  };
}

/** `parameters` is a secret: null unless the gateway exposes secrets. */
export function expectedIntegration(i: WireIntegration, secrets = false): Record<string, unknown> {
  return {
    ...plain(i, INTEGRATION_PLAIN),
    state: i.state ?? null,
    authType: enumOrNull(i.authType),
    parameters: secrets ? (i.parameters ?? null) : null,
    errors: errorsOf(i.errors),
  };
}

export function expectedConnection(c: WireConnection, secrets = false): Record<string, unknown> {
  const action = c.clientAction;
  return {
    ...plain(c, CONNECTION_PLAIN),
    state: c.state ?? null,
    credentials: secrets ? (c.credentials ?? null) : null,
    errors: errorsOf(c.errors),
    requestError: expectedError(c.requestError),
    error: expectedError(c.error),
    clientAction: action
      ? {
          ...plain(action, [
            'description',
            'uiUrl',
            'agentInstructions',
            'handoffAgentInstructions',
          ]),
          type: toEnum(action.type),
        }
      : null,
  };
}

export function expectedUser(u: WireCustomer, secrets = false): Record<string, unknown> {
  return { ...plain(u, USER_PLAIN), credentials: secrets ? (u.credentials ?? null) : null };
}

/** The sandbox's list order: createdAt, then id. */
export function listOrder<T extends { id: string; createdAt?: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => {
    const ca = a.createdAt ?? '';
    const cb = b.createdAt ?? '';
    if (ca !== cb) {
      return ca < cb ? -1 : 1;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/** The ids a list query must return for `first: n`. */
export const firstIds = <T extends { id: string; createdAt?: string }>(items: T[], n = 100) =>
  listOrder(items)
    .slice(0, n)
    .map((item) => item.id);

/** The first item, or a clear failure when the test data has none. */
export function one<T>(items: T[], what: string): T {
  const [first] = items;
  if (items.length === 0 || first === undefined) {
    throw new Error(`test data has no ${what}`);
  }
  return first;
}

export const live = (item: { archivedAt?: string }): boolean => item.archivedAt === undefined;

export const FLOW_RUN_PLAIN = [
  ...['id', 'name', 'startNodeKey', 'startTime', 'endTime', 'input', 'meta', 'integrationFlowId'],
  ...['universalFlowId', 'userId', 'tenantId', 'integrationId', 'connectionId', 'externalAppId'],
];
export const FLOW_RUN_SELECTION = `${FLOW_RUN_PLAIN.join(' ')} connectionFlowId state errors ${ERROR_SELECTION} nodes { key state runs erroredRuns outputs } launchedBy { type ids }`;

export function expectedFlowRun(r: WireFlowRun): Record<string, unknown> {
  const nodes = r.nodes ?? {};
  return {
    ...plain(r, FLOW_RUN_PLAIN),
    connectionFlowId: r.connectionFlowId,
    state: toEnum(r.state),
    errors: errorsOf(r.errors),
    nodes: r.nodes
      ? Object.keys(nodes)
          .sort()
          .map((key) => ({
            key,
            ...plain(nodes[key] as object, ['runs', 'erroredRuns', 'outputs']),
            state: toEnum(nodes[key]?.state ?? ''),
          }))
      : null,
    launchedBy: r.launchedBy
      ? { type: toEnum(r.launchedBy.type), ids: r.launchedBy.ids ?? null }
      : null,
  };
}

/** The order of `GET /flow-runs`: newest start first, then id descending. */
export function runOrder(runs: WireFlowRun[]): WireFlowRun[] {
  return [...runs].sort((a, b) =>
    a.startTime !== b.startTime ? (a.startTime < b.startTime ? 1 : -1) : a.id < b.id ? 1 : -1,
  );
}

export const ACTION_PLAIN = [
  ...ELEMENT,
  ...['integrationId', 'connectionId', 'externalAppId', 'userId', 'tenantId', 'parentId'],
  ...['universalParentId', 'integrationUuid', 'integrationKey', 'parentUuid', 'parentKey'],
  ...['instanceKey', 'externalAppUuid', 'externalAppKey', 'agentSessionId', 'isUniversal'],
  ...['isCustomized', 'isPublic', 'config', 'inputSchema', 'outputSchema', 'outputMapping'],
  ...['customOutputSchema', 'defaultOutputSchema', 'transformedOutputSchema', 'dependencies'],
];
export const ACTION_SELECTION = `${ACTION_PLAIN.join(' ')} type state errors ${ERROR_SELECTION}`;

export function expectedAction(a: WireAction): Record<string, unknown> {
  return {
    ...plain(a, ACTION_PLAIN),
    type: enumOrNull(a.type),
    state: a.state ?? null,
    errors: errorsOf(a.errors),
  };
}

export const ACTION_RUN_LOG_PLAIN = [
  ...['id', 'name', 'input', 'output', 'meta', 'createdAt', 'completedAt', 'duration'],
  ...['universalActionId', 'integrationId', 'connectionId', 'userId', 'tenantId'],
  ...['externalAppId', 'actionId', 'actionInstanceId', 'integrationActionId'],
  ...['connectionActionId'],
];
export const ACTION_RUN_LOG_SELECTION = `${ACTION_RUN_LOG_PLAIN.join(' ')} status error ${ERROR_SELECTION}`;

export function expectedActionRunLog(l: WireActionRunLog): Record<string, unknown> {
  return {
    ...plain(l, ACTION_RUN_LOG_PLAIN),
    status: toEnum(l.status),
    error: expectedError(l.error),
  };
}

/** The order of `GET /action-run-logs`: newest first, then id descending. */
export function logOrder(logs: WireActionRunLog[]): WireActionRunLog[] {
  return [...logs].sort((a, b) =>
    a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : a.id < b.id ? 1 : -1,
  );
}
