import { selectorQuery } from './flow-params.js';
import type { FlowSelectorParams, FlowsApi } from './flows-api.js';
import type { UpstreamFlow } from './schemas.js';
import { pathSelector } from './segments.js';

const namesInstance = (params: FlowSelectorParams) =>
  Boolean(params.connectionId || params.connectionKey || params.instanceKey);

/**
 * Reads a flow the way a Query may (design §6.7): with connection parameters through the list
 * filter, which never creates the instance; otherwise by its selector. `Query.flow` and
 * `Subscription.flow` read the same flow for the same arguments.
 */
export function readFlow(
  flows: FlowsApi,
  selector: string,
  params: FlowSelectorParams,
): Promise<UpstreamFlow> {
  return namesInstance(params) ? flows.findInstance(selector, params) : flows.get(selector, params);
}

/** Validates a flow selector and its parameters (BAD_USER_INPUT) without any upstream call. */
export function checkFlowSelector(selector: string, params: FlowSelectorParams): void {
  pathSelector(selector, 'selector');
  selectorQuery(params);
}
