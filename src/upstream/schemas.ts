import { z } from 'zod';

/**
 * Tolerant payload schemas (membrane-api.md §5): unknown fields are kept, only what the API
 * always sends is required, enums are plain strings (the schema layer maps and degrades
 * them), and `null` in an optional field counts as absent.
 */

/** Keys whose `null` carries meaning and must survive (membrane-api.md §5.4). */
const MEANINGFUL_NULLS = new Set(['aiCreditsRolling30DayLimit']);

function dropNulls(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return value;
  }
  // Copy only when there is a null to drop: most payloads have none, and a list page holds
  // hundreds of objects.
  let out: Record<string, unknown> | undefined;
  for (const [key, entry] of Object.entries(value)) {
    if (entry === null && !MEANINGFUL_NULLS.has(key)) {
      out ??= { ...value };
      delete out[key];
    }
  }
  return out ?? value;
}

/** A loose object that treats `null` fields as absent. */
function tolerant<S extends z.core.$ZodLooseShape>(shape: S) {
  return z.preprocess(dropNulls, z.looseObject(shape));
}

const str = z.string().optional();
const bool = z.boolean().optional();
const num = z.number().optional();
/** A free-form JSON object: checked, not copied key by key (a third of a list page's validation). */
const jsonObject = z.custom<Record<string, unknown>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
);
const record = jsonObject.optional();

export const UpstreamErrorData = tolerant({
  message: str,
  type: str,
  key: str,
  data: z.unknown().optional(),
});
export type UpstreamErrorData = z.infer<typeof UpstreamErrorData>;

const element = {
  uuid: str,
  key: str,
  description: str,
  meta: record,
  state: str,
  errors: z.array(UpstreamErrorData).optional(),
  revision: str,
  createdAt: str,
  updatedAt: str,
  archivedAt: str,
  isDeactivated: bool,
  isReadOnly: bool,
};

const customerShape = {
  id: z.string(),
  name: z.string(),
  internalId: str,
  meta: record,
  fields: record,
  credentials: z.unknown().optional(),
  lastActiveAt: str,
  isTest: bool,
  isBillable: bool,
  isActive: bool,
  aiCreditsRolling30DayLimit: z.number().nullable().optional(),
  createdAt: str,
  archivedAt: str,
};

const integrationShape = {
  ...element,
  id: str, // auto-generated list entries may have no id yet (membrane-api.md §5.2)
  name: z.string(),
  logoUri: str,
  appUri: str,
  isConnected: bool,
  connectorId: str,
  connectorVersion: str,
  oAuthCallbackUri: str,
  parameters: z.unknown().optional(),
  hasMissingParameters: bool,
  hasDocumentation: bool,
  hasOperations: bool,
  operationsCount: num,
  hasData: bool,
  dataCollectionsCount: num,
  hasEvents: bool,
  eventsCount: num,
  hasGlobalWebhooks: bool,
  hasUdm: bool,
  isTest: bool,
  externalAppId: str,
  appUuid: str,
  authType: str,
  optionsConfig: record,
  spec: z.unknown().optional(),
  authOptions: z.array(z.unknown()).optional(),
};

const connectionShape = {
  id: z.string(),
  name: z.string(),
  userId: str,
  tenantId: str,
  key: str,
  type: str,
  isTest: bool,
  connected: bool,
  disconnected: bool,
  isDefunct: bool,
  state: str,
  errors: z.array(UpstreamErrorData).optional(),
  requestError: UpstreamErrorData.optional(),
  error: UpstreamErrorData.optional(),
  integrationId: str,
  connectorId: str,
  externalAppId: str,
  connectorVersion: str,
  authOptionKey: str,
  createdAt: str,
  updatedAt: str,
  lastActiveAt: str,
  nextCredentialsRefreshAt: str,
  nextRetryTimestamp: str,
  retryAttempts: num,
  canTest: bool,
  canRefreshCredentials: bool,
  archivedAt: str,
  isDeactivated: bool,
  meta: record,
  buildingAgentSessionId: str,
  clientAction: tolerant({
    type: str,
    description: str,
    uiUrl: str,
    agentInstructions: str,
  }).optional(),
  credentials: z.unknown().optional(),
};

/** The layer fields of an integration-level element (`BaseIntegrationLevelMembraneInterface`). */
const layeredShape = {
  ...element,
  id: z.string(),
  name: z.string(),
  integrationId: str,
  integrationUuid: str,
  integrationKey: str,
  parentUuid: str,
  parentKey: str,
  connectionId: str,
  instanceKey: str,
  isUniversal: bool,
  externalAppId: str,
  externalAppUuid: str,
  externalAppKey: str,
  isCustomized: bool,
  userId: str,
  tenantId: str,
};

const flowShape = {
  ...layeredShape,
  flowId: str,
  universalFlowId: str,
  parametersSchema: record,
  parameters: z.unknown().optional(),
  enabled: bool,
  nodes: record,
  autoCreateInstances: bool,
  flowRevision: str,
  universalFlowRevision: str,
  customized: tolerant({ name: bool, nodes: bool }).optional(),
  dependencies: z.array(z.unknown()).optional(),
};

/**
 * An embed is an optimisation (it primes loaders, design §6.2): one that does not match is
 * dropped, and the resolver loads the object instead of failing the parent.
 */
function embed<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

