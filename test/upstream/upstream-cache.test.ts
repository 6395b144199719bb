import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  affectedBy,
  CACHE_RESOURCES,
  cacheKey,
  keepForMs,
  parseCacheTtls,
  resourceOf,
} from '../../src/upstream/cache-rules.js';
import { type CacheStore, createMemoryCacheStore } from '../../src/upstream/cache-store.js';
import { credentialKey } from '../../src/upstream/credential-limiters.js';
import { createUpstreamCache } from '../../src/upstream/upstream-cache.js';
import { json, mockUpstream, TOKEN } from './mock-upstream.js';

const Any = z.unknown();

describe('cache rules', () => {
  it.each([
    ['/integrations', 'integrations'],
    ['/integrations/abc', 'integrations'],
    ['/flows/abc/run', 'flows'],
    ['/flow-runs/r1/stop', 'flow-runs'],
    ['/connections', 'connections'],
    ['/customers/c1', 'customers'],
    ['/flow-instances/x', undefined],
    ['/integrationsx', undefined],
    ['/', undefined],
  ])('resourceOf(%s) is %s', (path, resource) => {
    expect(resourceOf(path)).toBe(resource);
  });

  it('TTLs: a resource alone takes the default, name=ms its own, 0 leaves it out', () => {
    expect(parseCacheTtls(60_000, 'integrations')).toEqual(new Map([['integrations', 60_000]]));
    expect(parseCacheTtls(60_000, ' integrations , flows=2000,customers=0, ')).toEqual(
      new Map([
        ['integrations', 60_000],
        ['flows', 2000],
      ]),
    );
    expect(parseCacheTtls(0, 'integrations,flows=2000')).toEqual(new Map());
    expect(parseCacheTtls(1000, '')).toEqual(new Map());
  });

  it.each([
    ['tenants', '"tenants" is not one of'],
    ['flows=1=2', '"flows=1=2" is not one of'],
    ['flows=-5', 'the TTL of flows must be a whole number of milliseconds'],
    ['flows=1.5', 'the TTL of flows must be a whole number of milliseconds'],
  ])('TTLs: %s is refused, even with the cache off', (list, message) => {
    expect(() => parseCacheTtls(1000, list)).toThrow(message);
    expect(() => parseCacheTtls(0, list)).toThrow(message);
  });

  it.each([
    [undefined, 60_000],
    ['private', 60_000],
    ['max-age=30', 30_000],
    ['private, max-age=120', 60_000],
    ['max-age="5"', 5000],
    ['max-age=0', 0],
    ['max-age=soon', 0],
    ['no-store', 0],
    ['No-Cache', 0],
    ['max-age=30, no-store', 0],
  ])('Cache-Control %s keeps an answer %i ms (TTL 60000)', (header, ms) => {
    expect(keepForMs(60_000, header)).toBe(ms);
  });

  it('a flow or run write makes flows and runs stale; any other write everything', () => {
    expect(affectedBy('/flows/f1')).toEqual(['flows', 'flow-runs']);
    expect(affectedBy('/flow-runs/r1/stop')).toEqual(['flows', 'flow-runs']);
    expect(affectedBy('/connections/c1')).toEqual(CACHE_RESOURCES);
    expect(affectedBy('/something-new')).toEqual(CACHE_RESOURCES);
  });

  it('keys differ by credential, API version, method and path with query', () => {
    const keys = new Set([
      cacheKey('a', 'v1', 'GET', '/integrations?limit=5'),
      cacheKey('b', 'v1', 'GET', '/integrations?limit=5'),
      cacheKey('a', 'v2', 'GET', '/integrations?limit=5'),
      cacheKey('a', 'v1', 'GET', '/integrations?limit=6'),
      cacheKey('a', 'v1', 'GET', '/integrations'),
    ]);
    expect(keys.size).toBe(5);
  });
});

