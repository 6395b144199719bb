import { rssMb } from '../proc-stats.js';
import type { HeapProbe } from './heap.js';
import type { FaultedRequest } from './ipc.js';
import type { HeapSample } from './report.js';
import type { SoakSandbox } from './sandbox-control.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Watches the run from outside the gateway: empties the sandbox's request log every second into
 * the faults met (the log stays small), samples the upstream sockets for their peak, and takes
 * heap-after-GC and RSS samples of the gateway when asked.
 */
export class Observer {
  readonly faulted: FaultedRequest[] = [];
  readonly samples: HeapSample[] = [];
  /** Upstream requests by soak phase. */
  readonly requests: Record<string, number> = {};
  peakSockets = 0;
  private timer: NodeJS.Timeout | undefined;
  private busy: Promise<void> = Promise.resolve();

  constructor(
    private readonly sandbox: SoakSandbox,
    private readonly heap: HeapProbe,
    private readonly gatewayPid: number,
  ) {}

  /** Counts the requests and faults logged so far (and empties the sandbox's log). */
  async harvest(): Promise<void> {
    const { requests, faulted } = await this.sandbox.harvest();
    for (const [phase, n] of Object.entries(requests)) {
      this.requests[phase] = (this.requests[phase] ?? 0) + n;
    }
    this.faulted.push(...faulted);
  }

  start(): void {
    this.timer = setInterval(() => {
      this.busy = this.busy.then(async () => {
        await this.harvest();
        const { open } = await this.sandbox.connections();
        this.peakSockets = Math.max(this.peakSockets, open);
      });
    }, 1_000);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.busy;
    await this.harvest();
  }

  /** NaN when the gateway no longer answers (the run then fails on its exit, not here). */
  async sample(at: string): Promise<HeapSample> {
    const bytes = await this.heap.usedAfterGc().catch(() => Number.NaN);
    const heapMiB = bytes / 1024 / 1024;
    const sample = { at, heapMiB, rssMiB: rssMb(this.gatewayPid) };
    this.samples.push(sample);
    return sample;
  }

  /**
   * Waits, with no traffic, until the sandbox sees no more client connections than `baseline`:
   * the gateway's idle keep-alive sockets close after 4 s (undici's keepAliveTimeout). Returns
   * the sockets then open and how long it took (`limitMs` at most).
   */
  async idleUntilBaseline(
    baseline: number,
    limitMs: number,
  ): Promise<{ open: number; ms: number }> {
    const started = Date.now();
    let open = (await this.sandbox.connections()).open;
    while (open > baseline && Date.now() - started < limitMs) {
      await sleep(250);
      open = (await this.sandbox.connections()).open;
    }
    return { open, ms: Date.now() - started };
  }
}