const EmbeddedCustomer = tolerant(customerShape);
const EmbeddedIntegration = tolerant(integrationShape);
const EmbeddedConnection = tolerant(connectionShape);
const EmbeddedFlow = tolerant(flowShape);

export const UpstreamCustomer = EmbeddedCustomer;
export type UpstreamCustomer = z.infer<typeof UpstreamCustomer>;

export const UpstreamIntegration = tolerant({
  ...integrationShape,
  connection: embed(EmbeddedConnection),
});
export type UpstreamIntegration = z.infer<typeof UpstreamIntegration>;

export const UpstreamConnection = tolerant({
  ...connectionShape,
  user: embed(EmbeddedCustomer),
  integration: embed(EmbeddedIntegration),
});
export type UpstreamConnection = z.infer<typeof UpstreamConnection>;

const AppliedToIntegration = tolerant({
  element: EmbeddedFlow,
  integration: EmbeddedIntegration.optional(),
});

export const UpstreamFlow = tolerant({
  ...flowShape,
  integration: embed(EmbeddedIntegration),
  user: embed(EmbeddedCustomer),
  connection: embed(EmbeddedConnection),
  flow: embed(EmbeddedFlow),
  appliedToIntegrations: embed(z.array(AppliedToIntegration)),
});
export type UpstreamFlow = z.infer<typeof UpstreamFlow>;

/** The list envelope `{items, cursor?}`; an empty cursor means "last page". */
export function upstreamPage<T extends z.ZodType>(item: T) {
  return tolerant({ items: z.array(item), cursor: str }).transform(
    ({ items, cursor }): { items: z.output<T>[]; cursor?: string } =>
      cursor ? { items, cursor } : { items },
  );
}

const FlowRunNodeRecord = tolerant({ state: str, runs: num, erroredRuns: num, outputs: num });

/** `FlowRunApiResponse` (membrane-api.md §5.5) with its four embeds. */
export const UpstreamFlowRun = tolerant({
  id: z.string(),
  name: str,
  userId: str,
  tenantId: str,
  integrationId: str,
  connectionId: str,
  externalAppId: str,
  connectionFlowId: str,
  integrationFlowId: str,
  universalFlowId: str,
  flowInstanceId: str,
  flowId: str,
  startNodeKey: str,
  input: z.unknown().optional(),
  state: str,
  startTime: str,
  endTime: str,
  errors: z.array(UpstreamErrorData).optional(),
  // a node record that does not fit is dropped with the rest of `nodes`, not the run
  nodes: embed(z.record(z.string(), FlowRunNodeRecord)),
  launchedBy: embed(tolerant({ type: str, ids: z.array(z.string()).optional() })),
  meta: record,
  flowInstance: embed(EmbeddedFlow),
  connection: embed(EmbeddedConnection),
  integration: embed(EmbeddedIntegration),
  user: embed(EmbeddedCustomer),
});
export type UpstreamFlowRun = z.infer<typeof UpstreamFlowRun>;

/** `BaseAction` (docs/membrane-actions-api.md): the schemas and config are free-form JSON. */
const actionShape = {
  ...layeredShape,
  parentId: str,
  universalParentId: str,
  type: str,
  config: record,
  inputSchema: record,
  outputSchema: z.unknown().optional(),
  outputMapping: z.unknown().optional(),
  customOutputSchema: record,
  defaultOutputSchema: record,
  transformedOutputSchema: record,
  agentSessionId: str,
  isPublic: bool,
  dependencies: z.array(z.unknown()).optional(),
};

const EmbeddedAction = tolerant(actionShape);

/** `ActionApiResponse` with its embeds (none of a connection in the SDK; read when sent). */
export const UpstreamAction = tolerant({
  ...actionShape,
  integration: embed(EmbeddedIntegration),
  user: embed(EmbeddedCustomer),
  connection: embed(EmbeddedConnection),
  parent: embed(EmbeddedAction),
  appliedToIntegrations: embed(
    z.array(tolerant({ element: EmbeddedAction, integration: EmbeddedIntegration.optional() })),
  ),
});
export type UpstreamAction = z.infer<typeof UpstreamAction>;

/** `ActionRunResponse`: what `POST /actions/{selector}/run` answers. */
export const UpstreamActionRun = tolerant({ output: z.unknown().optional(), actionRunId: str });
export type UpstreamActionRun = z.infer<typeof UpstreamActionRun>;

/** `ActionRunLogRecordApiResponse` with its five embeds. */
export const UpstreamActionRunLog = tolerant({
  id: z.string(),
  name: str,
  userId: str,
  tenantId: str,
  externalAppId: str,
  universalActionId: str,
  integrationActionId: str,
  connectionActionId: str,
  actionId: str,
  actionInstanceId: str,
  integrationId: str,
  connectionId: str,
  input: z.unknown().optional(),
  output: z.unknown().optional(),
  status: str,
  createdAt: str,
  completedAt: str,
  error: embed(UpstreamErrorData),
  duration: num,
  meta: record,
  action: embed(EmbeddedAction),
  actionInstance: embed(EmbeddedAction),
  integration: embed(EmbeddedIntegration),
  connection: embed(EmbeddedConnection),
  user: embed(EmbeddedCustomer),
});
export type UpstreamActionRunLog = z.infer<typeof UpstreamActionRunLog>;
