import { fanOut, type Page, type PageParams, pageQuery } from './api-types.js';
import type { UpstreamClient } from './client.js';
import { UpstreamActionRunLog, upstreamPage } from './schemas.js';
import { pathId } from './segments.js';

export type ActionRunLogStatus = 'success' | 'error';

/** Filters of `GET /action-run-logs` (FindActionRunLogsQuery). */
export interface ActionRunLogListFilters {
  status?: ActionRunLogStatus;
  actionId?: string;
  universalActionId?: string;
  integrationActionId?: string;
  connectionActionId?: string;
  integrationId?: string;
  connectionId?: string;
  userId?: string;
  /** ISO 8601 instants bounding `createdAt`. */
  from?: string;
  to?: string;
}

export interface ActionRunLogsApi {
  get(id: string): Promise<UpstreamActionRunLog>;
  getMany(ids: readonly string[]): Promise<(UpstreamActionRunLog | Error)[]>;
  list(filters: ActionRunLogListFilters, page: PageParams): Promise<Page<UpstreamActionRunLog>>;
}

const ActionRunLogPage = upstreamPage(UpstreamActionRunLog);

export function createActionRunLogsApi(client: UpstreamClient): ActionRunLogsApi {
  const get = (id: string) =>
    client.get(`/action-run-logs/${pathId(id, 'id')}`, {}, UpstreamActionRunLog);
  return {
    get: async (id) => get(id),
    getMany: (ids) => fanOut(ids, get),
    async list(filters, page) {
      const query = {
        status: filters.status,
        actionId: filters.actionId,
        universalActionId: filters.universalActionId,
        integrationActionId: filters.integrationActionId,
        connectionActionId: filters.connectionActionId,
        integrationId: filters.integrationId,
        connectionId: filters.connectionId,
        userId: filters.userId,
        from: filters.from,
        to: filters.to,
        ...pageQuery(page),
      };
      return client.get('/action-run-logs', query, ActionRunLogPage);
    },
  };
}
