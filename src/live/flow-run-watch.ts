import type { UpstreamFlowRun } from '../upstream/schemas.js';
import { pathId } from '../upstream/segments.js';
import type { LiveWatch } from './live-session.js';

/** A run in one of these states changes no more (membrane-api.md §3.3). */
const FINAL_STATES: ReadonlySet<string> = new Set(['completed', 'stopped', 'failed']);

/**
 * Watches a flow run: every change of its record is sent (state, node progress, errors, end
 * time), and the stream completes once the run is completed, stopped or failed. A bad id fails
 * here, before any call or poller.
 */
export function flowRunWatch(id: string): LiveWatch<UpstreamFlowRun> {
  pathId(id, 'id');
  return {
    kind: 'flowRun',
    key: id,
    read: (api) => api.flowRuns.get(id),
    fingerprint: (run) => JSON.stringify(run),
    isFinal: (run) => FINAL_STATES.has(run.state ?? ''),
  };
}
