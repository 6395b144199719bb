/**
 * Wire shapes of the Membrane REST API as the sandbox stores and serves them
 * (membrane-api.md §5; the seed page `refresh-flow-endpoint.txt`). Optional keys are
 * omitted, never null: the SDK's zod schemas reject null in optional fields.
 */

export type ElementState =
  | 'BUILDING'
  | 'CLIENT_ACTION_REQUIRED'
  | 'CONFIGURATION_ERROR'
  | 'SETUP_FAILED'
  | 'READY'
  | 'DISCONNECTING';

export type ElementLayer = 'universal' | 'integration' | 'connection';

export interface ErrorData {
  message: string;
  type?: string;
  key?: string;
  data?: unknown;
  stack?: unknown;
  causedByError?: ErrorData;
  logs?: unknown[];
}

/** Fields every workspace element carries. */
export interface WireElement {
  id: string;
  name: string;
  uuid?: string;
  key?: string;
  description?: string;
  meta?: Record<string, unknown>;
  state?: ElementState;
  errors?: ErrorData[];
  revision?: string;
  createdAt?: string;
  updatedAt?: string;
  archivedAt?: string;
  isDeactivated?: boolean;
  isReadOnly?: boolean;
}

export interface WireIntegration extends WireElement {
  logoUri: string;
  connectorId?: string;
  connectorVersion?: string;
  oAuthCallbackUri?: string;
  parameters?: Record<string, unknown>;
  hasMissingParameters?: boolean;
  hasDocumentation?: boolean;
  hasOperations?: boolean;
  operationsCount?: number;
  hasData?: boolean;
  dataCollectionsCount?: number;
  hasEvents?: boolean;
  eventsCount?: number;
  hasGlobalWebhooks?: boolean;
  hasUdm?: boolean;
  isTest?: boolean;
  externalAppId?: string;
  authType?: string;
  optionsConfig?: Record<string, { disabled?: boolean; parameters?: unknown }>;
}

export interface WireCustomer {
  id: string;
  name: string;
  internalId: string;
  meta?: Record<string, unknown>;
  fields?: Record<string, unknown>;
  credentials?: unknown;
  lastActiveAt?: string;
  isTest?: boolean;
  isBillable?: boolean;
  isActive?: boolean;
  aiCreditsRolling30DayLimit?: number | null;
  createdAt?: string;
  archivedAt?: string;
}

export interface WireClientAction {
  type: 'connect' | 'provide-input';
  description: string;
  uiUrl?: string;
  agentInstructions?: string;
}

export interface WireConnection {
  id: string;
  name: string;
  userId: string;
  createdAt: string;
  updatedAt: string;
  tenantId?: string;
  key?: string;
  isTest?: boolean;
  connected?: boolean;
  disconnected?: boolean;
  isDefunct?: boolean;
  state?: ElementState;
  errors?: ErrorData[];
  requestError?: ErrorData;
  error?: ErrorData;
  integrationId?: string;
  connectorId?: string;
  externalAppId?: string;
  connectorVersion?: string;
  authOptionKey?: string;
  lastActiveAt?: string;
  nextCredentialsRefreshAt?: string;
  nextRetryTimestamp?: string;
  retryAttempts?: number;
  canTest?: boolean;
  canRefreshCredentials?: boolean;
  archivedAt?: string;
  isDeactivated?: boolean;
  meta?: Record<string, unknown>;
  buildingAgentSessionId?: string;
  clientAction?: WireClientAction;
  /** Secret: served only with `includeSecrets=true` to an admin token. */
  credentials?: unknown;
}

/** What flows, actions and later element types share: the universal → integration → connection layers. */
export interface WireLayeredElement extends WireElement {
  integrationId?: string;
  integrationUuid?: string;
  integrationKey?: string;
  parentUuid?: string;
  parentKey?: string;
  connectionId?: string;
  instanceKey?: string;
  isUniversal?: boolean;
  externalAppId?: string;
  externalAppUuid?: string;
  externalAppKey?: string;
  isCustomized?: boolean;
  userId?: string;
  tenantId?: string;
}

export interface WireFlow extends WireLayeredElement {
  flowId?: string;
  universalFlowId?: string;
  parametersSchema?: Record<string, unknown>;
  parameters?: Record<string, unknown>;
  enabled?: boolean;
  nodes?: Record<string, Record<string, unknown>>;
  autoCreateInstances?: boolean;
  flowRevision?: string;
  universalFlowRevision?: string;
  customized?: { name?: boolean; nodes?: boolean };
  dependencies?: unknown[];
}

