import { badRequest } from '../http-errors.js';
import { matchesSearch, type Query, stringParam } from '../query.js';
import type { FlowRunState, WireFlowRun } from '../types.js';

const STATES = new Set<FlowRunState>(['queued', 'running', 'completed', 'stopped', 'failed']);

type Test = (run: WireFlowRun) => boolean;

/** An ISO date-time query parameter as epoch ms; anything unparsable is a 400. */
export function instant(query: Query, name: string): number | undefined {
  const raw = stringParam(query, name);
  if (raw === undefined) {
    return undefined;
  }
  const at = Date.parse(raw);
  if (Number.isNaN(at)) {
    throw badRequest(`Query parameter '${name}' must be an ISO date-time`);
  }
  return at;
}

/**
 * `FindFlowRunsQuery` (membrane-api.md §3.3) plus the spec's `search`. `flowId` names a flow of
 * any layer the run belongs to; `from`/`to` bound `startTime` (both inclusive).
 */
export function filterFlowRuns(runs: WireFlowRun[], query: Query): WireFlowRun[] {
  const tests: Test[] = [];
  const eq = (name: string, pick: (run: WireFlowRun) => string | undefined): void => {
    const value = stringParam(query, name);
    if (value !== undefined) {
      tests.push((run) => pick(run) === value);
    }
  };
  eq('universalFlowId', (r) => r.universalFlowId);
  eq('integrationFlowId', (r) => r.integrationFlowId ?? r.flowId);
  eq('connectionFlowId', (r) => r.connectionFlowId);
  eq('tenantId', (r) => r.tenantId ?? r.userId);
  eq('userId', (r) => r.userId);
  eq('integrationId', (r) => r.integrationId);
  eq('connectionId', (r) => r.connectionId);
  eq('externalAppId', (r) => r.externalAppId);
  const flowId = stringParam(query, 'flowId');
  if (flowId !== undefined) {
    tests.push((r) =>
      [r.connectionFlowId, r.integrationFlowId ?? r.flowId, r.universalFlowId].includes(flowId),
    );
  }
  const state = stringParam(query, 'state');
  if (state !== undefined) {
    if (!STATES.has(state as FlowRunState)) {
      throw badRequest(`Query parameter 'state' must be one of ${[...STATES].join(', ')}`);
    }
    tests.push((r) => r.state === state);
  }
  const from = instant(query, 'from');
  if (from !== undefined) {
    tests.push((r) => Date.parse(r.startTime) >= from);
  }
  const to = instant(query, 'to');
  if (to !== undefined) {
    tests.push((r) => Date.parse(r.startTime) <= to);
  }
  const search = stringParam(query, 'search');
  if (search !== undefined) {
    tests.push((r) => matchesSearch(search, [r.name, r.id]));
  }
  return runs.filter((run) => tests.every((test) => test(run)));
}

/** Newest first: startTime descending, then id descending. */
export function newestFirst(a: WireFlowRun, b: WireFlowRun): number {
  if (a.startTime !== b.startTime) {
    return a.startTime < b.startTime ? 1 : -1;
  }
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
