/**
 * What a flow run does, as pure functions: the nodes it visits (from the flow's own `nodes` and
 * their links) and where it fails, then the run's state at each step of the clock.
 *
 * Step 0 is `queued`. Step s ≥ 1 is `running` with the s-th node of the path running and the
 * ones before it completed. The run ends one step after its last node started: `completed` when
 * every node completed, `failed` (with `errors`) at the node that fails.
 */
import { badRequest } from './http-errors.js';
import type {
  ErrorData,
  WireFlow,
  WireFlowRun,
  WireFlowRunLaunchedBy,
  WireFlowRunNode,
} from './types.js';

export interface RunPlan {
  /** Node keys in the order the run visits them (never empty). */
  path: string[];
  /** Index in `path` of the node that fails; absent when the run completes. */
  failAt?: number;
  /** The run's `errors` when it fails. */
  errors: ErrorData[];
}

type Nodes = Record<string, Record<string, unknown>>;

function linksOf(node: Record<string, unknown> | undefined): string[] {
  const links = Array.isArray(node?.links) ? (node.links as { key?: unknown }[]) : [];
  return links.map((link) => link.key).filter((key): key is string => typeof key === 'string');
}

/** The node a run starts at when none is given: a node nothing links to, an API trigger first. */
export function defaultStartNode(flow: WireFlow): string | undefined {
  const nodes: Nodes = flow.nodes ?? {};
  const linked = new Set(Object.values(nodes).flatMap((node) => linksOf(node)));
  const roots = Object.keys(nodes).filter((key) => !linked.has(key));
  const candidates = roots.length > 0 ? roots : Object.keys(nodes);
  return candidates.find((key) => nodes[key]?.type === 'api-trigger') ?? candidates[0];
}

/** The start node asked for (`nodeKey`/`startNodeKey`), checked against the flow's nodes. */
export function startNodeOf(flow: WireFlow, requested: string | undefined): string {
  const nodes: Nodes = flow.nodes ?? {};
  if (requested !== undefined) {
    if (!Object.hasOwn(nodes, requested)) {
      throw badRequest(`Node '${requested}' not found in flow '${flow.id}'`);
    }
    return requested;
  }
  const start = defaultStartNode(flow);
  if (start === undefined) {
    throw badRequest(`Flow '${flow.id}' has no nodes to run`);
  }
  return start;
}

