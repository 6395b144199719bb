/**
 * A deterministic run history for seeded connection-level flows: 2–5 finished runs each, in the
 * seed's date range, some failed with errors (always the latest ones of a flow that has a
 * configuration error), a few stopped. Built from the same plan as live runs (flow-run-plan.ts).
 */
import {
  applyStep,
  defaultStartNode,
  launchedByFor,
  planRun,
  type RunPlan,
  runIdentity,
  terminalStep,
} from './flow-run-plan.js';
import { DATE_MAX, iso, SeedRandom } from './seed-random.js';
import type { ErrorData, WireFlow, WireFlowRun } from './types.js';

const RUNTIME_ERRORS: ((node: string) => ErrorData)[] = [
  () => ({
    type: 'connection',
    key: 'access_token_expired',
    message: 'Access token expired and could not be refreshed',
  }),
  () => ({
    type: 'connection',
    key: 'rate_limit_exceeded',
    message: 'The external app answered 429 Too Many Requests',
  }),
  (node) => ({
    type: 'flow_run',
    message: `Node '${node}' failed: the external app answered 422 Unprocessable Entity`,
  }),
  (node) => ({
    type: 'custom_code',
    message: `Node '${node}': TypeError: Cannot read properties of undefined (reading 'id')`,
  }),
];

function runtimeFailure(plan: RunPlan, rng: SeedRandom): RunPlan {
  const failAt = rng.int(0, plan.path.length - 1);
  const error = rng.pick(RUNTIME_ERRORS)(plan.path[failAt] ?? '');
  return { path: plan.path, failAt, errors: [error] };
}

function runsOf(flow: WireFlow, rng: SeedRandom): WireFlowRun[] {
  const start = defaultStartNode(flow);
  const created = Date.parse(flow.createdAt ?? '');
  if (start === undefined || flow.connectionId === undefined || Number.isNaN(created)) {
    return [];
  }
  const planned = planRun(flow, start);
  const clean: RunPlan = { path: planned.path, errors: [] };
  const count = rng.int(2, 5);
  const times = Array.from({ length: count }, () => rng.timeBetween(created, DATE_MAX)).sort(
    (a, b) => a - b,
  );
  // A broken flow's latest runs fail with its configuration errors.
  const brokenFrom = planned.failAt === undefined ? count : rng.int(0, count - 1);
  const launchedBy = launchedByFor(flow.nodes?.[start]?.type);
  return times.map((startMs, index) => {
    let plan = clean;
    let stopped = false;
    if (index >= brokenFrom) {
      plan = planned;
    } else if (rng.chance(0.2)) {
      plan = runtimeFailure(clean, rng);
    } else if (rng.chance(0.04)) {
      stopped = true;
    }
    const end = startMs + rng.int(400, 90_000);
    const run: WireFlowRun = {
      id: rng.objectId(startMs),
      ...runIdentity(flow, {
        userId: flow.userId ?? '',
        connectionId: flow.connectionId ?? '',
        integrationId: flow.integrationId,
        externalAppId: flow.externalAppId,
      }),
      startNodeKey: start,
      ...(flow.nodes?.[start]?.type === 'api-trigger'
        ? { input: { id: `rec_${rng.hex(10)}` } }
        : {}),
      state: 'queued',
      startTime: iso(startMs),
      ...(launchedBy === undefined ? {} : { launchedBy }),
    };
    const step = stopped ? rng.int(1, terminalStep(plan) - 1) : terminalStep(plan);
    applyStep(run, plan, step, () => iso(Math.max(end, startMs + 1)), stopped);
    return run;
  });
}

/** The history of `instances`, oldest first; its own PRNG stream, so other seed data is unchanged. */
export function seedFlowRuns(instances: readonly WireFlow[], seed: number): WireFlowRun[] {
  const rng = new SeedRandom(seed + 0x5eed);
  return instances
    .flatMap((flow) => runsOf(flow, rng))
    .sort((a, b) => (a.startTime < b.startTime ? -1 : a.startTime > b.startTime ? 1 : 0));
}
