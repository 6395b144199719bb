import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { GuardWatch } from './ipc.js';

/** The project root: children run from here so `--import tsx` and relative paths resolve. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A started child with the tail of its output, for error messages. */
export interface Child {
  name: string;
  proc: ChildProcess;
  pid: number;
  /** The last lines the child wrote (stdout and stderr). */
  tail(): string;
}

const children = new Set<Child>();

/** Options for `spawnNode`. */
export interface SpawnOptions {
  name: string;
  /** Everything after `node`: flags, script (relative to the project root), arguments. */
  args: string[];
  env?: Record<string, string>;
  /**
   * With an IPC channel the child can talk to the driver and notice when it dies. Without
   * one (the gateway as deployed), the orphan guard kills the child if the driver dies.
   */
  ipc?: boolean;
}

let guard: Child | undefined;

/** Starts `node <args>` from the project root; its output is kept for errors, not shown. */
export function spawnNode(options: SpawnOptions): Child {
  const proc = spawn(process.execPath, options.args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...options.env },
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  if (proc.pid === undefined) {
    throw new Error(`${options.name}: could not start`);
  }
  const lines: string[] = [];
  const keep = (chunk: Buffer): void => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 30));
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const child: Child = { name: options.name, proc, pid: proc.pid, tail: () => lines.join('\n') };
  children.add(child);
  proc.once('exit', () => children.delete(child));
  if (!options.ipc) {
    const watch: GuardWatch = { type: 'watch', pid: proc.pid };
    guard?.proc.send(watch);
  }
  return child;
}

/**
 * `work` raced against the child's exit and a timeout; the listeners and the timer are
 * removed whatever wins, and `done` tells a polling `work` to stop.
 */
async function guarded<T>(
  child: Child,
  what: string,
  timeoutMs: number,
  work: (done: () => boolean) => Promise<T>,
): Promise<T> {
  let finished = false;
  let onExit: ((code: number | null, signal: string | null) => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  const failure = new Promise<never>((_, reject) => {
    onExit = (code, signal) =>
      reject(
        new Error(`${child.name} exited (${signal ?? code}):\n${child.tail() || '(no output)'}`),
      );
    if (child.proc.exitCode !== null) {
      onExit(child.proc.exitCode, null);
    }
    child.proc.once('exit', onExit);
    timer = setTimeout(
      () => reject(new Error(`${what}: no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([work(() => finished), failure]);
  } finally {
    finished = true;
    clearTimeout(timer);
    if (onExit) {
      child.proc.off('exit', onExit);
    }
  }
}

/** The next IPC message of the child that passes `accept`. */
export function nextMessage<T>(
  child: Child,
  accept: (message: unknown) => message is T,
  timeoutMs = 20_000,
): Promise<T> {
  let listener: ((message: unknown) => void) | undefined;
  return guarded(
    child,
    `${child.name} message`,
    timeoutMs,
    () =>
      new Promise<T>((resolve) => {
        listener = (message: unknown) => {
          if (accept(message)) {
            resolve(message);
          }
        };
        child.proc.on('message', listener);
      }),
  ).finally(() => {
    if (listener) {
      child.proc.off('message', listener);
    }
  });
}

/** A free loopback port (for a child that only takes a fixed `PORT`). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** SIGTERM every child, SIGKILL whatever is still there after `graceMs`. */
export async function stopAll(graceMs = 5_000, { keepGuard = false } = {}): Promise<void> {
  // `keepGuard`: more children follow (the scale-out replicas), and the guard must watch them too
  const running = [...children].filter((child) => !(keepGuard && child === guard));
  await Promise.all(
    running.map(
      (child) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            child.proc.kill('SIGKILL');
            resolve();
          }, graceMs);
          child.proc.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.proc.kill('SIGTERM');
        }),
    ),
  );
}

/**
 * Children never outlive the driver: on exit (sync), SIGINT/SIGTERM and fatal errors; and a
 * guard child kills the IPC-less ones if the driver itself is killed (SIGKILL runs no handler).
 */
export function installCleanup(): void {
  guard = spawnNode({
    name: 'orphan-guard',
    args: ['--import', 'tsx', 'bench/orphan-guard.ts'],
    ipc: true,
  });
  process.on('exit', () => {
    for (const child of children) {
      child.proc.kill('SIGKILL');
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the benchmark's child processes`);
      void stopAll(2_000).finally(() => process.exit(130));
    });
  }
}

/** A guard for IPC messages of one `type`. */
export const isType =
  <T extends { type: string }>(type: T['type']) =>
  (m: unknown): m is T =>
    typeof m === 'object' && m !== null && (m as { type?: unknown }).type === type;

/**
 * Question and answer over a child's IPC channel, one question at a time: the replies carry no
 * id, so the next question waits for the previous answer.
 */
export function askSerially<Q>(child: Child) {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(request: Q, accept: (m: unknown) => m is T): Promise<T> => {
    const answer = queue.then(() => {
      const reply = nextMessage(child, accept);
      child.proc.send(request as object);
      return reply;
    });
    queue = answer.catch(() => undefined);
    return answer;
  };
}
