import type {
  SandboxCalls,
  SandboxChildOptions,
  SandboxCount,
  SandboxReady,
  SandboxRequest,
} from './ipc.js';
import { cpuMs } from './proc-stats.js';
import { askSerially, type Child, isType, nextMessage, spawnNode } from './processes.js';

/** The sandbox child, seen from the driver. */
export interface SandboxControl {
  child: Child;
  ready: SandboxReady;
  /** Adds `ms` to every response from now on. */
  setLatency(ms: number): Promise<void>;
  /** Empties the request log (also frees its memory between runs). */
  clear(): Promise<void>;
  /** Upstream calls logged since the last `clear()`. */
  count(): Promise<SandboxCount>;
  /** The calls logged since the last `clear()`, as sorted `METHOD /path?query` lines. */
  calls(): Promise<string[]>;
  /**
   * Waits until no upstream call is in flight, none arrived for a while and the `busy`
   * processes are idle: requests that autocannon abandoned at the end of a run keep a system
   * busy (and calling the upstream between two CPU-bound stretches) for a moment.
   */
  settle(busy?: readonly number[], timeoutMs?: number): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startSandboxChild(options: SandboxChildOptions): Promise<SandboxControl> {
  const child = spawnNode({
    name: 'sandbox',
    args: ['--import', 'tsx', 'bench/sandbox-child.ts', JSON.stringify(options)],
    ipc: true,
  });
  const ready = await nextMessage(child, isType<SandboxReady>('ready'));
  const ask = askSerially<SandboxRequest>(child);
  const count = () => ask({ type: 'count' }, isType<SandboxCount>('count'));
  let latencyMs = 0;
  return {
    child,
    ready,
    async setLatency(ms) {
      await ask({ type: 'latency', ms }, isType<{ type: 'latency-set' }>('latency-set'));
      latencyMs = ms;
    },
    clear: () =>
      ask({ type: 'clear' }, isType<{ type: 'cleared' }>('cleared')).then(() => undefined),
    count,
    calls: () => ask({ type: 'calls' }, isType<SandboxCalls>('calls')).then((m) => m.calls),
    async settle(busy = [], timeoutMs = 15_000) {
      const quietMs = Math.max(150, 3 * latencyMs);
      const cpu = () => busy.map(cpuMs);
      const until = Date.now() + timeoutMs;
      let before = { calls: await count(), cpu: cpu() };
      while (Date.now() < until) {
        await sleep(quietMs);
        const after = { calls: await count(), cpu: cpu() };
        // idle: under a fifth of a core each (a timer or a GC may still run)
        const idle = after.cpu.every((ms, i) => ms - (before.cpu[i] ?? 0) < quietMs / 5);
        if (after.calls.total === before.calls.total && after.calls.inFlight === 0 && idle) {
          return;
        }
        before = after;
      }
      throw new Error(`the systems or the sandbox are still busy ${timeoutMs} ms after a run`);
    },
  };
}
