import { GatewayError } from '../errors.js';
import type { Page, PageParams } from './api-types.js';
import {
  type ElementListFilters,
  type ElementSelectorParams,
  selectorQuery,
} from './element-selector.js';
import { pathSelector } from './segments.js';

const PAGE = 1000;
const MAX_PAGES = 10;

/** What the lookup reads of an element; `parentIds` names the fields that hold its parents' ids. */
export interface InstanceShape {
  id: string;
  key?: string;
  integrationKey?: string;
}

/**
 * Finds a connection-level element through the list filter (`GET /flows?connectionId=…`) instead
 * of `GET /flows/{selector}?connectionId=…`, which creates the instance when it is missing: a
 * Query must not change data (design §6.7). The selector matches the instance's id, one of its
 * parents' ids (`parentIds`: `flowId`, `universalFlowId` for flows), its key, or
 * `integrationKey.elementKey`.
 */
export async function findElementInstance<T extends InstanceShape>(
  list: (filters: ElementListFilters, page: PageParams) => Promise<Page<T>>,
  selector: string,
  params: ElementSelectorParams,
  parentIds: readonly (keyof T & string)[],
  noun = 'element',
): Promise<T> {
  pathSelector(selector, 'selector');
  // validated like the selector lookup's query values, so both paths reject the same input
  selectorQuery(params);
  const [integrationKey, key] = selector.includes('.')
    ? selector.split('.')
    : [undefined, selector];
  const matches = (e: T) =>
    parentIds.some((field) => e[field] === selector) ||
    (e.key === key && (!integrationKey || e.integrationKey === integrationKey));
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { items, cursor: next } = await list(
      {
        layer: 'connection',
        connectionId: params.connectionId,
        connectionKey: params.connectionKey,
        instanceKey: params.instanceKey,
        integrationId: params.integrationId,
        integrationKey: integrationKey ?? params.integrationKey,
      },
      { limit: PAGE, cursor },
    );
    const found = items.find((e) => e.id === selector) ?? items.find(matches);
    if (found) {
      return found;
    }
    if (!next) {
      break;
    }
    cursor = next;
  }
  // no `upstream` info: the upstream answered 200, the gateway found no match
  throw new GatewayError('NOT_FOUND', `No connection-level ${noun} matches this selector.`);
}
