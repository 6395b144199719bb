import type { ServerResponse } from 'node:http';
import {
  createSourceEventStream,
  type ExecutionArgs,
  type ExecutionResult,
  execute,
} from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import type { ContextRequest } from '../context-factory.js';
import { markLiveResponse } from './live-responses.js';

/** Builds a request's context (the app's context factory). */
export type ContextFor = (input: { request: ContextRequest }) => Context;

/** Yoga's context: the request, and on HTTP the node response that carries the stream. */
type SubscriptionContext = Context & { request?: ContextRequest; res?: ServerResponse };

/**
 * Maps a source stream to results, one at a time. `return()` reaches the source at once, and so
 * does `signal` (the client went away): no async generator, whose `return()` would wait for the
 * `next()` in progress (platform-notes).
 */
function mapEvents<T, R>(
  source: AsyncIterator<T>,
  map: (event: T) => Promise<R>,
  signal: AbortSignal | undefined,
): AsyncIterableIterator<R> {
  const stop = () => void source.return?.();
  signal?.addEventListener('abort', stop, { once: true });
  const ended = (): IteratorResult<R> => {
    signal?.removeEventListener('abort', stop);
    return { value: undefined, done: true };
  };
  if (signal?.aborted) {
    stop();
  }
  return {
    async next() {
      const event = await source.next();
      return event.done ? ended() : { value: await map(event.value), done: false };
    },
    async return() {
      await source.return?.();
      return ended();
    },
    async throw() {
      await source.return?.();
      return ended();
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * Subscriptions on graphql-js, as its own `subscribe` runs them, except that every event is
 * executed in a fresh context from the same request: its own loaders (a relation of the third
 * update is read again, not served from the first), its own deadline (REQUEST_TIMEOUT_MS bounds
 * one event, never the subscription) and its own MAX_UPSTREAM_CALLS budget. The subscription's
 * context counts the upstream calls of all its events (the access log).
 */
function createSubscribe(contextFor: ContextFor) {
  return async (args: ExecutionArgs) => {
    const stream = await createSourceEventStream(args);
    if (!isAsyncIterable(stream)) {
      return stream;
    }
    const base = args.contextValue as SubscriptionContext;
    const request = base.request;
    markLiveResponse(base.res);
    const executeEvent = async (event: unknown): Promise<ExecutionResult> => {
      // from the subscription's own context object: tracing files the update's upstream calls
      // under the subscription's spans
      const fresh = request
        ? contextFor(base as SubscriptionContext & { request: ContextRequest })
        : base;
      const contextValue = { ...base, ...fresh };
      try {
        return await execute({ ...args, rootValue: event, contextValue });
      } finally {
        fresh.deadline.dispose();
        if (fresh !== base) {
          base.upstream.calls += fresh.upstream.calls;
        }
      }
    };
    return mapEvents(stream[Symbol.asyncIterator](), executeEvent, request?.signal);
  };
}

/**
 * Subscriptions over SSE (Yoga's own transport) and graphql-ws (which runs this same envelop):
 * per-event contexts, the end of the stream when an SSE client disconnects, and the end of a
 * stream that no transport took (Yoga answers 406 to a subscription asked for as plain JSON and
 * drops the stream unread: it is returned here, so it holds no place and no poller).
 */
export function useSubscriptions(contextFor: ContextFor): Plugin {
  const subscribe = createSubscribe(contextFor);
  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(subscribe as Parameters<typeof setSubscribeFn>[0]);
    },
    onResultProcess({ result, resultProcessor }) {
      if (resultProcessor === undefined && isAsyncIterable(result)) {
        void result[Symbol.asyncIterator]().return?.();
      }
    },
  };
}
