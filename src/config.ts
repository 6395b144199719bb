import { z } from 'zod';
import { type PersistedManifest, readPersistedManifest } from './persisted-manifest.js';
import {
  type CacheTtls,
  DEFAULT_CACHED_RESOURCES,
  parseCacheTtls,
} from './upstream/cache-rules.js';

const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value);
const int = (min: number, fallback: number) =>
  z.preprocess(emptyAsUnset, z.coerce.number().int().min(min).default(fallback));
const flag = (fallback: boolean) =>
  z.preprocess(
    emptyAsUnset,
    z
      .enum(['true', 'false', '1', '0'])
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1'),
  );

const EnvSchema = z.object({
  HOST: z.preprocess(emptyAsUnset, z.string().default('0.0.0.0')),
  PORT: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(65535).default(4000)),
  /** Comma-separated origins allowed to call the gateway from a browser; unset: same origin only. */
  CORS_ORIGINS: z.preprocess(emptyAsUnset, z.string().optional()),
  MEMBRANE_API_URL: z.preprocess(emptyAsUnset, z.url({ protocol: /^https?$/ }).optional()),
  MEMBRANE_API_TOKEN: z.preprocess(emptyAsUnset, z.string().optional()),
  MEMBRANE_API_VERSION: z.preprocess(emptyAsUnset, z.string().default('2025-10-21')),
  EXPOSE_SECRETS: flag(false),
  /** true: a request with `x-explain: 1` gets `extensions.explain` (its upstream calls). */
  EXPLAIN: flag(false),
  /** false: GET /graphql from a browser gets no GraphiQL page. */
  GRAPHIQL: flag(true),
  /** false: `__schema` and `__type` are refused and errors suggest no names; `_service` stays. */
  INTROSPECTION: flag(true),
  REQUEST_TIMEOUT_MS: int(1, 30_000),
  UPSTREAM_CONNECTIONS: int(1, 64),
  // per credential, shared by its concurrent operations; match the workspace's
  // parallelApiRequestsPerCustomer limit (membrane-api.md §8)
  UPSTREAM_CONCURRENCY: int(1, 64),
  UPSTREAM_RETRIES: int(0, 2),
  /** TTL of the upstream GET cache; 0: no cache (README "Upstream cache"). */
  UPSTREAM_CACHE_TTL_MS: int(0, 0),
  /** What it caches: `integrations,flows=2000` (a resource alone takes UPSTREAM_CACHE_TTL_MS). */
  UPSTREAM_CACHE_RESOURCES: z.preprocess(
    emptyAsUnset,
    z.string().default(DEFAULT_CACHED_RESOURCES),
  ),
  MAX_UPSTREAM_CALLS: int(1, 500),
  MAX_ESTIMATED_UPSTREAM_CALLS: int(1, 2000),
  MAX_REQUEST_BYTES: int(1, 1_048_576),
  SHUTDOWN_GRACE_MS: int(0, 10_000),
  /** How often a live subscription's poller reads its resource (the SDK polls every second). */
  SUBSCRIPTION_POLL_MS: int(1, 1000),
  MAX_SUBSCRIPTIONS_PER_CREDENTIAL: int(1, 50),
  /** `allow`: `documentId` and APQ beside documents; `require`: only those (design §10). */
  PERSISTED_OPERATIONS: z.preprocess(
    emptyAsUnset,
    z.enum(['off', 'allow', 'require']).default('off'),
  ),
  /** Path of a JSON object `sha256:<hex>` → document (graphql-codegen's client preset). */
  PERSISTED_OPERATIONS_MANIFEST: z.preprocess(emptyAsUnset, z.string().optional()),
  /**
   * `redis://` or `rediss://` (password, db): replicas share live pollers and the subscription
   * bound. Checked when connecting, not here: a bad one fails `/readyz`, not the start.
   */
  REDIS_URL: z.preprocess(emptyAsUnset, z.string().optional()),
  /** Starts every Redis key and channel name. */
  REDIS_KEY_PREFIX: z.preprocess(emptyAsUnset, z.string().default('membrane-gateway:')),
  /** Unset: pretty on a terminal, JSON otherwise (decided by the process edge). */
  LOG_FORMAT: z.preprocess(emptyAsUnset, z.enum(['json', 'pretty']).optional()),
  LOG_LEVEL: z.preprocess(
    emptyAsUnset,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
});

