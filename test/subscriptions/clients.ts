import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';

/** One result of a subscription, as a client receives it. */
export interface LiveResult<D = Record<string, unknown>> {
  data?: D | null;
  errors?: readonly {
    message: string;
    path?: readonly (string | number)[];
    extensions?: Record<string, unknown>;
  }[];
}

/** A running subscription: its results one at a time, and a way to leave. */
export interface LiveStream<D> {
  /** The next result; `undefined` once the server completed the stream. */
  next(): Promise<LiveResult<D> | undefined>;
  /** The client unsubscribes (SSE: closes its request; graphql-ws: sends `complete`). */
  leave(): Promise<void>;
  /** Every result up to the server's completion. */
  rest(): Promise<LiveResult<D>[]>;
}

export interface LiveClient {
  readonly name: string;
  subscribe<D = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): LiveStream<D>;
  close(): Promise<void>;
}

function streamOf<D>(iterator: AsyncIterableIterator<LiveResult<D>>): LiveStream<D> {
  const next = async () => {
    const result = await iterator.next();
    return result.done ? undefined : result.value;
  };
  return {
    next,
    leave: async () => {
      await iterator.return?.();
    },
    async rest() {
      const results: LiveResult<D>[] = [];
      for (let r = await next(); r !== undefined; r = await next()) {
        results.push(r);
      }
      return results;
    },
  };
}

/** `graphql-sse` in distinct connections mode: Yoga's built-in SSE (one request per subscription). */
export function sseClient(url: string, token?: string): LiveClient {
  const client = createSseClient({
    url,
    headers: (): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {}),
    retryAttempts: 0,
  });
  return {
    name: 'SSE',
    subscribe: (query, variables) =>
      streamOf(client.iterate({ query, variables }) as AsyncIterableIterator<LiveResult<never>>),
    close: async () => client.dispose(),
  };
}

/** `graphql-ws` over a real WebSocket; the credential goes in `connection_init`'s payload. */
export function wsClient(url: string, token?: string): LiveClient {
  const client = createWsClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { Authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
  return {
    name: 'graphql-ws',
    subscribe: (query, variables) =>
      streamOf(client.iterate({ query, variables }) as AsyncIterableIterator<LiveResult<never>>),
    close: async () => client.dispose(),
  };
}

export const clients = [
  ['SSE', sseClient],
  ['graphql-ws', wsClient],
] as const;

/** Resolves once `check` holds, trying again on every turn of the event loop (no fixed sleep). */
export async function until(check: () => boolean, what: string, limitMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > limitMs) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
