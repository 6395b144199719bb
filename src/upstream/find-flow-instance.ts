import { GatewayError } from '../errors.js';
import { selectorQuery } from './flow-params.js';
import type { FlowSelectorParams, FlowsApi } from './flows-api.js';
import type { UpstreamFlow } from './schemas.js';
import { pathSelector } from './segments.js';

const PAGE = 1000;
const MAX_PAGES = 10;

/**
 * Finds a connection-level flow through the list filter (`GET /flows?connectionId=…`) instead of
 * `GET /flows/{selector}?connectionId=…`, which creates the instance when it is missing: a Query
 * must not change data (design §6.7). The selector matches the instance's id, its parent's id,
 * its key, or `integrationKey.flowKey`.
 */
export async function findFlowInstance(
  list: FlowsApi['list'],
  selector: string,
  params: FlowSelectorParams,
): Promise<UpstreamFlow> {
  pathSelector(selector, 'selector');
  // validated like the selector lookup's query values, so both paths reject the same input
  selectorQuery(params);
  const [integrationKey, key] = selector.includes('.')
    ? selector.split('.')
    : [undefined, selector];
  const matches = (f: UpstreamFlow) =>
    f.id === selector ||
    f.flowId === selector ||
    f.universalFlowId === selector ||
    (f.key === key && (!integrationKey || f.integrationKey === integrationKey));
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
    const found = items.find((f) => f.id === selector) ?? items.find(matches);
    if (found) {
      return found;
    }
    if (!next) {
      break;
    }
    cursor = next;
  }
  // no `upstream` info: the upstream answered 200, the gateway found no match
  throw new GatewayError('NOT_FOUND', 'No connection-level flow matches this selector.');
}
