import { LRUCache } from 'lru-cache';
import type { CacheResource } from './cache-rules.js';

/**
 * Where cached upstream answers live: this process's memory, or Redis for every replica.
 *
 * Invalidation is by generation: each resource has one, a write gives it a new value never used
 * before, and an entry is served only while the generation it was read under is current. A
 * reader takes the generation *before* it asks the upstream, so an answer fetched while a write
 * was under way is stored under the old generation and never served.
 */
export interface CacheStore {
  /** The resource's current generation and the entry under `key` (if any), in one round trip. */
  read(resource: CacheResource, key: string): Promise<{ generation: string; entry?: string }>;
  /** Stores `entry` for `ttlMs`; a failure is the store's to swallow. */
  write(resource: CacheResource, key: string, entry: string, ttlMs: number): Promise<void>;
  /** New generations for `resources`: resolves once every reader will see them. */
  invalidate(resources: readonly CacheResource[]): Promise<void>;
  /** False while the store cannot answer (Redis down): readers go to the upstream alone. */
  isAvailable(): boolean;
}

/** Bounds of the in-process store: the least recently used entries go first. */
const MAX_ENTRIES = 10_000;
const MAX_CHARS = 64 * 1024 * 1024;

/** The cache of one process: without Redis, each replica keeps its own. */
export function createMemoryCacheStore(): CacheStore {
  const generations = new Map<CacheResource, number>();
  const entries = new LRUCache<string, string>({
    max: MAX_ENTRIES,
    maxSize: MAX_CHARS,
    sizeCalculation: (entry, key) => Math.max(1, entry.length + key.length),
  });
  const generationOf = (resource: CacheResource) => String(generations.get(resource) ?? 0);
  return {
    read: async (resource, key) => ({
      generation: generationOf(resource),
      entry: entries.get(`${resource}:${key}`),
    }),
    write: async (resource, key, entry, ttlMs) => {
      entries.set(`${resource}:${key}`, entry, { ttl: ttlMs });
    },
    invalidate: async (resources) => {
      for (const resource of resources) {
        generations.set(resource, (generations.get(resource) ?? 0) + 1);
      }
    },
    isAvailable: () => true,
  };
}
