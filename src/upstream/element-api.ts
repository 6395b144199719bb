import type { z } from 'zod';
import { fanOut, type Page, type PageParams, pageQuery } from './api-types.js';
import type { Query, UpstreamClient, WriteMethod, WriteRequest } from './client.js';
import {
  type ElementListFilters,
  type ElementSelectorParams,
  elementListQuery,
  selectorQuery,
} from './element-selector.js';
import { findElementInstance, type InstanceShape } from './find-element-instance.js';
import { pathId, pathSelector } from './segments.js';

/**
 * The REST routes every integration-level element type has (membrane-api.md §3.1): lookup by
 * selector, the list, and the lifecycle writes, under its own path (`/flows`, `/actions`).
 */
export interface ElementApi<T, F extends ElementListFilters> {
  get(selector: string, params?: ElementSelectorParams): Promise<T>;
  getMany(ids: readonly string[]): Promise<(T | Error)[]>;
  list(filters: F, page: PageParams): Promise<Page<T>>;
  /**
   * The connection-level instance a selector names, found through the list filter, because
   * `GET /{elements}/{selector}?connectionId=…` creates it when it is missing (design §6.7).
   */
  findInstance(selector: string, params: ElementSelectorParams): Promise<T>;
  /**
   * The element a selector names, as a Query reads it: through `findInstance` when the
   * parameters name a connection, so that reading never creates an instance.
   */
  find(selector: string, params: ElementSelectorParams): Promise<T>;
  // The writes below send the selector and its parameters as given and are never retried.
  /** `PATCH /{elements}/{selector}`. */
  update(selector: string, params: ElementSelectorParams, patch: object): Promise<T>;
  /** `POST /{elements}/{selector}/reset`. */
  reset(selector: string, params: ElementSelectorParams): Promise<T>;
  /** `DELETE /{elements}/{selector}` (archive), whose answer is empty. */
  archive(selector: string, params: ElementSelectorParams): Promise<void>;
  /** `POST /{elements}/{selector}/restore`. */
  restore(selector: string, params: ElementSelectorParams): Promise<T>;
}

export interface ElementResource<T extends InstanceShape, F extends ElementListFilters> {
  /** The collection path, e.g. `/flows`. */
  path: string;
  schema: z.ZodType<T>;
  /** The list envelope of `schema` (built once per process: its parser is compiled once). */
  page: z.ZodType<Page<T>>;
  /** The fields holding the ids of an instance's parents, which its selector may name. */
  parentIds: readonly (keyof T & string)[];
  /** The type's own list filters beyond the shared ones, as query values. */
  extraFilters: (filters: F) => Query;
  /** How errors name the element ("flow"). */
  noun: string;
}

/** The element routes of one type, and `writeTo` for the writes only that type has. */
export function createElementApi<T extends InstanceShape, F extends ElementListFilters>(
  client: UpstreamClient,
  resource: ElementResource<T, F>,
) {
  const { path, schema } = resource;
  const at = (selector: string, action = '') =>
    `${path}/${pathSelector(selector, 'selector')}${action}`;
  /** A write to the element a selector names, its clarifying parameters as given. */
  const writeTo = (
    method: WriteMethod,
    selector: string,
    params: ElementSelectorParams = {},
    action = '',
    body?: unknown,
  ): WriteRequest => ({
    method,
    path: at(selector, action),
    query: selectorQuery(params),
    ...(body !== undefined && { body }),
  });
  const get = async (selector: string, params?: ElementSelectorParams) =>
    client.get(at(selector), selectorQuery(params), schema);
  const list = async (filters: F, page: PageParams): Promise<Page<T>> => {
    const query = {
      ...elementListQuery(filters),
      ...resource.extraFilters(filters),
      ...pageQuery(page),
    };
    return client.get(path, query, resource.page);
  };
  const findInstance = (selector: string, params: ElementSelectorParams) =>
    findElementInstance(
      (filters, page) => list(filters as F, page),
      selector,
      params,
      resource.parentIds,
      resource.noun,
    );
  const api: ElementApi<T, F> = {
    get,
    list,
    findInstance,
    find: (selector, params) =>
      params.connectionId || params.connectionKey || params.instanceKey
        ? findInstance(selector, params)
        : get(selector, params),
    getMany: (ids) => fanOut(ids, (id) => client.get(`${path}/${pathId(id, 'id')}`, {}, schema)),
    update: async (selector, params, patch) =>
      client.write(writeTo('PATCH', selector, params, '', patch), schema),
    reset: async (selector, params) =>
      client.write(writeTo('POST', selector, params, '/reset'), schema),
    archive: async (selector, params) => client.writeOnly(writeTo('DELETE', selector, params)),
    restore: async (selector, params) =>
      client.write(writeTo('POST', selector, params, '/restore'), schema),
  };
  return { api, writeTo };
}
