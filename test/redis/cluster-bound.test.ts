import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterBound } from '../../src/live/cluster/cluster-bound.js';
import { defineLiveScripts } from '../../src/live/cluster/lease-scripts.js';
import { connectSharedRedis, type SharedRedis } from '../../src/redis/shared-redis.js';
import { until } from '../subscriptions/clients.js';
import { startRedisServer, type TestRedis } from '../support/redis-server.js';

const silent = { info() {}, warn() {}, error() {} };

/** MAX_SUBSCRIPTIONS_PER_CREDENTIAL across replicas, against a real Redis. */
describe('the cluster-wide subscription bound', () => {
  let server: TestRedis;
  let redis: SharedRedis;
  beforeAll(async () => {
    server = await startRedisServer();
    redis = connectSharedRedis({ url: server.url, keyPrefix: 'bound:', logger: silent });
    defineLiveScripts(redis.commands);
    await until(() => redis.isUp(), 'Redis');
  });
  afterAll(async () => {
    await redis.close();
    await server.stop();
  });

  it('counts every replica, frees a released place, and per credential', async () => {
    const a = new ClusterBound(redis, 2, 'replica-a');
    const b = new ClusterBound(redis, 2, 'replica-b');
    const first = await a.admit('cred');
    expect(first).toBeTypeOf('function');
    expect(await b.admit('cred')).toBeTypeOf('function');
    expect(await b.admit('cred')).toBe(undefined);
    expect(await a.admit('cred')).toBe(undefined);
    expect(await a.admit('other-cred')).toBeTypeOf('function');
    // the release is sent before the next command on the same connection
    first?.();
    expect(await redis.commands.zcard('bound:live:subscriptions:cred')).toBe(1);
    expect(await b.admit('cred')).toBeTypeOf('function');
    // only hashes and replica ids: no token reaches Redis
    expect((await redis.commands.keys('bound:*')).sort()).toEqual([
      'bound:live:subscriptions:cred',
      'bound:live:subscriptions:other-cred',
    ]);
    a.close();
    b.close();
  });

  it("a crashed replica's places do not leak: they expire, while a live replica's are renewed", async () => {
    const ttlMs = 300;
    const crashed = new ClusterBound(redis, 2, 'crashed', ttlMs);
    const alive = new ClusterBound(redis, 2, 'alive', ttlMs);
    expect(await crashed.admit('c2')).toBeTypeOf('function');
    expect(await alive.admit('c2')).toBeTypeOf('function');
    expect(await alive.admit('c2')).toBe(undefined);
    // the crash: no more renewals, no release
    crashed.close();
    let admitted: (() => void) | undefined;
    const started = Date.now();
    while (!admitted && Date.now() - started < 10_000) {
      admitted = await alive.admit('c2');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(admitted).toBeTypeOf('function');
    // the live replica's two entries outlive several TTLs (renewed), so the bound still holds
    await new Promise((resolve) => setTimeout(resolve, ttlMs * 3));
    expect(await alive.admit('c2')).toBe(undefined);
    expect(await redis.commands.zcard('bound:live:subscriptions:c2')).toBe(2);
    alive.close();
  });

  it('while Redis is down, a subscription is admitted (the process counts alone) and entered when it is back', async () => {
    const bound = new ClusterBound(redis, 5, 'r', 600);
    await server.stop();
    await until(() => !redis.isUp(), 'down');
    expect(await bound.admit('c3')).toBeTypeOf('function');
    await server.start();
    await until(() => redis.isUp(), 'up');
    let entered = 0;
    const started = Date.now();
    while (entered === 0 && Date.now() - started < 10_000) {
      entered = await redis.commands.zcard('bound:live:subscriptions:c3');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(entered).toBe(1);
    bound.close();
  });
});
