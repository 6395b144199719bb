import { fanOut, type Page, type PageParams, pageQuery } from './api-types.js';
import type { UpstreamClient } from './client.js';
import { UpstreamConnection, upstreamPage } from './schemas.js';
import { pathId } from './segments.js';

/** Filters of `GET /connections` (FindConnectionsQuery). */
export interface ConnectionListFilters {
  search?: string;
  integrationId?: string;
  integrationKey?: string;
  userId?: string;
  tenantId?: string;
  isTest?: boolean;
  connected?: boolean;
  includeArchived?: boolean;
}

/** `includeSecrets=true` is sent only when asked for (the operator's EXPOSE_SECRETS). */
export interface SecretsOption {
  includeSecrets?: boolean;
}

export interface ConnectionsApi {
  get(id: string, options?: SecretsOption): Promise<UpstreamConnection>;
  getMany(ids: readonly string[], options?: SecretsOption): Promise<(UpstreamConnection | Error)[]>;
  list(
    filters: ConnectionListFilters,
    page: PageParams,
    options?: SecretsOption,
  ): Promise<Page<UpstreamConnection>>;
}

const ConnectionPage = upstreamPage(UpstreamConnection);

const secrets = (options?: SecretsOption) => ({
  includeSecrets: options?.includeSecrets === true ? true : undefined,
});

export function createConnectionsApi(client: UpstreamClient): ConnectionsApi {
  const get = async (id: string, options?: SecretsOption) =>
    client.get(`/connections/${pathId(id, 'id')}`, secrets(options), UpstreamConnection);
  return {
    get,
    getMany: (ids, options) => fanOut(ids, (id) => get(id, options)),
    async list(filters, page, options) {
      const query = {
        search: filters.search,
        integrationId: filters.integrationId,
        integrationKey: filters.integrationKey,
        userId: filters.userId,
        tenantId: filters.tenantId,
        isTest: filters.isTest,
        connected: filters.connected,
        includeArchived: filters.includeArchived,
        ...secrets(options),
        ...pageQuery(page),
      };
      return client.get('/connections', query, ConnectionPage);
    },
  };
}
