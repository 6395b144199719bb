import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisCacheStore } from '../../src/redis/redis-cache-store.js';
import { connectSharedRedis, type SharedRedis } from '../../src/redis/shared-redis.js';
import { createSharedRegistrations } from '../../src/redis/shared-registrations.js';
import { createUpstreamCache } from '../../src/upstream/upstream-cache.js';
import { startRedisServer, type TestRedis } from '../support/redis-server.js';

const silent = { info() {}, warn() {}, error() {} } as never;

async function until(check: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > 10_000) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the Redis stores of the upstream cache and of APQ (a real redis-server)', () => {
  let server: TestRedis;
  let redis: SharedRedis;
  beforeAll(async () => {
    server = await startRedisServer();
    redis = connectSharedRedis({ url: server.url, keyPrefix: 'test:', logger: silent });
    await until(() => redis.isUp(), 'connected');
  });
  afterAll(async () => {
    await redis.close();
    await server.stop();
  });

  it('APQ registrations keep the same bounds: the least recently used go first', async () => {
    const shared = createSharedRegistrations(redis, { maxDocuments: 2, maxChars: 10 });
    await shared.set('a', 'AAA');
    await shared.set('b', 'BBB');
    // a use makes `a` the most recent: `b` goes when `c` comes
    expect(await shared.get('a')).toBe('AAA');
    await shared.set('c', 'CCC');
    expect([await shared.get('a'), await shared.get('b'), await shared.get('c')]).toEqual([
      'AAA',
      undefined,
      'CCC',
    ]);
    // past 10 characters in all: the oldest go until it fits
    await shared.set('d', 'DDDDDDD');
    // (the reads above made `a` older than `c`)
    expect([await shared.get('a'), await shared.get('c'), await shared.get('d')]).toEqual([
      undefined,
      'CCC',
      'DDDDDDD',
    ]);
    expect(await redis.commands.get(redis.key('apq', 'size'))).toBe('10');
    expect(await redis.commands.keys('test:apq:*')).toHaveLength(3);
  });

  it('cache keys are namespaced and carry no token; entries expire with their TTL', async () => {
    const cache = createUpstreamCache({
      store: createRedisCacheStore(redis),
      ttls: new Map([['integrations', 60_000] as const]),
      apiVersion: 'v1',
    }).forCredential('Bearer secret-token');
    await (await cache.lookup('/integrations/i1', '/integrations/i1'))?.fill(
      '{"id":"i1"}',
      'max-age=30',
    );
    const keys = (await redis.commands.keys('test:cache*')).sort();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe('test:cache-generation:integrations');
    expect(keys[1]).toMatch(
      /^test:cache:integrations:[A-Za-z0-9_-]{43}:v1:GET:\/integrations\/i1$/,
    );
    expect(keys.join()).not.toContain('secret-token');
    const ttl = await redis.commands.pttl(keys[1] ?? '');
    expect(ttl).toBeGreaterThan(25_000);
    expect(ttl).toBeLessThanOrEqual(30_000);
    expect((await cache.lookup('/integrations/i1', '/integrations/i1'))?.hit).toBe('{"id":"i1"}');
  });
});

describe('a Redis that answers nothing (a real redis-server, frozen with SIGSTOP)', () => {
  let server: TestRedis;
  let redis: SharedRedis;
  beforeAll(async () => {
    server = await startRedisServer();
    redis = connectSharedRedis({ url: server.url, keyPrefix: 'test:', logger: silent });
    await until(() => redis.isUp(), 'connected');
    // connected, as far as the client knows, and silent: every command waits for ever
    server.pause();
  });
  afterAll(async () => {
    server.resume();
    await redis.close();
    await server.stop();
  });

  it('holds no request: reads bypass, a write is owed and the cache stays unread, APQ answers alone', async () => {
    const store = createRedisCacheStore(redis);
    const events: string[] = [];
    const cache = createUpstreamCache({
      store,
      ttls: new Map([['integrations', 60_000] as const]),
      apiVersion: 'v1',
      events: { lookup: (r, result) => events.push(`${r} ${result}`), invalidated() {} },
    }).forCredential('Bearer t');
    const lookup = await cache.lookup('/integrations/i1', '/integrations/i1');
    expect(lookup?.hit).toBeUndefined();
    expect(events).toEqual(['integrations bypass']);
    await lookup?.fill('"x"', undefined);
    await cache.invalidate('/connections/c1');
    expect(store.isAvailable()).toBe(false);
    const shared = createSharedRegistrations(redis, { maxDocuments: 10, maxChars: 100 });
    await shared.set('a', 'A');
    expect(await shared.get('a')).toBeUndefined();
  });
});