describe('the cache over a store', () => {
  const ttls = new Map([['integrations', 60_000] as const]);
  const cacheOver = (store: CacheStore) =>
    createUpstreamCache({ store, ttls, apiVersion: 'v1' }).forCredential(TOKEN);

  it('serves only what was filled under the current generation', async () => {
    const store = createMemoryCacheStore();
    const cache = cacheOver(store);
    expect(cache.lookup('/flows/f1', '/flows/f1')).toBeUndefined();
    const miss = await cache.lookup('/integrations/i1', '/integrations/i1');
    expect(miss?.hit).toBeUndefined();
    miss?.fill('{"id":"i1"}', undefined);
    expect((await cache.lookup('/integrations/i1', '/integrations/i1'))?.hit).toBe('{"id":"i1"}');
    // a reader that took the generation before a write fills under the old one: never served
    const during = await cache.lookup('/integrations/i2', '/integrations/i2');
    await cache.invalidate('/connections/c1');
    during?.fill('{"id":"i2","old":true}', undefined);
    expect((await cache.lookup('/integrations/i2', '/integrations/i2'))?.hit).toBeUndefined();
    expect((await cache.lookup('/integrations/i1', '/integrations/i1'))?.hit).toBeUndefined();
  });

  it('an entry ends with its TTL (max-age shortening it)', async () => {
    const cache = createUpstreamCache({
      store: createMemoryCacheStore(),
      ttls: new Map([['integrations', 40] as const]),
      apiVersion: 'v1',
    }).forCredential(TOKEN);
    await (await cache.lookup('/integrations/i1', '/integrations/i1'))?.fill('"a"', undefined);
    await (await cache.lookup('/integrations/i2', '/integrations/i2'))?.fill('"b"', 'max-age=0.01');
    // only absences after a wait are asserted: a slow machine can never make them flaky
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await cache.lookup('/integrations/i2', '/integrations/i2'))?.hit).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect((await cache.lookup('/integrations/i1', '/integrations/i1'))?.hit).toBeUndefined();
  });

  it('a refresh is never served and its answer replaces the entry', async () => {
    const cache = cacheOver(createMemoryCacheStore());
    (await cache.lookup('/integrations/i1', '/integrations/i1'))?.fill('"old"', undefined);
    const refresh = await cache.lookup('/integrations/i1', '/integrations/i1', true);
    expect(refresh?.hit).toBeUndefined();
    refresh?.fill('"new"', undefined);
    expect((await cache.lookup('/integrations/i1', '/integrations/i1'))?.hit).toBe('"new"');
  });

  it('no-store is not kept; a flow write leaves the catalog alone', async () => {
    const cache = cacheOver(createMemoryCacheStore());
    (await cache.lookup('/integrations/i1', '/integrations/i1'))?.fill('"x"', 'no-store');
    expect((await cache.lookup('/integrations/i1', '/integrations/i1'))?.hit).toBeUndefined();
    (await cache.lookup('/integrations/i1', '/integrations/i1'))?.fill('"y"', 'max-age=60');
    await cache.invalidate('/flows/f1');
    expect((await cache.lookup('/integrations/i1', '/integrations/i1'))?.hit).toBe('"y"');
  });

  it('a store that fails or is unavailable is bypassed, never an error', async () => {
    const failing: CacheStore = {
      read: () => Promise.reject(new Error('down')),
      write: async () => {},
      invalidate: async () => {},
      isAvailable: () => true,
    };
    const events: string[] = [];
    const cache = createUpstreamCache({
      store: failing,
      ttls,
      apiVersion: 'v1',
      events: { lookup: (r, result) => events.push(`${r} ${result}`), invalidated() {} },
    }).forCredential(TOKEN);
    expect((await cache.lookup('/integrations/i1', '/integrations/i1'))?.hit).toBeUndefined();
    expect(events).toEqual(['integrations bypass']);
  });

  it('keys carry the credential hash, never the token', async () => {
    const keys: string[] = [];
    const memory = createMemoryCacheStore();
    const spy: CacheStore = {
      ...memory,
      read: (resource, key) => {
        keys.push(key);
        return memory.read(resource, key);
      },
    };
    await cacheOver(spy).lookup('/integrations/i1', '/integrations/i1');
    expect(keys).toEqual([`${credentialKey(TOKEN)}:v1:GET:/integrations/i1`]);
    expect(keys[0]).not.toContain('test-token');
  });
});

describe('the client through the cache (undici MockAgent)', () => {
  let upstream = mockUpstream();
  afterEach(async () => {
    upstream.agent.assertNoPendingInterceptors();
    await upstream.agent.close();
    upstream = mockUpstream();
  });
  const ttls = new Map([['integrations', 60_000] as const]);

  it('the second client of a credential reads the cache; max-age=0 answers are not kept', async () => {
    const cache = createUpstreamCache({ store: createMemoryCacheStore(), ttls, apiVersion: 'v1' });
    upstream.pool
      .intercept({ path: '/integrations/i1', method: 'GET' })
      .reply(200, { id: 'i1', name: 'One' }, json);
    upstream.pool
      .intercept({ path: '/integrations/i2', method: 'GET' })
      .reply(200, { id: 'i2' }, { headers: { ...json.headers, 'cache-control': 'max-age=0' } })
      .times(2);
    for (let i = 0; i < 2; i += 1) {
      const client = upstream.client({ cache: cache.forCredential(TOKEN) });
      expect(await client.get('/integrations/i1', {}, Any)).toEqual({ id: 'i1', name: 'One' });
      expect(await client.get('/integrations/i2', {}, Any)).toEqual({ id: 'i2' });
    }
    expect(upstream.calls().map((c) => c.path)).toEqual([
      '/integrations/i1',
      '/integrations/i2',
      '/integrations/i2',
    ]);
  });

  it('a write invalidates before it resolves; failed answers are never kept', async () => {
    const cache = createUpstreamCache({
      store: createMemoryCacheStore(),
      ttls: new Map([['flows', 60_000] as const]),
      apiVersion: 'v1',
    });
    upstream.pool
      .intercept({ path: '/flows/f1', method: 'GET' })
      .reply(200, { id: 'f1', name: 'Old' }, json);
    upstream.pool
      .intercept({ path: '/flows/f1', method: 'PATCH' })
      .reply(200, { id: 'f1', name: 'New' }, json);
    upstream.pool
      .intercept({ path: '/flows/f1', method: 'GET' })
      .reply(200, { id: 'f1', name: 'New' }, json);
    upstream.pool.intercept({ path: '/flows/f2', method: 'GET' }).reply(503, {}, json);
    upstream.pool.intercept({ path: '/flows/f2', method: 'GET' }).reply(200, { id: 'f2' }, json);
    const client = () => upstream.client({ cache: cache.forCredential(TOKEN) });
    expect(await client().get('/flows/f1', {}, Any)).toEqual({ id: 'f1', name: 'Old' });
    expect(await client().get('/flows/f1', {}, Any)).toEqual({ id: 'f1', name: 'Old' });
    await client().write({ method: 'PATCH', path: '/flows/f1', query: {}, body: {} }, Any);
    expect(await client().get('/flows/f1', {}, Any)).toEqual({ id: 'f1', name: 'New' });
    await expect(client().get('/flows/f2', {}, Any)).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
    });
    expect(await client().get('/flows/f2', {}, Any)).toEqual({ id: 'f2' });
    expect(upstream.calls().map((c) => `${c.method} ${c.path}`)).toEqual([
      'GET /flows/f1',
      'PATCH /flows/f1',
      'GET /flows/f1',
      'GET /flows/f2',
      'GET /flows/f2',
    ]);
  });
});
