/**
 * The rules of the upstream GET cache, apart from where entries live: which resource a path
 * belongs to, how long its answers may be kept, what the upstream's Cache-Control allows, and
 * which resources a write may change.
 */

/** The REST resources, by the first segment of their paths. */
export const CACHE_RESOURCES = [
  'integrations',
  'flows',
  'flow-runs',
  'connections',
  'customers',
] as const;
export type CacheResource = (typeof CACHE_RESOURCES)[number];

/** Cached when the cache is on and the operator names none: the catalog, which changes rarely. */
export const DEFAULT_CACHED_RESOURCES = 'integrations';

/** TTL in ms of each cached resource; a resource absent is never cached. */
export type CacheTtls = ReadonlyMap<CacheResource, number>;

const isResource = (name: string): name is CacheResource =>
  (CACHE_RESOURCES as readonly string[]).includes(name);

/** `/flows/abc/run` → `flows`; a path of no known resource → undefined. */
export function resourceOf(path: string): CacheResource | undefined {
  const end = path.indexOf('/', 1);
  const first = end === -1 ? path.slice(1) : path.slice(1, end);
  return isResource(first) ? first : undefined;
}

/**
 * `UPSTREAM_CACHE_TTL_MS` and `UPSTREAM_CACHE_RESOURCES` (`integrations,flows=2000`: a resource
 * alone takes the default TTL). A TTL of 0 turns the cache off. Throws a sentence naming what
 * is wrong.
 */
export function parseCacheTtls(defaultTtlMs: number, resources: string): CacheTtls {
  const ttls = new Map<CacheResource, number>();
  for (const item of resources.split(',')) {
    const [name = '', ttl, extra] = item.trim().split('=');
    if (name === '' && ttl === undefined) {
      continue;
    }
    if (!isResource(name) || extra !== undefined) {
      throw new Error(`"${item.trim()}" is not one of ${CACHE_RESOURCES.join(', ')} (or name=ms)`);
    }
    const ms = ttl === undefined ? defaultTtlMs : Number(ttl);
    if (!Number.isInteger(ms) || ms < 0) {
      throw new Error(`the TTL of ${name} must be a whole number of milliseconds`);
    }
    // validated even when off: a typo stops the start rather than the day the cache goes on
    if (ms > 0 && defaultTtlMs > 0) {
      ttls.set(name, ms);
    }
  }
  return ttls;
}

/**
 * How long an answer may be kept: the configured TTL, shortened by the upstream's `max-age`;
 * 0 when the upstream forbids keeping it (`no-store`, `no-cache`, `max-age=0`).
 */
export function keepForMs(ttlMs: number, cacheControl: string | undefined): number {
  if (cacheControl === undefined) {
    return ttlMs;
  }
  let keep = ttlMs;
  for (const directive of cacheControl.toLowerCase().split(',')) {
    const [name = '', value] = directive.trim().split('=');
    if (name === 'no-store' || name === 'no-cache') {
      return 0;
    }
    if (name === 'max-age') {
      const seconds = Number(value?.replace(/"/g, ''));
      keep = Number.isFinite(seconds) ? Math.min(keep, Math.max(0, seconds * 1000)) : 0;
    }
  }
  return keep;
}

/** Flows and their runs change together (a run, a stop, an edit); nothing else depends on them. */
const FLOW_RESOURCES: readonly CacheResource[] = ['flows', 'flow-runs'];

/**
 * The resources a write to `path` may change, for every credential (an admin's edit changes
 * what a tenant reads). A write outside the known resources may change anything.
 */
export function affectedBy(path: string): readonly CacheResource[] {
  const resource = resourceOf(path);
  return resource === 'flows' || resource === 'flow-runs' ? FLOW_RESOURCES : CACHE_RESOURCES;
}

/**
 * The key of one cached answer: never shared between credentials (their hash, not the token),
 * API versions or queries. `fullPath` carries the query string, sorted by the client.
 */
export function cacheKey(
  credential: string,
  apiVersion: string,
  method: string,
  fullPath: string,
): string {
  return `${credential}:${apiVersion}:${method}:${fullPath}`;
}
