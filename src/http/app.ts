import { createYoga, type GraphiQLOptions, useReadinessCheck } from 'graphql-yoga';
import type { Context } from '../context.js';
import { type ContextDeps, createContextFactory } from '../context-factory.js';
import { createRedisCacheStore } from '../redis/redis-cache-store.js';
import type { SharedRedis } from '../redis/shared-redis.js';
import { createSharedRegistrations } from '../redis/shared-registrations.js';
import { schema } from '../schema/index.js';
import { checkUpstream } from '../upstream/readiness.js';
import { EXAMPLE_OPERATION } from './example-operation.js';
import { createMaskError } from './mask-error.js';
import { createMetrics, type Metrics } from './metrics.js';
import { useGraphQLJs } from './use-graphql-js.js';
import { useJsonPostsOnly } from './use-json-posts-only.js';
import { useMetricsEndpoint } from './use-metrics-endpoint.js';
import { useNoIntrospection } from './use-no-introspection.js';
import { useOperationEnd } from './use-operation-end.js';
import { useOperationLimits } from './use-operation-limits.js';
import { usePersistedOperations } from './use-persisted-operations.js';
import { useSubscriptions } from './use-subscriptions.js';
import { useUpstreamCallBudget } from './use-upstream-call-budget.js';

export type AppDeps = Omit<ContextDeps, 'onUpstreamCall' | 'cacheEvents'> & {
  /** True once the process is stopping: `/readyz` then answers 503 at once. */
  isDraining?: () => boolean;
  /** The Redis the replicas share (REDIS_URL); absent: every part works in this process alone. */
  redis?: SharedRedis;
};

/** GraphiQL's bundle is megabytes of strings: loaded when a browser first asks for it. */
const renderGraphiQL = async (options: GraphiQLOptions) =>
  (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(options);

/** The gateway as a Yoga instance: no sockets, no process state (tests call `app.fetch`). */
export function createApp(deps: AppDeps, metrics: Metrics = createMetrics()) {
  const { mode, manifest } = deps.config.persistedOperations;
  const contextFor = createContextFactory({
    ...deps,
    onUpstreamCall: metrics.countUpstreamCall,
    cacheEvents: metrics.cacheEvents,
    // with Redis, one cache for every replica (their writes invalidate it for all)
    cacheStore:
      deps.redis && deps.config.upstream.cacheTtls.size > 0
        ? createRedisCacheStore(deps.redis)
        : undefined,
  });
  const { redis } = deps;
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    // no CORS headers unless the operator names the browser origins that may call the gateway
    cors: deps.config.http.corsOrigins.length
      ? {
          origin: deps.config.http.corsOrigins,
          methods: ['GET', 'POST'],
          allowedHeaders: ['content-type', 'authorization', 'x-request-id'],
        }
      : false,
    context: contextFor,
    maskedErrors: {
      maskError: createMaskError(deps.log, { maxRequestBytes: deps.config.limits.maxRequestBytes }),
    },
    // Yoga refuses a declared length above it at once and cuts a chunked body off at it
    maxRequestBodySize: deps.config.limits.maxRequestBytes,
    // off: Yoga refuses a documentId as an unknown parameter, as it always did
    extraParamNames: mode === 'off' ? undefined : ['documentId'],
    logging: false,
    renderGraphiQL,
    graphiql: deps.config.graphiql && {
      title: 'Membrane GraphQL gateway',
      defaultQuery: EXAMPLE_OPERATION,
      shouldPersistHeaders: false,
    },
    plugins: [
      // first: the operation span is open before any other plugin's hooks run
      ...(deps.tracing ? [deps.tracing.plugin] : []),
      useGraphQLJs(),
      useSubscriptions(contextFor),
      useJsonPostsOnly(),
      // before every other onParams hook: the rest sees the document the id names
      ...(mode === 'off'
        ? []
        : usePersistedOperations({
            mode,
            manifest: manifest ?? new Map(),
            shared: redis && ((bounds) => createSharedRegistrations(redis, bounds)),
          })),
      useMetricsEndpoint(metrics.registry),
      useOperationLimits(),
      ...(deps.config.introspection ? [] : [useNoIntrospection()]),
      useUpstreamCallBudget(deps.config.limits.maxEstimatedUpstreamCalls),
      useOperationEnd(metrics),
      useReadinessCheck({
        endpoint: '/readyz',
        check: () =>
          !deps.isDraining?.() &&
          (deps.redis?.isUp() ?? true) &&
          checkUpstream(deps.upstreamUrl, deps.dispatcher, AbortSignal.timeout(2_000)),
      }),
    ],
  });
}

export type App = ReturnType<typeof createApp>;
