import { fanOut, type Page, type PageParams, pageQuery } from './api-types.js';
import type { UpstreamClient } from './client.js';
import { UpstreamCustomer, upstreamPage } from './schemas.js';
import { pathId } from './segments.js';

/** Filters of `GET /customers` (FindCustomersQuery). */
export interface CustomerListFilters {
  search?: string;
  isTest?: boolean;
  isActive?: boolean;
  includeArchived?: boolean;
}

/** Customers = tenants = GraphQL `User`; the REST path is `/customers` (membrane-api.md §3.6). */
export interface CustomersApi {
  get(id: string): Promise<UpstreamCustomer>;
  getMany(ids: readonly string[]): Promise<(UpstreamCustomer | Error)[]>;
  list(filters: CustomerListFilters, page: PageParams): Promise<Page<UpstreamCustomer>>;
}

const CustomerPage = upstreamPage(UpstreamCustomer);

export function createCustomersApi(client: UpstreamClient): CustomersApi {
  const get = async (id: string) =>
    client.get(`/customers/${pathId(id, 'id')}`, {}, UpstreamCustomer);
  return {
    get,
    getMany: (ids) => fanOut(ids, get),
    list: async (filters, page) =>
      client.get(
        '/customers',
        {
          search: filters.search,
          isTest: filters.isTest,
          isActive: filters.isActive,
          includeArchived: filters.includeArchived,
          ...pageQuery(page),
        },
        CustomerPage,
      ),
  };
}
