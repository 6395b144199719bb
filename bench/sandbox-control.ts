import type { SandboxChildOptions, SandboxCount, SandboxReady, SandboxRequest } from './ipc.js';
import { type Child, nextMessage, spawnTs } from './processes.js';

/** The sandbox child, seen from the driver. */
export interface SandboxControl {
  child: Child;
  ready: SandboxReady;
  /** Empties the request log (also frees its memory between runs). */
  clear(): Promise<void>;
  /** Upstream calls logged since the last `clear()`. */
  count(): Promise<SandboxCount>;
  /**
   * Waits until no upstream call is in flight and none arrived for a while: requests that
   * autocannon abandoned at the end of a run keep calling the upstream for a moment.
   */
  settle(timeoutMs?: number): Promise<void>;
}

const isObject = (m: unknown): m is { type: string } =>
  typeof m === 'object' && m !== null && 'type' in m;
const isReady = (m: unknown): m is SandboxReady => isObject(m) && m.type === 'ready';
const isCleared = (m: unknown): m is { type: 'cleared' } => isObject(m) && m.type === 'cleared';
const isCount = (m: unknown): m is SandboxCount => isObject(m) && m.type === 'count';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startSandboxChild(options: SandboxChildOptions): Promise<SandboxControl> {
  const child = spawnTs({
    name: 'sandbox',
    script: 'bench/sandbox-child.ts',
    args: [JSON.stringify(options)],
  });
  const ready = await nextMessage(child, isReady);
  // One question at a time: the replies carry no id.
  let queue: Promise<unknown> = Promise.resolve();
  const ask = <T>(request: SandboxRequest, accept: (m: unknown) => m is T): Promise<T> => {
    const answer = queue.then(() => {
      const reply = nextMessage(child, accept);
      child.proc.send(request);
      return reply;
    });
    queue = answer.catch(() => undefined);
    return answer;
  };
  const count = () => ask({ type: 'count' }, isCount);
  const quietMs = Math.max(200, 3 * options.latencyMs);
  return {
    child,
    ready,
    clear: () => ask({ type: 'clear' }, isCleared).then(() => undefined),
    count,
    async settle(timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      let before = await count();
      while (Date.now() < until) {
        await sleep(quietMs);
        const after = await count();
        if (after.total === before.total && after.inFlight === 0) {
          return;
        }
        before = after;
      }
      throw new Error(`the sandbox still receives calls ${timeoutMs} ms after a run`);
    },
  };
}
