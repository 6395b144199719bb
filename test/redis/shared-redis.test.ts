import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSharedRedis, type SharedRedis } from '../../src/redis/shared-redis.js';
import { startRedisServer, type TestRedis } from '../support/redis-server.js';

const until = async (check: () => boolean, what: string) => {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > 10_000) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

function recordingLogger() {
  const lines: { level: string; details: Record<string, unknown>; message: string }[] = [];
  const at =
    (level: string) =>
    (details: Record<string, unknown>, message: string): void => {
      lines.push({ level, details, message });
    };
  return { lines, logger: { info: at('info'), warn: at('warn'), error: at('error') } as never };
}

describe('the shared Redis connection (REDIS_URL)', () => {
  let server: TestRedis;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('connects, namespaces keys, and reports a stop and a restart once each', async () => {
    const { lines, logger } = recordingLogger();
    const redis: SharedRedis = connectSharedRedis({ url: server.url, keyPrefix: 'gw:', logger });
    const changes: boolean[] = [];
    redis.onChange((up) => changes.push(up));
    await until(() => redis.isUp(), 'connected');
    expect(redis.key('live', 'lease', 'abc')).toBe('gw:live:lease:abc');
    await redis.commands.set(redis.key('probe'), '1');
    expect(await redis.commands.get('gw:probe')).toBe('1');

    await server.stop();
    await until(() => !redis.isUp(), 'down');
    // while down, a command fails at once instead of waiting in a queue
    await expect(redis.commands.get('gw:probe')).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 500)); // several reconnection attempts
    await server.start();
    await until(() => redis.isUp(), 'up again');
    // the data went with the server (no persistence)
    expect(await redis.commands.get('gw:probe')).toBe(null);
    expect(changes).toEqual([true, false, true]);
    expect(lines.map((l) => `${l.level} ${l.message}`)).toEqual([
      'info Redis connected: replicas share live pollers',
      'warn Redis unavailable: serving without shared state until it is back',
      'info Redis connected: replicas share live pollers',
    ]);
    await redis.close();
    // a shutdown is no outage: nothing more is logged
    expect(lines).toHaveLength(3);
    expect(redis.isUp()).toBe(false);
  });

  it('a subscriber connection receives what the commands connection publishes', async () => {
    const redis = connectSharedRedis({
      url: server.url,
      keyPrefix: 'gw:',
      logger: recordingLogger().logger,
    });
    const received: string[] = [];
    const subscriber = redis.subscriber();
    subscriber.on('message', (channel: string, message: string) =>
      received.push(`${channel} ${message}`),
    );
    await subscriber.subscribe(redis.key('ch'));
    await until(() => redis.isUp(), 'connected');
    await redis.commands.publish(redis.key('ch'), 'hello');
    await until(() => received.length > 0, 'the message');
    expect(received).toEqual(['gw:ch hello']);
    await redis.close();
  });

  it.each([
    ['not a URL', 'redis//:secret@nowhere'],
    ['another scheme', 'http://user:secret@127.0.0.1:6379'],
  ])('a malformed REDIS_URL (%s) never connects, never throws, and is logged once without its password', async (_, url) => {
    const { lines, logger } = recordingLogger();
    const redis = connectSharedRedis({ url, keyPrefix: 'gw:', logger });
    expect(redis.isUp()).toBe(false);
    await expect(redis.commands.get('gw:x')).rejects.toThrow();
    await expect(redis.subscriber().subscribe('gw:ch')).rejects.toThrow();
    expect(lines).toEqual([
      {
        level: 'error',
        details: { redis: 'REDIS_URL' },
        message:
          'REDIS_URL is not a redis:// or rediss:// URL: running without shared state (/readyz fails)',
      },
    ]);
    expect(JSON.stringify(lines)).not.toContain('secret');
    await redis.close();
  });

  it('an unreachable Redis is retried in the background and logged once, without the password', async () => {
    const { lines, logger } = recordingLogger();
    const redis = connectSharedRedis({
      url: 'redis://:secret@127.0.0.1:1/2',
      keyPrefix: 'gw:',
      logger,
    });
    await until(() => lines.length > 0, 'the warning');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(redis.isUp()).toBe(false);
    expect(lines.map((l) => [l.level, l.details.redis])).toEqual([
      ['warn', 'redis://127.0.0.1:1/2'],
    ]);
    expect(JSON.stringify(lines)).not.toContain('secret');
    await redis.close();
  });
});
