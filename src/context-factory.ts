import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Dispatcher } from 'undici';
import type { Config } from './config.js';
import type { Context } from './context.js';
import { type ClientWatch, Deadline } from './deadline.js';
import { GatewayError } from './errors.js';
import { Explain } from './explain.js';
import { createLiveHub, type LiveHub } from './live/live-hub.js';
import { LiveSession, type PollApi } from './live/live-session.js';
import { requestLog } from './request-log.js';
import { KnownEntities } from './schema/known-entities.js';
import type { Tracing } from './tracing/tracing.js';
import { type CacheStore, createMemoryCacheStore } from './upstream/cache-store.js';
import { createUpstreamClient } from './upstream/client.js';
import { createCredentialLimiters } from './upstream/credential-limiters.js';
import { createMembraneApi } from './upstream/membrane-api.js';
import { type CacheEvents, createUpstreamCache } from './upstream/upstream-cache.js';

export interface ContextDeps {
  config: Config;
  /** The upstream base URL (the configured one, or the embedded sandbox's). */
  upstreamUrl: string;
  /** Used when a request carries no Authorization header. */
  fallbackToken: string | undefined;
  dispatcher: Dispatcher;
  log: Logger;
  /** Told of every upstream call actually sent (metrics). */
  onUpstreamCall?: (method: string) => void;
  /** The process's live subscriptions (one of its own when absent). */
  live?: LiveHub;
  /** Present when OpenTelemetry tracing is on: each upstream attempt gets a span. */
  tracing?: Tracing;
  /** Where the upstream cache keeps answers (Redis, shared by the replicas); else in process. */
  cacheStore?: CacheStore;
  /** Told of the upstream cache's hits, misses and invalidations (metrics). */
  cacheEvents?: CacheEvents;
}

/** Only a printable, bounded request id is taken from the client (it reaches logs and upstream). */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The client's `x-request-id` when it is safe to log and forward, else a new one. */
export function requestIdOf(headers: { get(name: string): string | null }): string {
  const given = headers.get('x-request-id');
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

/** What the context needs of a request: Yoga's WHATWG Request and the fast path's view both fit. */
export interface ContextRequest {
  readonly headers: { get(name: string): string | null };
  /** Aborts when the client goes away (a WHATWG Request's); read only once a call needs it. */
  readonly signal?: AbortSignal;
  /** Cheaper than `signal` where the edge can watch the connection itself (the fast path). */
  readonly watchClient?: ClientWatch;
}

/** The client's going away, from whichever the request offers. */
function clientWatch(request: ContextRequest): ClientWatch {
  return (
    request.watchClient ??
    ((abort) => {
      const signal = request.signal;
      if (signal?.aborted) {
        abort(signal.reason);
        return undefined;
      }
      const onAbort = () => abort(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      return () => signal?.removeEventListener('abort', onAbort);
    })
  );
}

/** Builds the per-request context: the caller's credential, deadline and call budget. */
export function createContextFactory({
  config,
  upstreamUrl,
  fallbackToken,
  dispatcher,
  log,
  onUpstreamCall,
  tracing,
  cacheStore,
  cacheEvents,
  live = createLiveHub(config, log),
}: ContextDeps) {
  const limiterFor = createCredentialLimiters(config.upstream.concurrency);
  const retry = { maxRetries: config.upstream.retries };
  // off (no TTL): no cache object at all, so the request path is exactly as without the feature
  const cache =
    config.upstream.cacheTtls.size > 0
      ? createUpstreamCache({
          store: cacheStore ?? createMemoryCacheStore(),
          ttls: config.upstream.cacheTtls,
          apiVersion: config.upstream.apiVersion,
          events: cacheEvents,
        })
      : undefined;
  // A poll is one GET, cancelled by its poller; the poller itself waits and polls again.
  const pollApi: PollApi = (authorization, signal) =>
    createMembraneApi(
      createUpstreamClient({
        baseUrl: upstreamUrl,
        dispatcher,
        apiVersion: config.upstream.apiVersion,
        authorization,
        deadline: { signal },
        limiter: limiterFor(authorization),
        retry: { maxRetries: 0 },
        log,
        onCall: ({ method }) => onUpstreamCall?.(method),
        // a poll is always sent, and its fresh answer replaces what the cache holds
        cache: authorization === undefined ? undefined : cache?.forCredential(authorization),
        refreshesCache: true,
      }),
    );
  // the operation's initial context: Yoga's hooks see the same object (tracing finds its spans by it)
  return (initial: { request: ContextRequest }): Context => {
    const { request } = initial;
    const requestId = requestIdOf(request.headers);
    const authorization =
      request.headers.get('authorization') ??
      (fallbackToken ? `Bearer ${fallbackToken}` : undefined);
    const deadline = new Deadline(
      config.limits.requestTimeoutMs,
      clientWatch(request),
      config.limits.maxUpstreamCalls + 10,
    );
    const upstream: Context['upstream'] = { calls: 0 };
    const explain =
      config.explain && request.headers.get('x-explain') === '1' ? new Explain() : undefined;
    const client = createUpstreamClient({
      baseUrl: upstreamUrl,
      dispatcher,
      apiVersion: config.upstream.apiVersion,
      authorization,
      requestId,
      deadline,
      limiter: limiterFor(authorization),
      retry,
      log,
      trace: explain,
      attempts: tracing?.upstream(initial),
      ...(cache &&
        authorization !== undefined && {
          cache: cache.forCredential(authorization),
          onCached: () => {
            upstream.cacheHits = (upstream.cacheHits ?? 0) + 1;
          },
        }),
      onCall: ({ method }) => {
        upstream.calls += 1;
        if (upstream.calls > config.limits.maxUpstreamCalls) {
          throw new GatewayError(
            'OPERATION_LIMIT',
            `This operation needs more than ${config.limits.maxUpstreamCalls} upstream calls.`,
          );
        }
        onUpstreamCall?.(method);
      },
    });
    return {
      requestId,
      log: requestLog(log, requestId),
      api: createMembraneApi(client),
      known: new KnownEntities(),
      exposeSecrets: config.exposeSecrets,
      deadline,
      upstream,
      explain,
      live: new LiveSession(live, authorization, pollApi),
    };
  };
}
