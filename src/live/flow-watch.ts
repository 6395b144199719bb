import type { FlowSelectorParams } from '../upstream/flows-api.js';
import { checkFlowSelector, readFlow } from '../upstream/read-flow.js';
import type { UpstreamFlow } from '../upstream/schemas.js';
import type { LiveWatch } from './live-session.js';

/**
 * A flow as a screen shows it after `refreshFlow` (design §9): its state, revision, errors,
 * enabled and archivedAt. Other changes (a renamed node, `updatedAt` alone) send nothing.
 */
const watched = (flow: UpstreamFlow) =>
  JSON.stringify([flow.state, flow.revision, flow.errors, flow.enabled, flow.archivedAt ?? null]);

/** Watches the flow `Query.flow` would return for these arguments. Validates them first. */
export function flowWatch(selector: string, params: FlowSelectorParams): LiveWatch<UpstreamFlow> {
  checkFlowSelector(selector, params);
  const sorted = Object.entries(params).sort(([a], [b]) => a.localeCompare(b));
  return {
    kind: 'flow',
    key: JSON.stringify([selector, sorted]),
    read: (api) => readFlow(api.flows, selector, params),
    fingerprint: watched,
    isFinal: () => false,
  };
}