/** `ActionType` of the SDK (docs/membrane-actions-api.md). */
export type ActionType =
  | 'list-data-records'
  | 'find-data-record-by-id'
  | 'match-data-record'
  | 'create-data-record'
  | 'find-or-create-data-record'
  | 'update-data-record'
  | 'delete-data-record'
  | 'search-data-record'
  | 'connector-operation'
  | 'api-request-to-external-app'
  | 'api-request-to-your-app'
  | 'http-request'
  | 'run-javascript'
  | 'api-request';

/**
 * `ActionApiResponse` without its embeds. Integration-level: `parentId` = its universal action;
 * connection-level: `parentId` = its integration-level action, `universalParentId` = the universal one.
 */
export interface WireAction extends WireLayeredElement {
  parentId?: string;
  universalParentId?: string;
  type?: ActionType;
  config?: Record<string, unknown>;
  inputSchema?: Record<string, unknown>;
  outputMapping?: unknown;
  customOutputSchema?: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
  defaultOutputSchema?: Record<string, unknown>;
  dependencies?: unknown[];
  isPublic?: boolean;
}

export type ActionRunLogStatus = 'success' | 'error';

/** `ActionRunLogRecordApiResponse` without its embeds. */
export interface WireActionRunLog {
  id: string;
  userId: string;
  tenantId?: string;
  name: string;
  universalActionId?: string;
  integrationActionId: string;
  connectionActionId?: string;
  /** Deprecated alias of `integrationActionId`. */
  actionId?: string;
  /** Deprecated alias of `connectionActionId`. */
  actionInstanceId?: string;
  integrationId: string;
  connectionId: string;
  externalAppId?: string;
  input?: unknown;
  output?: unknown;
  status: ActionRunLogStatus;
  createdAt: string;
  completedAt?: string;
  error?: ErrorData;
  duration?: number;
  meta?: Record<string, unknown>;
}

/** Everything the sandbox serves. Generated deterministically by `generateSeed`. */
export interface SandboxData {
  workspaceKey: string;
  integrations: WireIntegration[];
  customers: WireCustomer[];
  connections: WireConnection[];
  flows: WireFlow[];
  /**
   * Flow runs, newest last. Absent means none (hand-made data); `generateSeed` fills it on first
   * read with a run history per connection-level flow.
   */
  flowRuns?: WireFlowRun[];
  /** Actions of every layer. Absent means none (hand-made data). */
  actions?: WireAction[];
  /** Action run logs, oldest first. Absent means none. */
  actionRunLogs?: WireActionRunLog[];
}

/** One upstream call as the sandbox saw it (tests count these). */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, as received (still percent-encoded). */
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  apiVersion: string | undefined;
  /** The W3C trace context the caller sent (the gateway's tracing). */
  traceparent: string | undefined;
  /** The request body as text, when there was one (tests assert what writes sent). */
  body?: string;
  status: number;
  /** `x-request-id`, when the caller sent one (the gateway forwards its request id). */
  requestId?: string;
  /** The fault rules applied to this request, e.g. `['latency 200', 'status 503']`; absent when none. */
  faults?: string[];
}

export type FlowRunState = 'queued' | 'running' | 'completed' | 'stopped' | 'failed';
export type FlowRunNodeState = 'running' | 'completed' | 'stopped' | 'failed';

/** Per-node progress of a run (`FlowRunNode`). */
export interface WireFlowRunNode {
  state: FlowRunNodeState;
  runs?: number;
  erroredRuns?: number;
  outputs?: number;
}

export interface WireFlowRunLaunchedBy {
  type:
    | 'api-trigger'
    | 'schedule-trigger'
    | 'app-event-trigger'
    | 'data-source-trigger'
    | 'external-event';
  ids?: string[];
}

/** `FlowRunApiResponse` without its embeds (membrane-api.md §5.5). */
export interface WireFlowRun {
  id: string;
  userId: string;
  tenantId?: string;
  integrationId?: string;
  connectionId?: string;
  externalAppId?: string;
  name?: string;
  /** The flow instance (connection-level flow) that ran. */
  connectionFlowId: string;
  integrationFlowId?: string;
  universalFlowId?: string;
  /** Deprecated alias of `connectionFlowId`. */
  flowInstanceId?: string;
  /** Deprecated alias of `integrationFlowId`. */
  flowId?: string;
  startNodeKey: string;
  input?: unknown;
  state: FlowRunState;
  startTime: string;
  endTime?: string;
  errors?: ErrorData[];
  nodes?: Record<string, WireFlowRunNode>;
  launchedBy?: WireFlowRunLaunchedBy;
  meta?: Record<string, unknown>;
}
