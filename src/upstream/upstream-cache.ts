import {
  affectedBy,
  type CacheResource,
  type CacheTtls,
  cacheKey,
  keepForMs,
  resourceOf,
} from './cache-rules.js';
import type { CacheStore } from './cache-store.js';
import { credentialKey } from './credential-limiters.js';

/** What the cache tells metrics: `bypass` is a lookup made while the store was unavailable. */
export interface CacheEvents {
  lookup(resource: CacheResource, result: 'hit' | 'miss' | 'bypass'): void;
  invalidated(resource: CacheResource): void;
}

/** One GET of a cached resource, before it is sent. */
export interface CacheLookup {
  /** The text of the cached answer, when the cache serves it. */
  readonly hit?: string;
  /**
   * Offers the upstream's answer to the next readers (kept only if the rules allow it);
   * resolves once any replica's next read finds it. Never rejects.
   */
  fill(text: string, cacheControl: string | undefined): Promise<void>;
}

/** The cache as one credential's client sees it. */
export interface CredentialCache {
  /**
   * Undefined when `path` is not of a cached resource (the client sends it as without a cache).
   * `refresh` (a poller's read): never served from the cache, its answer replaces the entry.
   */
  lookup(path: string, fullPath: string, refresh?: boolean): Promise<CacheLookup> | undefined;
  /** After a write to `path`: the resources it may change are stale for every credential. */
  invalidate(path: string): Promise<void>;
}

export interface UpstreamCache {
  forCredential(authorization: string): CredentialCache;
}

const NOTHING: CacheLookup = { fill: async () => {} };

/** An entry is its generation, a newline, and the answer's text. */
function entryText(entry: string | undefined, generation: string): string | undefined {
  if (entry === undefined) {
    return undefined;
  }
  const newline = entry.indexOf('\n');
  return entry.slice(0, newline) === generation ? entry.slice(newline + 1) : undefined;
}

/**
 * The opt-in upstream GET cache (README "Upstream cache"): per credential, per resource TTLs,
 * the upstream's Cache-Control honoured, and every write through the gateway invalidating what
 * it may change before its answer is sent.
 */
export function createUpstreamCache(options: {
  store: CacheStore;
  ttls: CacheTtls;
  apiVersion: string;
  events?: CacheEvents;
}): UpstreamCache {
  const { store, ttls, apiVersion, events } = options;

  async function lookup(
    resource: CacheResource,
    ttlMs: number,
    key: string,
    refresh: boolean,
  ): Promise<CacheLookup> {
    if (!store.isAvailable()) {
      events?.lookup(resource, 'bypass');
      return NOTHING;
    }
    let read: { generation: string; entry?: string };
    try {
      read = await store.read(resource, key);
    } catch {
      events?.lookup(resource, 'bypass');
      return NOTHING;
    }
    const { generation } = read;
    const hit = refresh ? undefined : entryText(read.entry, generation);
    events?.lookup(resource, hit === undefined ? 'miss' : 'hit');
    return hit !== undefined
      ? { hit, fill: NOTHING.fill }
      : {
          async fill(text, cacheControl) {
            const keepMs = keepForMs(ttlMs, cacheControl);
            if (keepMs > 0) {
              await store.write(resource, key, `${generation}\n${text}`, keepMs);
            }
          },
        };
  }

  return {
    forCredential(authorization) {
      let credential: string | undefined;
      return {
        lookup(path, fullPath, refresh = false) {
          const resource = resourceOf(path);
          const ttlMs = resource && ttls.get(resource);
          if (resource === undefined || ttlMs === undefined) {
            return undefined;
          }
          credential ??= credentialKey(authorization);
          return lookup(
            resource,
            ttlMs,
            cacheKey(credential, apiVersion, 'GET', fullPath),
            refresh,
          );
        },
        async invalidate(path) {
          const resources = affectedBy(path).filter((r) => ttls.has(r));
          if (resources.length === 0) {
            return;
          }
          await store.invalidate(resources);
          for (const resource of resources) {
            events?.invalidated(resource);
          }
        },
      };
    },
  };
}
