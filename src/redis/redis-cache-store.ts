import { randomUUID } from 'node:crypto';
import type { CacheResource } from '../upstream/cache-rules.js';
import type { CacheStore } from '../upstream/cache-store.js';
import type { SharedRedis } from './shared-redis.js';

/**
 * The generation and the entry in one round trip. A missing generation (first use, or a Redis
 * that restarted empty) is created from a fresh UUID, so no generation value ever comes back:
 * an answer read under one before the restart can never pass for current after it.
 */
const READ = `
local generation = redis.call('GET', KEYS[1])
if not generation then
  generation = ARGV[1]
  redis.call('SET', KEYS[1], generation)
end
return {generation, redis.call('GET', KEYS[2])}
`;

type ReadCommand = (
  generationKey: string,
  entryKey: string,
  fresh: string,
) => Promise<[string, string | null]>;

/**
 * The upstream cache in the Redis the replicas share: a write on one replica invalidates the
 * entries every replica reads. While Redis is down the cache is bypassed (every GET goes
 * upstream); an invalidation that could not be written is retried when Redis is back, and
 * until it lands this replica serves nothing from the cache.
 */
export function createRedisCacheStore(redis: SharedRedis): CacheStore {
  const { commands } = redis;
  commands.defineCommand('gatewayCacheRead', { numberOfKeys: 2, lua: READ });
  const read = (commands as unknown as { gatewayCacheRead: ReadCommand }).gatewayCacheRead.bind(
    commands,
  );
  const generationKey = (resource: CacheResource) => redis.key('cache-generation', resource);
  const entryKey = (resource: CacheResource, key: string) => redis.key('cache', resource, key);
  /** Invalidations this replica owes the cluster (Redis was down when it wrote). */
  const owed = new Set<CacheResource>();

  const renew = async (resources: readonly CacheResource[]): Promise<void> => {
    await commands.mset(
      Object.fromEntries(resources.map((resource) => [generationKey(resource), randomUUID()])),
    );
  };
  let paying = false;
  const payDebts = () => {
    const resources = [...owed];
    if (resources.length === 0 || paying) {
      return;
    }
    paying = true;
    renew(resources).then(
      () => {
        paying = false;
        for (const resource of resources) {
          owed.delete(resource);
        }
      },
      () => {
        paying = false;
      },
    );
  };
  redis.onChange((up) => {
    if (up) {
      payDebts();
    }
  });

  return {
    async read(resource, key) {
      const [generation, entry] = await read(
        generationKey(resource),
        entryKey(resource, key),
        randomUUID(),
      );
      return entry === null || entry === undefined ? { generation } : { generation, entry };
    },
    async write(resource, key, entry, ttlMs) {
      await commands.set(entryKey(resource, key), entry, 'PX', ttlMs).catch(() => undefined);
    },
    async invalidate(resources) {
      try {
        await renew(resources);
      } catch {
        for (const resource of resources) {
          owed.add(resource);
        }
      }
    },
    isAvailable() {
      if (!redis.isUp()) {
        return false;
      }
      // a command that failed while Redis looked up: owed until it lands
      payDebts();
      return owed.size === 0;
    },
  };
}
