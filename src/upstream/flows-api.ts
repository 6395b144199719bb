import { fanOut, type Page, type PageParams, pageQuery } from './api-types.js';
import type { UpstreamClient } from './client.js';
import { findFlowInstance } from './find-flow-instance.js';
import { layer, selectorQuery } from './flow-params.js';
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
  /**
   * The connection-level instance a selector names, found through the list filter, because
   * `GET /flows/{selector}?connectionId=…` creates it when it is missing (design §6.7).
   */
  findInstance(selector: string, params: FlowSelectorParams): Promise<UpstreamFlow>;
  /** `POST /flows/{selector}/refresh`: a mutation, never retried. */
  refresh(selector: string, params?: FlowSelectorParams): Promise<UpstreamFlow>;
}

const FlowPage = upstreamPage(UpstreamFlow);

export function createFlowsApi(client: UpstreamClient): FlowsApi {
  const get = async (selector: string, params?: FlowSelectorParams) =>
    client.get(`/flows/${pathSelector(selector, 'selector')}`, selectorQuery(params), UpstreamFlow);
  const list: FlowsApi['list'] = async (filters, page) => {
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
  };
  return {
    get,
    list,
    findInstance: (selector, params) => findFlowInstance(list, selector, params),
    getMany: (ids) =>
      fanOut(ids, (id) => client.get(`/flows/${pathId(id, 'id')}`, {}, UpstreamFlow)),
    async refresh(selector, params) {
      const path = `/flows/${pathSelector(selector, 'selector')}/refresh`;
      return client.write({ method: 'POST', path, query: selectorQuery(params) }, UpstreamFlow);
    },
  };
}
