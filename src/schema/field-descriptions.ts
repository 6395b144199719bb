/**
 * Descriptions of REST fields as the Membrane API reference words them, shown in GraphiQL's docs.
 * Keyed by field name: the same name means the same thing on every type.
 */
export const FIELD_DESCRIPTIONS: Readonly<Record<string, string>> = {
  id: 'Internal database ID of the element. Assigned by the API; unique per element.',
  name: 'Display name. Always present in API responses.',
  uuid: 'Stable unique identifier (UUID).',
  key: 'Stable key for referencing the element in selectors. Unique per (parent, integration) scope.',
  description: 'Optional human-readable description.',
  meta: 'Optional key-value metadata.',
  revision: 'Opaque revision token; changes on each update.',
  createdAt: 'When the element was created.',
  updatedAt: 'When the element was last changed.',
  archivedAt:
    'When set, the element is archived (soft-deleted). Archived elements cannot be patched.',
  isDeactivated:
    'When true, setup is skipped and the element is treated as inactive (e.g. when dependencies are deactivated or the element is archived).',
  isReadOnly:
    'When true, the element cannot be modified (e.g. published package elements or elements from another workspace).',
  integrationId:
    'Internal ID of the integration this element belongs to. Unset for universal elements.',
  integrationUuid: 'UUID of the integration.',
  integrationKey: 'Key of the integration.',
  parentUuid: 'UUID of the parent element.',
  parentKey: 'Key of the parent element.',
  connectionId: 'The connection of a connection-level element (flow instance).',
  instanceKey:
    'Tells apart several connection-level instances of the same element on one connection.',
  isUniversal: 'When true, the element is universal (shared across all integrations).',
  externalAppId:
    'Internal ID of the external app. Filled from the integration when it has an external app.',
  externalAppUuid: 'UUID of the external app.',
  externalAppKey: 'Key of the external app.',
  flowId: 'Parent flow: the integration-level flow of a connection-level instance.',
  universalFlowId: 'The universal flow this flow derives from.',
  parametersSchema: 'JSON schema of `parameters`.',
  enabled: 'Whether the connection-level flow runs.',
  nodes: 'The flow graph: nodes by key, with their type, config and links.',
  autoCreateInstances: 'Whether instances are created automatically for new connections.',
  isCustomized: 'Whether the tenant changed this instance from its parent.',
  userId: 'The tenant (customer) id; equal to `tenantId`.',
  tenantId: 'The tenant (customer) id.',
  flowRevision: 'Revision of the parent flow this instance was built from.',
  universalFlowRevision: 'Revision of the universal flow this instance was built from.',
  dependencies: 'Elements this element depends on.',
  logoUri: 'URL of the app logo.',
  hasMissingParameters:
    'True when the integration lacks parameters its connector needs (e.g. OAuth client id).',
  internalId:
    'Your own identifier of the tenant: the `tenantKey` of its tokens. Unique per workspace.',
  fields: 'Custom fields of the tenant.',
  lastActiveAt: 'Last activity.',
  isTest: 'A test element, not a production one.',
  connected: 'Whether the connection currently has working credentials.',
  disconnected: 'Deprecated: the negation of `connected`.',
  isDefunct: 'True when the connection can no longer be used without reconnecting.',
  retryAttempts: 'How many times the connection retried after an error.',
  runs: 'How many times the node ran.',
  erroredRuns: 'Runs that failed.',
  outputs: 'Outputs the node produced.',
  parentId:
    'Parent element: the integration-level action of a connection-level one, or the universal action of an integration-level one.',
  universalParentId:
    'For connection-level instances: the universal (root) action in the hierarchy.',
  config: 'Type-specific configuration, validated by the handler of the action’s type.',
  inputSchema: 'JSON Schema of the action’s input.',
  outputSchema:
    'Resolved output schema: the custom one, the one transformed by outputMapping, or the default.',
  outputMapping: 'Mapping expression that transforms the action’s raw output.',
  customOutputSchema: 'Explicit output schema; takes precedence over the others.',
  defaultOutputSchema: 'The output schema of the action’s type.',
  transformedOutputSchema: 'The output schema after outputMapping.',
  agentSessionId: 'The agent session building this element, while it builds.',
  isPublic: 'When true, the element is publicly listed (published packages).',
  universalActionId: 'The universal action the run’s action derives from.',
  integrationActionId: 'The integration-level action that ran (or whose instance ran).',
  connectionActionId: 'The connection-level action (action instance) that ran.',
  actionId: 'Deprecated alias of integrationActionId.',
  actionInstanceId: 'Deprecated alias of connectionActionId.',
  input: 'The input the run was given.',
  output: 'What the run answered.',
  completedAt: 'When the run ended.',
  duration: 'How long the run took, as the API reports it (milliseconds).',
};
