import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The gateway's Prometheus metrics, in a registry of this app's own (tests build many apps).
 * Counters and one histogram, observed once per request at the socket: Yoga's Prometheus plugin
 * cost a histogram per phase and per request (see bench/README.md).
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const upstreamCalls = new Counter({
    name: 'gateway_upstream_calls_total',
    help: 'Calls sent to the Membrane REST API (memoized GETs not counted).',
    labelNames: ['method'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'gateway_http_request_duration_seconds',
    help: 'Time from request to the end of the response, by method and status.',
    labelNames: ['method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const operations = new Counter({
    name: 'gateway_graphql_operations_total',
    help: 'GraphQL operations executed, by type and whether their result holds errors.',
    labelNames: ['type', 'result'] as const,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'gateway_graphql_errors_total',
    help: 'Errors in GraphQL results, by extensions.code.',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const cacheLookups = new Counter({
    name: 'gateway_upstream_cache_lookups_total',
    help: 'GETs of cached resources, by resource and result: hit (answered by the cache), miss (sent), bypass (the store was unavailable: sent).',
    labelNames: ['resource', 'result'] as const,
    registers: [registry],
  });
  const cacheInvalidations = new Counter({
    name: 'gateway_upstream_cache_invalidations_total',
    help: 'Cached resources made stale by a write through this replica, by resource.',
    labelNames: ['resource'] as const,
    registers: [registry],
  });
  // live subscriptions, read when scraped
  let live: (() => { subscriptions: number; pollers: number }) | undefined;
  new Gauge({
    name: 'gateway_subscriptions_active',
    help: 'Live subscriptions open now (SSE and graphql-ws).',
    registers: [registry],
    collect() {
      this.set(live?.().subscriptions ?? 0);
    },
  });
  new Gauge({
    name: 'gateway_subscription_pollers_active',
    help: 'Pollers running now: one per credential and watched resource.',
    registers: [registry],
    collect() {
      this.set(live?.().pollers ?? 0);
    },
  });
  // labelled series resolved once, not per observation (label validation is per call otherwise)
  const series = new Map<string, { observe(value: number): void }>();
  const countErrors = (codes: readonly string[]) => {
    for (const code of codes) {
      errors.inc({ code });
    }
  };
  return {
    registry,
    countUpstreamCall: (method: string) => upstreamCalls.inc({ method }),
    cacheEvents: {
      lookup: (resource: string, result: string) => cacheLookups.inc({ resource, result }),
      invalidated: (resource: string) => cacheInvalidations.inc({ resource }),
    },
    observeRequest(method: string, status: number, seconds: number) {
      const key = `${method} ${status}`;
      let child = series.get(key);
      if (child === undefined) {
        child = httpDuration.labels({ method, status });
        series.set(key, child);
      }
      child.observe(seconds);
    },
    /** Where the live gauges read their values. */
    observeLive(read: () => { subscriptions: number; pollers: number }) {
      live = read;
    },
    countOperation(type: string, codes: readonly string[]) {
      operations.inc({ type, result: codes.length > 0 ? 'errors' : 'ok' });
      countErrors(codes);
    },
    /** Errors of a request refused before execution: no operation ran, its codes still count. */
    countErrors,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