// cross-variable rules
const CheckedEnvSchema = EnvSchema.refine(
  (e) => e.PERSISTED_OPERATIONS !== 'require' || e.PERSISTED_OPERATIONS_MANIFEST,
  {
    path: ['PERSISTED_OPERATIONS_MANIFEST'],
    message: 'required when PERSISTED_OPERATIONS=require (the documents that may run)',
  },
);

/** Every variable the gateway reads (`.env.example` lists exactly these, checked by a test). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(EnvSchema.shape);

export type Config = ReturnType<typeof loadConfig>;

/** Reads and validates the environment once. Throws one message naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>) {
  const parsed = CheckedEnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  let manifest: PersistedManifest | undefined;
  if (e.PERSISTED_OPERATIONS_MANIFEST) {
    // read once, here: a manifest that cannot serve stops the start like any bad variable
    try {
      manifest = readPersistedManifest(e.PERSISTED_OPERATIONS_MANIFEST);
    } catch (err) {
      throw new Error(
        `Invalid configuration:\nPERSISTED_OPERATIONS_MANIFEST: ${(err as Error).message}`,
      );
    }
  }
  let cacheTtls: CacheTtls;
  try {
    cacheTtls = parseCacheTtls(e.UPSTREAM_CACHE_TTL_MS, e.UPSTREAM_CACHE_RESOURCES);
  } catch (err) {
    throw new Error(`Invalid configuration:\nUPSTREAM_CACHE_RESOURCES: ${(err as Error).message}`);
  }
  return {
    http: {
      host: e.HOST,
      port: e.PORT,
      /** After SIGTERM/SIGINT, how long operations in flight may take to finish. */
      shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
      corsOrigins: (e.CORS_ORIGINS ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    },
    upstream: {
      /** Unset: `main.ts` starts the embedded sandbox and points here. */
      url: e.MEMBRANE_API_URL?.replace(/\/+$/, ''),
      token: e.MEMBRANE_API_TOKEN,
      apiVersion: e.MEMBRANE_API_VERSION,
      connections: e.UPSTREAM_CONNECTIONS,
      concurrency: e.UPSTREAM_CONCURRENCY,
      retries: e.UPSTREAM_RETRIES,
      /** TTL per cached resource; empty: the upstream cache is off. */
      cacheTtls,
    },
    limits: {
      requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
      maxUpstreamCalls: e.MAX_UPSTREAM_CALLS,
      maxEstimatedUpstreamCalls: e.MAX_ESTIMATED_UPSTREAM_CALLS,
      /** Larger POST bodies are refused with 413 before they are read whole (design §10). */
      maxRequestBytes: e.MAX_REQUEST_BYTES,
    },
    live: {
      pollMs: e.SUBSCRIPTION_POLL_MS,
      /** Concurrent subscriptions of one credential in this process (design §9). */
      maxSubscriptionsPerCredential: e.MAX_SUBSCRIPTIONS_PER_CREDENTIAL,
    },
    persistedOperations: {
      mode: e.PERSISTED_OPERATIONS,
      /** SHA-256 hex → document; unset without PERSISTED_OPERATIONS_MANIFEST. */
      manifest,
    },
    redis: {
      /** Unset: every part works in this process alone, as without a cluster. */
      url: e.REDIS_URL,
      keyPrefix: e.REDIS_KEY_PREFIX,
    },
    exposeSecrets: e.EXPOSE_SECRETS,
    explain: e.EXPLAIN,
    graphiql: e.GRAPHIQL,
    introspection: e.INTROSPECTION,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
  };
}
