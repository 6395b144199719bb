import {
  applyStep,
  launchedByFor,
  planRun,
  type RunPlan,
  runIdentity,
  startNodeOf,
  terminalStep,
} from './flow-run-plan.js';
import { badRequest } from './http-errors.js';
import { Store } from './store.js';
import type { WireFlow, WireFlowRun } from './types.js';

/** What a run is started with (`RunFlowApiRequest` / `CreateFlowRunRequest`). */
export interface RunRequest {
  startNodeKey?: string;
  input?: unknown;
  meta?: Record<string, unknown>;
}

interface Active {
  run: WireFlowRun;
  plan: RunPlan;
  step: number;
}

/**
 * Runs flows on a clock: every step moves each unfinished run one step on (see
 * flow-run-plan.ts). With `stepMs` > 0 a timer steps while runs are unfinished; with 0 only
 * `step()` does (tests). Like Membrane, one run per connection runs at a time
 * (membrane-api.md §8); the others stay `queued` in creation order.
 */
export class FlowRunEngine {
  /** Unfinished runs in creation order. */
  private readonly active = new Map<string, Active>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly stepMs: number,
  ) {}

  /** The live list (`data.flowRuns`), created empty for data that has none. */
  runs(): WireFlowRun[] {
    this.store.data.flowRuns ??= [];
    return this.store.data.flowRuns;
  }

  byId(id: string): WireFlowRun | undefined {
    return this.store.flowRunById.get(id);
  }

  /** Queues a run of a connection-level flow; it starts on the next step. */
  start(flow: WireFlow, request: RunRequest): WireFlowRun {
    if (flow.connectionId === undefined) {
      throw badRequest(`Flow '${flow.id}' is not a flow instance: only connection-level flows run`);
    }
    if (flow.archivedAt !== undefined) {
      throw badRequest(`Flow instance '${flow.id}' is archived and cannot run`);
    }
    const start = startNodeOf(flow, request.startNodeKey);
    const connection = this.store.connectionById.get(flow.connectionId);
    const userId = flow.userId ?? connection?.userId ?? '';
    const integrationId = flow.integrationId ?? connection?.integrationId;
    const externalAppId = flow.externalAppId ?? connection?.externalAppId;
    const launchedBy = launchedByFor(flow.nodes?.[start]?.type);
    const run: WireFlowRun = {
      id: this.newId(),
      ...runIdentity(flow, {
        userId,
        connectionId: flow.connectionId,
        integrationId,
        externalAppId,
      }),
      startNodeKey: start,
      ...(request.input === undefined ? {} : { input: request.input }),
      state: 'queued',
      startTime: Store.later(this.runs().at(-1)?.startTime),
      ...(launchedBy === undefined ? {} : { launchedBy }),
      ...(request.meta === undefined ? {} : { meta: request.meta }),
    };
    this.runs().push(run);
    this.active.set(run.id, { run, plan: planRun(flow, start), step: 0 });
    this.schedule();
    return run;
  }

  /** Moves every unfinished run `count` steps on. */
  step(count = 1): void {
    for (let i = 0; i < count; i += 1) {
      this.stepOnce();
    }
  }

  /** Ends a queued or running run as `stopped`; a finished run cannot be stopped. */
  stop(run: WireFlowRun): void {
    const active = this.active.get(run.id);
    if (active === undefined) {
      throw badRequest(`Flow run '${run.id}' is already ${run.state} and cannot be stopped`);
    }
    this.active.delete(run.id);
    applyStep(run, active.plan, active.step, () => Store.later(run.startTime), true);
    this.schedule();
  }

  /** How many runs are unfinished. */
  pending(): number {
    return this.active.size;
  }

  close(): void {
    if (this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private stepOnce(): void {
    const busy = new Set(
      [...this.active.values()]
        .filter((a) => a.run.state === 'running')
        .map((a) => a.run.connectionId),
    );
    for (const active of [...this.active.values()]) {
      const { run, plan } = active;
      if (run.state === 'queued') {
        if (busy.has(run.connectionId)) {
          continue;
        }
        busy.add(run.connectionId);
      }
      active.step += 1;
      applyStep(run, plan, active.step, () => Store.later(run.startTime));
      if (active.step >= terminalStep(plan)) {
        this.active.delete(run.id);
        busy.delete(run.connectionId);
      }
    }
    this.schedule();
  }

  /** Real-time mode: a timer runs while something is unfinished, and never keeps node alive. */
  private schedule(): void {
    if (this.stepMs <= 0) {
      return;
    }
    if (this.active.size === 0) {
      this.close();
    } else if (this.timer === undefined) {
      this.timer = setInterval(() => this.stepOnce(), this.stepMs);
      this.timer.unref();
    }
  }

  private newId(): string {
    for (;;) {
      const id = this.store.newId();
      if (this.byId(id) === undefined) {
        return id;
      }
    }
  }
}
