import { fanOut, type Page, type PageParams, pageQuery } from './api-types.js';
import type { UpstreamClient } from './client.js';
import { UpstreamIntegration, upstreamPage } from './schemas.js';
import { pathId, pathSelector } from './segments.js';

/** Filters of `GET /integrations`; the auto-generating options are never sent. */
export interface IntegrationListFilters {
  search?: string;
  includeArchived?: boolean;
}

export interface IntegrationsApi {
  /** `GET /integrations/{idOrKey}`. */
  get(selector: string): Promise<UpstreamIntegration>;
  getMany(ids: readonly string[]): Promise<(UpstreamIntegration | Error)[]>;
  list(filters: IntegrationListFilters, page: PageParams): Promise<Page<UpstreamIntegration>>;
}

const IntegrationPage = upstreamPage(UpstreamIntegration);

export function createIntegrationsApi(client: UpstreamClient): IntegrationsApi {
  return {
    get: async (selector) =>
      client.get(`/integrations/${pathSelector(selector, 'selector')}`, {}, UpstreamIntegration),
    getMany: (ids) =>
      fanOut(ids, (id) => client.get(`/integrations/${pathId(id, 'id')}`, {}, UpstreamIntegration)),
    list: async (filters, page) =>
      client.get(
        '/integrations',
        { search: filters.search, includeArchived: filters.includeArchived, ...pageQuery(page) },
        IntegrationPage,
      ),
  };
}
