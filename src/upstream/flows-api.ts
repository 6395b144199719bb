import { GatewayError } from '../errors.js';
import { fanOut, type Page, type PageParams, pageQuery } from './api-types.js';
import type { UpstreamClient } from './client.js';
import { UpstreamFlow, upstreamPage } from './schemas.js';
import { pathId, pathSelector } from './segments.js';

export type FlowLayer = 'universal' | 'integration' | 'connection';

/** Clarifying params of a flow selector (membrane-api.md §2.1). `autoCreate` is never sent. */
export interface FlowSelectorParams {
  layer?: FlowLayer;
  integrationKey?: string;
  integrationId?: string;
  connectionId?: string;
  connectionKey?: string;
  instanceKey?: string;
}

/** Filters of `GET /flows` (FindFlowsQuery). */
export interface FlowListFilters {
  search?: string;
  layer?: FlowLayer;
  integrationId?: string;
  integrationKey?: string;
  connectionId?: string;
  connectionKey?: string;
  instanceKey?: string;
  userId?: string;
  tenantId?: string;
  flowId?: string;
  universalFlowId?: string;
  isUniversal?: boolean;
  includeArchived?: boolean;
}

export interface FlowsApi {
  get(selector: string, params?: FlowSelectorParams): Promise<UpstreamFlow>;
  getMany(ids: readonly string[]): Promise<(UpstreamFlow | Error)[]>;
  list(filters: FlowListFilters, page: PageParams): Promise<Page<UpstreamFlow>>;
  /** `POST /flows/{selector}/refresh`: a mutation, never retried. */
  refresh(selector: string, params?: FlowSelectorParams): Promise<UpstreamFlow>;
}

const LAYERS: readonly string[] = ['universal', 'integration', 'connection'];
const FlowPage = upstreamPage(UpstreamFlow);

function layer(value: string | undefined): FlowLayer | undefined {
  if (value !== undefined && !LAYERS.includes(value)) {
    throw new GatewayError(
      'BAD_USER_INPUT',
      'Invalid layer: expected universal, integration or connection.',
    );
  }
  return value as FlowLayer | undefined;
}

/** An optional id-like query value, validated like a path segment. */
function optionalId(value: string | undefined, argName: string): string | undefined {
  if (value !== undefined) {
    pathId(value, argName);
  }
  return value;
}

function selectorQuery(params: FlowSelectorParams = {}) {
  return {
    layer: layer(params.layer),
    integrationKey: optionalId(params.integrationKey, 'integrationKey'),
    integrationId: optionalId(params.integrationId, 'integrationId'),
    connectionId: optionalId(params.connectionId, 'connectionId'),
    connectionKey: optionalId(params.connectionKey, 'connectionKey'),
    instanceKey: optionalId(params.instanceKey, 'instanceKey'),
  };
}

export function createFlowsApi(client: UpstreamClient): FlowsApi {
  const get = async (selector: string, params?: FlowSelectorParams) =>
    client.get(`/flows/${pathSelector(selector, 'selector')}`, selectorQuery(params), UpstreamFlow);
  return {
    get,
    getMany: (ids) =>
      fanOut(ids, (id) => client.get(`/flows/${pathId(id, 'id')}`, {}, UpstreamFlow)),
    async list(filters, page) {
      const query = {
        search: filters.search,
        layer: layer(filters.layer),
        integrationId: filters.integrationId,
        integrationKey: filters.integrationKey,
        connectionId: filters.connectionId,
        connectionKey: filters.connectionKey,
        instanceKey: filters.instanceKey,
        userId: filters.userId,
        tenantId: filters.tenantId,
        flowId: filters.flowId,
        universalFlowId: filters.universalFlowId,
        isUniversal: filters.isUniversal,
        includeArchived: filters.includeArchived,
        ...pageQuery(page),
      };
      return client.get('/flows', query, FlowPage);
    },
    async refresh(selector, params) {
      const path = `/flows/${pathSelector(selector, 'selector')}/refresh`;
      return client.post(path, selectorQuery(params), UpstreamFlow);
    },
  };
}
