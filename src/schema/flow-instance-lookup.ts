import type { Context } from '../context.js';
import { GatewayError } from '../errors.js';
import type { FlowSelectorParams } from '../upstream/membrane-api.js';
import type { UpstreamFlow } from '../upstream/schemas.js';
import { pathId, pathSelector } from '../upstream/segments.js';

const PAGE = 1000;
const MAX_PAGES = 10;

/**
 * Finds a connection-level flow through the list filter (`GET /flows?connectionId=…`) instead of
 * `GET /flows/{selector}?connectionId=…`, which creates the instance when it is missing: a Query
 * must not change data (design §6.7). The selector matches the instance's id, its parent's id,
 * its key, or `integrationKey.flowKey`.
 */
export async function findFlowInstance(
  ctx: Context,
  selector: string,
  params: FlowSelectorParams,
): Promise<UpstreamFlow> {
  pathSelector(selector, 'selector');
  // validated like the selector lookup's query values, so both paths reject the same input
  for (const name of [
    'connectionId',
    'connectionKey',
    'instanceKey',
    'integrationId',
    'integrationKey',
  ] as const) {
    const value = params[name];
    if (value !== undefined) {
      pathId(value, name);
    }
  }
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
    const { items, cursor: next } = await ctx.api.flows.list(
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
