import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * The process's one connection to the Redis the replicas share (REDIS_URL). Callers treat it
 * as optional at every moment: while it is down, commands fail at once and each part falls
 * back to what it does in one process alone.
 */
export interface SharedRedis {
  /** ioredis client for ordinary commands. */
  readonly commands: Redis;
  /** A second connection for SUBSCRIBE/PSUBSCRIBE, made at the first call. */
  subscriber(): Redis;
  /** `${prefix}${parts.join(':')}`: every key and channel name. */
  key(...parts: string[]): string;
  /** Connected and ready right now. */
  isUp(): boolean;
  /** Told of every up/down transition (each is logged once); returns the unsubscribe. */
  onChange(listener: (up: boolean) => void): () => void;
  close(): Promise<void>;
}

export interface SharedRedisOptions {
  url: string;
  keyPrefix: string;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}

/** The longest wait between two reconnection attempts. */
const MAX_RECONNECT_DELAY_MS = 2_000;

/**
 * A Redis that answers nothing (stopped, not closed: a paused process, a black-holed network)
 * must hold no request: every command fails after this long, and its caller falls back as if
 * Redis were down.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 500;

/** Where the URL points, for logs: never its user or password. */
function describe(url: URL): string {
  return `${url.protocol}//${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
}

/** A client that never connects: every command fails at once, as while Redis is down. */
function closedClient(): Redis {
  const client = new Redis({
    lazyConnect: true,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.disconnect();
  return client;
}

/** Ends a connection: politely when it is up, at once otherwise (a QUIT would wait for it). */
async function end(client: Redis | undefined): Promise<void> {
  if (client?.status === 'ready') {
    await client.quit().catch(() => undefined);
  }
  client?.disconnect();
}

function parse(url: string): URL | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'redis:' || parsed.protocol === 'rediss:' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Connects in the background and never throws: an unreachable Redis is retried with backoff
 * for ever, a malformed URL is reported once and stays down (`/readyz` fails; the process
 * serves what it can alone). No command is queued while down (`enableOfflineQueue: false`).
 */
export function connectSharedRedis({ url, keyPrefix, logger }: SharedRedisOptions): SharedRedis {
  const parsed = parse(url);
  const where = parsed ? describe(parsed) : 'REDIS_URL';
  const commands = parsed
    ? new Redis(url, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
        connectTimeout: 2_000,
        retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
      })
    : closedClient();
  if (!parsed) {
    logger.error(
      { redis: where },
      'REDIS_URL is not a redis:// or rediss:// URL: running without shared state (/readyz fails)',
    );
  }
  const listeners = new Set<(up: boolean) => void>();
  let up = false;
  // a malformed URL was reported above; a shutdown is no outage
  let reportedDown = !parsed;
  let closing = false;
  const changed = (now: boolean) => {
    if (now === up) {
      return;
    }
    up = now;
    for (const listener of listeners) {
      listener(now);
    }
  };
  commands.on('ready', () => {
    reportedDown = false;
    logger.info({ redis: where }, 'Redis connected: replicas share live pollers');
    changed(true);
  });
  const down = (error?: Error) => {
    if (!reportedDown && !closing) {
      reportedDown = true;
      logger.warn(
        { redis: where, reason: error?.message },
        'Redis unavailable: serving without shared state until it is back',
      );
    }
    changed(false);
  };
  // every failed reconnection emits 'error': one warning per outage, not one per attempt
  commands.on('error', down);
  commands.on('close', () => down());
  let subscriber: Redis | undefined;
  return {
    commands,
    subscriber() {
      if (!subscriber) {
        // SUBSCRIBEs made while connecting or reconnecting wait for the connection (no command
        // timeout); ioredis subscribes again after every reconnection
        subscriber = parsed
          ? commands.duplicate({
              enableOfflineQueue: true,
              maxRetriesPerRequest: null,
              commandTimeout: undefined,
            })
          : closedClient();
        subscriber.on('error', () => {});
      }
      return subscriber;
    },
    key: (...parts) => `${keyPrefix}${parts.join(':')}`,
    isUp: () => !closing && commands.status === 'ready',
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closing = true;
      listeners.clear();
      await Promise.all([end(commands), end(subscriber)]);
    },
  };
}
