import { fanOut, type Page, type PageParams, pageQuery } from './api-types.js';
import type { UpstreamClient, WriteMethod, WriteRequest } from './client.js';
import { findFlowInstance } from './find-flow-instance.js';
import { layer, selectorQuery } from './flow-params.js';
import { UpstreamFlow, UpstreamFlowRun, upstreamPage } from './schemas.js';
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
  /**
   * The flow a selector names, as the `flow` query reads it: through `findInstance` when the
   * parameters name a connection, so that reading never creates an instance.
   */
  find(selector: string, params: FlowSelectorParams): Promise<UpstreamFlow>;
  // The writes below send the selector and its parameters as given and are never retried.
  /** `POST /flows/{selector}/refresh`. */
  refresh(selector: string, params?: FlowSelectorParams): Promise<UpstreamFlow>;
  /** `POST /flows/{selector}/run` with `{nodeKey?, input?}`. */
  run(
    selector: string,
    params: FlowSelectorParams,
    request: RunFlowRequest,
  ): Promise<UpstreamFlowRun>;
  /** `PATCH /flows/{selector}`. */
  update(selector: string, params: FlowSelectorParams, patch: FlowPatch): Promise<UpstreamFlow>;
  /** `POST /flows/{selector}/reset`. */
  reset(selector: string, params: FlowSelectorParams): Promise<UpstreamFlow>;
  /** `DELETE /flows/{selector}` (archive), whose answer is empty. */
  archive(selector: string, params: FlowSelectorParams): Promise<void>;
  /** `POST /flows/{selector}/restore`. */
  restore(selector: string, params: FlowSelectorParams): Promise<UpstreamFlow>;
}

/** The body of `POST /flows/{selector}/run` (RunFlowRequestDto). */
export interface RunFlowRequest {
  nodeKey?: string;
  input?: unknown;
}

/** The fields of `UpdateFlowRequest` the gateway lets a client change. */
export interface FlowPatch {
  name?: string;
  description?: string;
  enabled?: boolean;
  parameters?: unknown;
  nodes?: unknown;
  meta?: unknown;
}

const FlowPage = upstreamPage(UpstreamFlow);

export function createFlowsApi(client: UpstreamClient): FlowsApi {
  const at = (selector: string, action = '') =>
    `/flows/${pathSelector(selector, 'selector')}${action}`;
  /** A write to the flow a selector names, its clarifying parameters as given. */
  const writeTo = (
    method: WriteMethod,
    selector: string,
    params: FlowSelectorParams = {},
    action = '',
    body?: unknown,
  ): WriteRequest => ({
    method,
    path: at(selector, action),
    query: selectorQuery(params),
    ...(body !== undefined && { body }),
  });
  const get = async (selector: string, params?: FlowSelectorParams) =>
    client.get(at(selector), selectorQuery(params), UpstreamFlow);
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
  const findInstance: FlowsApi['findInstance'] = (selector, params) =>
    findFlowInstance(list, selector, params);
  return {
    get,
    list,
    findInstance,
    find: (selector, params) =>
      params.connectionId || params.connectionKey || params.instanceKey
        ? findInstance(selector, params)
        : get(selector, params),
    getMany: (ids) =>
      fanOut(ids, (id) => client.get(`/flows/${pathId(id, 'id')}`, {}, UpstreamFlow)),
    refresh: async (selector, params) =>
      client.write(writeTo('POST', selector, params, '/refresh'), UpstreamFlow),
    async run(selector, params, { nodeKey, input }) {
      const body = {
        ...(nodeKey !== undefined && { nodeKey }),
        ...(input !== undefined && { input }),
      };
      return client.write(writeTo('POST', selector, params, '/run', body), UpstreamFlowRun);
    },
    update: async (selector, params, patch) =>
      client.write(writeTo('PATCH', selector, params, '', patch), UpstreamFlow),
    reset: async (selector, params) =>
      client.write(writeTo('POST', selector, params, '/reset'), UpstreamFlow),
    archive: async (selector, params) => client.writeOnly(writeTo('DELETE', selector, params)),
    restore: async (selector, params) =>
      client.write(writeTo('POST', selector, params, '/restore'), UpstreamFlow),
  };
}
