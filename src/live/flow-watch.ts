import { type ElementSelectorParams, selectorQuery } from '../upstream/element-selector.js';
import type { UpstreamFlow } from '../upstream/schemas.js';
import { pathSelector } from '../upstream/segments.js';
import type { LiveWatch } from './live-session.js';

/**
 * A flow as a screen shows it after `refreshFlow` (design §9): its state, revision, errors,
 * enabled and archivedAt. Other changes (a renamed node, `updatedAt` alone) send nothing.
 */
const watched = (flow: UpstreamFlow) =>
  JSON.stringify([flow.state, flow.revision, flow.errors, flow.enabled, flow.archivedAt ?? null]);

/**
 * Watches the flow `Query.flow` returns for these arguments, read the same way (`flows.find`:
 * an instance through the list filter, never created). Bad arguments fail here, before any
 * call or poller.
 */
export function flowWatch(
  selector: string,
  params: ElementSelectorParams,
): LiveWatch<UpstreamFlow> {
  pathSelector(selector, 'selector');
  selectorQuery(params);
  const sorted = Object.entries(params).sort(([a], [b]) => a.localeCompare(b));
  return {
    kind: 'flow',
    key: JSON.stringify([selector, sorted]),
    read: (api) => api.flows.find(selector, params),
    fingerprint: watched,
    isFinal: () => false,
  };
}
