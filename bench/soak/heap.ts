import { WebSocket } from 'undici';

/** The gateway's V8 heap over the inspector protocol (the process runs with `--inspect`). */
export interface HeapProbe {
  /** Two full GCs, then the heap still in use, bytes. */
  usedAfterGc(): Promise<number>;
  close(): void;
}

/**
 * Why the inspector: it forces a real full GC from outside and reads the heap exactly, with no
 * endpoint or signal handler added to the gateway for the soak. Node's own client for it is the
 * WebSocket of undici, already a dependency.
 */
export async function openHeapProbe(url: string): Promise<HeapProbe> {
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error(`inspector: cannot connect ${url}`)), {
      once: true,
    });
  });
  let nextId = 0;
  const pending = new Map<number, { resolve(result: unknown): void; reject(e: Error): void }>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) {
      pending.get(message.id)?.resolve(message.result);
      pending.delete(message.id);
    }
  });
  // the gateway went away: no answer will come
  socket.addEventListener('close', () => {
    for (const { reject } of pending.values()) {
      reject(new Error('inspector: the connection closed'));
    }
    pending.clear();
  });
  const call = (method: string): Promise<unknown> => {
    nextId += 1;
    const id = nextId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`inspector: no answer to ${method}`)),
        30_000,
      );
      pending.set(id, {
        resolve: (result) => {
          clearTimeout(timer);
          resolve(result);
        },
        reject,
      });
      socket.send(JSON.stringify({ id, method }));
    });
  };
  return {
    async usedAfterGc() {
      await call('HeapProfiler.collectGarbage');
      await call('HeapProfiler.collectGarbage');
      const usage = (await call('Runtime.getHeapUsage')) as { usedSize: number };
      return usage.usedSize;
    },
    close: () => socket.close(),
  };
}
