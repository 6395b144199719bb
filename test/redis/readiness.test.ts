import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { startGatewayProcesses } from '../support/gateway-processes.js';
import { startRedisServer, type TestRedis } from '../support/redis-server.js';

const readyz = async (origin: string) => (await fetch(`${origin}/readyz`)).status;
const QUERY = JSON.stringify({ query: '{ integrations(first: 1) { nodes { key } } }' });
const ask = async (url: string) =>
  (
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: QUERY,
    })
  ).json();

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > 15_000) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('REDIS_URL at the process edge', () => {
  let sandbox: Sandbox;
  let redis: TestRedis;
  beforeAll(async () => {
    sandbox = await startSandbox();
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis.stop();
    await sandbox.close();
  });

  it('a malformed or unreachable Redis fails /readyz, not the process, which serves reads and logs it once without the password', async () => {
    const { processes, stop } = await startGatewayProcesses({
      upstreamUrl: sandbox.url,
      fallbackToken: sandbox.tokens.admin,
      each: [
        { REDIS_URL: 'http://user:secret@127.0.0.1:6379' },
        { REDIS_URL: 'redis://:secret@127.0.0.1:1' },
      ],
    });
    try {
      for (const gateway of processes) {
        expect(await readyz(gateway.origin)).toBe(503);
        expect(await ask(gateway.url)).toEqual({
          data: { integrations: { nodes: [{ key: 'pipedrive' }] } },
        });
        expect(gateway.logs()).not.toContain('secret');
      }
      const [malformed, unreachable] = processes.map((p) =>
        p
          .logEntries()
          .filter((e) => String(e.msg).includes('REDIS_URL') || String(e.msg).includes('Redis')),
      );
      expect(malformed?.map((e) => [e.level, e.msg])).toEqual([
        [
          50,
          'REDIS_URL is not a redis:// or rediss:// URL: running without shared state (/readyz fails)',
        ],
      ]);
      expect(unreachable?.map((e) => [e.level, e.redis, e.msg])).toEqual([
        [
          40,
          'redis://127.0.0.1:1',
          'Redis unavailable: serving without shared state until it is back',
        ],
      ]);
    } finally {
      await stop();
    }
  }, 60_000);

  it('/readyz follows Redis: ready while it is up, 503 while it is stopped, ready again when it is back', async () => {
    const { processes, stop } = await startGatewayProcesses({
      upstreamUrl: sandbox.url,
      fallbackToken: sandbox.tokens.admin,
      each: [{ REDIS_URL: redis.url }],
    });
    const [gateway] = processes;
    if (!gateway) {
      throw new Error('no process');
    }
    try {
      await until(async () => (await readyz(gateway.origin)) === 200, 'ready');
      await redis.stop();
      await until(async () => (await readyz(gateway.origin)) === 503, 'not ready');
      expect(await ask(gateway.url)).toEqual({
        data: { integrations: { nodes: [{ key: 'pipedrive' }] } },
      });
      await redis.start();
      await until(async () => (await readyz(gateway.origin)) === 200, 'ready again');
      expect(
        gateway
          .logEntries()
          .filter((e) => String(e.msg).startsWith('Redis'))
          .map((e) => e.msg),
      ).toEqual([
        'Redis connected: replicas share live pollers',
        'Redis unavailable: serving without shared state until it is back',
        'Redis connected: replicas share live pollers',
      ]);
    } finally {
      await stop();
    }
  }, 60_000);
});