/** Breadth-first over the links from `start`; each node once. */
export function pathFrom(flow: WireFlow, start: string): string[] {
  const nodes: Nodes = flow.nodes ?? {};
  const path: string[] = [];
  const seen = new Set<string>([start]);
  const queue = [start];
  for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
    path.push(key);
    for (const next of linksOf(nodes[key])) {
      if (Object.hasOwn(nodes, next) && !seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return path;
}

function errorList(value: unknown): ErrorData[] {
  return Array.isArray(value) ? structuredClone(value as ErrorData[]) : [];
}

/**
 * The plan of a run of `flow` from `start`, fixed when the run is created: the first node whose
 * setup failed fails with its errors; a flow with a configuration error fails at its first node
 * with the flow's errors.
 */
export function planRun(flow: WireFlow, start: string): RunPlan {
  const nodes: Nodes = flow.nodes ?? {};
  const path = pathFrom(flow, start);
  const broken = path.findIndex((key) => {
    const node = nodes[key];
    return node?.state === 'SETUP_FAILED' || errorList(node?.errors).length > 0;
  });
  if (broken >= 0) {
    const key = path[broken] ?? start;
    const errors = errorList(nodes[key]?.errors);
    return {
      path,
      failAt: broken,
      errors:
        errors.length > 0
          ? errors
          : [{ type: 'configuration', message: `Node '${key}' is not set up` }],
    };
  }
  const flowErrors = errorList(flow.errors);
  if (flow.state === 'CONFIGURATION_ERROR' || flow.state === 'SETUP_FAILED' || flowErrors.length) {
    return {
      path,
      failAt: 0,
      errors:
        flowErrors.length > 0
          ? flowErrors
          : [{ type: 'configuration', message: `Flow '${flow.id}' has a configuration error` }],
    };
  }
  return { path, errors: [] };
}

/** The step at which the run ends. */
export function terminalStep(plan: RunPlan): number {
  return plan.failAt === undefined ? plan.path.length + 1 : plan.failAt + 2;
}

const done = (): WireFlowRunNode => ({ state: 'completed', runs: 1, erroredRuns: 0, outputs: 1 });
const busy = (state: 'running' | 'stopped'): WireFlowRunNode => ({
  state,
  runs: 1,
  erroredRuns: 0,
  outputs: 0,
});

/**
 * Sets `state`, `nodes`, `endTime` and `errors` of `run` for `step` (clamped to the end).
 * `stopped` ends a queued or running run where it is. `endTime` is stamped by `at()` on the end.
 */
export function applyStep(
  run: WireFlowRun,
  plan: RunPlan,
  step: number,
  at: () => string,
  stopped = false,
): void {
  const last = terminalStep(plan);
  const s = Math.min(Math.max(step, 0), last);
  delete run.errors;
  if (s === 0) {
    delete run.nodes;
    run.state = stopped ? 'stopped' : 'queued';
  } else {
    const nodes: Record<string, WireFlowRunNode> = {};
    const failed = s === last && plan.failAt !== undefined;
    // The node at work: the one that failed at the end, else the s-th (past the path: all done).
    const current = failed ? (plan.failAt ?? 0) : s - 1;
    plan.path.forEach((key, index) => {
      if (index < current) {
        nodes[key] = done();
      } else if (index === current) {
        nodes[key] = failed
          ? { state: 'failed', runs: 1, erroredRuns: 1, outputs: 0 }
          : busy(stopped ? 'stopped' : 'running');
      }
    });
    run.nodes = nodes;
    run.state =
      s === last
        ? plan.failAt === undefined
          ? 'completed'
          : 'failed'
        : stopped
          ? 'stopped'
          : 'running';
    if (run.state === 'failed') {
      run.errors = structuredClone(plan.errors);
    }
  }
  if (run.state === 'queued' || run.state === 'running') {
    delete run.endTime;
  } else if (run.endTime === undefined) {
    run.endTime = at();
  }
}

/** `launchedBy` of a run that starts at a trigger node of this type. */
export function launchedByFor(nodeType: unknown): WireFlowRunLaunchedBy | undefined {
  switch (nodeType) {
    case 'api-trigger':
      return { type: 'api-trigger' };
    case 'schedule-trigger':
      return { type: 'schedule-trigger' };
    case 'app-event-trigger':
      return { type: 'app-event-trigger' };
    case 'connector-event-trigger':
      return { type: 'external-event' };
    default:
      return typeof nodeType === 'string' && nodeType.startsWith('data-record-')
        ? { type: 'data-source-trigger' }
        : undefined;
  }
}

/** Whom a run belongs to, where the flow itself does not say (its connection may). */
export interface RunOwner {
  userId: string;
  connectionId: string;
  integrationId?: string;
  externalAppId?: string;
}

/** The identity fields a run of `flow` carries: its flows at every layer and their owners. */
export function runIdentity(flow: WireFlow, owner: RunOwner) {
  const { userId, connectionId, integrationId, externalAppId } = owner;
  return {
    userId,
    tenantId: flow.tenantId ?? userId,
    ...(integrationId === undefined ? {} : { integrationId }),
    connectionId,
    ...(externalAppId === undefined ? {} : { externalAppId }),
    name: flow.name,
    connectionFlowId: flow.id,
    ...(flow.flowId === undefined ? {} : { integrationFlowId: flow.flowId }),
    ...(flow.universalFlowId === undefined ? {} : { universalFlowId: flow.universalFlowId }),
    flowInstanceId: flow.id,
    ...(flow.flowId === undefined ? {} : { flowId: flow.flowId }),
  };
}
