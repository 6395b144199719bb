import { type ActionRunLogsApi, createActionRunLogsApi } from './action-run-logs-api.js';
import { type ActionsApi, createActionsApi } from './actions-api.js';
import type { UpstreamClient } from './client.js';
import { type ConnectionsApi, createConnectionsApi } from './connections-api.js';
import { type CustomersApi, createCustomersApi } from './customers-api.js';
import { createFlowRunsApi, type FlowRunsApi } from './flow-runs-api.js';
import { createFlowsApi, type FlowsApi } from './flows-api.js';
import { createIntegrationsApi, type IntegrationsApi } from './integrations-api.js';

export type {
  ActionRunLogListFilters,
  ActionRunLogStatus,
  ActionRunLogsApi,
} from './action-run-logs-api.js';
export type { ActionListFilters, ActionPatch, ActionsApi } from './actions-api.js';
export type { Page, PageParams } from './api-types.js';
export type { ConnectionListFilters, ConnectionsApi, SecretsOption } from './connections-api.js';
export type { CustomerListFilters, CustomersApi } from './customers-api.js';
export type { ElementApi } from './element-api.js';
export type {
  ElementLayer,
  ElementListFilters,
  ElementSelectorParams,
} from './element-selector.js';
export type { FlowRunListFilters, FlowRunState, FlowRunsApi } from './flow-runs-api.js';
export type { FlowListFilters, FlowPatch, FlowsApi, RunFlowRequest } from './flows-api.js';
export type { IntegrationListFilters, IntegrationsApi } from './integrations-api.js';

/** The Membrane REST API as the schema sees it: validated ids in, validated payloads out. */
export interface MembraneApi {
  flows: FlowsApi;
  flowRuns: FlowRunsApi;
  integrations: IntegrationsApi;
  connections: ConnectionsApi;
  customers: CustomersApi;
  actions: ActionsApi;
  actionRunLogs: ActionRunLogsApi;
}

export function createMembraneApi(client: UpstreamClient): MembraneApi {
  return {
    flows: createFlowsApi(client),
    flowRuns: createFlowRunsApi(client),
    integrations: createIntegrationsApi(client),
    connections: createConnectionsApi(client),
    customers: createCustomersApi(client),
    actions: createActionsApi(client),
    actionRunLogs: createActionRunLogsApi(client),
  };
}
