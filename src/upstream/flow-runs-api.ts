import { fanOut, type Page, type PageParams, pageQuery } from './api-types.js';
import type { UpstreamClient } from './client.js';
import { UpstreamFlowRun, upstreamPage } from './schemas.js';
import { pathId } from './segments.js';

export type FlowRunState = 'queued' | 'running' | 'completed' | 'stopped' | 'failed';

/** Filters of `GET /flow-runs` (FindFlowRunsQuery, membrane-api.md §3.3). */
export interface FlowRunListFilters {
  state?: FlowRunState;
  connectionFlowId?: string;
  integrationFlowId?: string;
  universalFlowId?: string;
  integrationId?: string;
  connectionId?: string;
  userId?: string;
  /** ISO 8601 instants bounding `startTime`. */
  from?: string;
  to?: string;
}

export interface FlowRunsApi {
  get(id: string): Promise<UpstreamFlowRun>;
  getMany(ids: readonly string[]): Promise<(UpstreamFlowRun | Error)[]>;
  list(filters: FlowRunListFilters, page: PageParams): Promise<Page<UpstreamFlowRun>>;
  /** `POST /flow-runs/{id}/stop` (204): a write, never retried. */
  stop(id: string): Promise<void>;
}

const FlowRunPage = upstreamPage(UpstreamFlowRun);

export function createFlowRunsApi(client: UpstreamClient): FlowRunsApi {
  const get = (id: string) => client.get(`/flow-runs/${pathId(id, 'id')}`, {}, UpstreamFlowRun);
  return {
    get: async (id) => get(id),
    getMany: (ids) => fanOut(ids, get),
    async list(filters, page) {
      const query = {
        state: filters.state,
        connectionFlowId: filters.connectionFlowId,
        integrationFlowId: filters.integrationFlowId,
        universalFlowId: filters.universalFlowId,
        integrationId: filters.integrationId,
        connectionId: filters.connectionId,
        userId: filters.userId,
        from: filters.from,
        to: filters.to,
        ...pageQuery(page),
      };
      return client.get('/flow-runs', query, FlowRunPage);
    },
    async stop(id) {
      await client.writeOnly({
        method: 'POST',
        path: `/flow-runs/${pathId(id, 'id')}/stop`,
        query: {},
      });
    },
  };
}
