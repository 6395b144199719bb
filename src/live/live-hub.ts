import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import { GatewayError } from '../errors.js';
import type { SharedRedis } from '../redis/shared-redis.js';
import { ClusterBound } from './cluster/cluster-bound.js';
import { defineLiveScripts } from './cluster/lease-scripts.js';
import { LiveCluster } from './cluster/live-cluster.js';
import { Feed } from './feed.js';
import { Poller } from './poller.js';
import { type LiveEvent, type PollTimers, realTimers, type Watch } from './watch.js';

export interface LiveHubOptions {
  /** SUBSCRIPTION_POLL_MS. */
  pollMs: number;
  /** MAX_SUBSCRIPTIONS_PER_CREDENTIAL. */
  maxPerCredential: number;
  /** Bound on one poll's upstream read. */
  readTimeoutMs: number;
  log: { warn(details: Record<string, unknown>, message: string): void };
  /** Tests move the pollers' clock by hand. @default real timers */
  timers?: PollTimers;
  /** REDIS_URL: one poller per resource and one bound per credential in the whole cluster. */
  redis?: SharedRedis;
}

const limitReached = (max: number) =>
  new GatewayError(
    'OPERATION_LIMIT',
    `This credential already holds ${max} subscriptions, the most allowed at once (MAX_SUBSCRIPTIONS_PER_CREDENTIAL); end one first.`,
  );

/**
 * The process's live subscriptions (design §9): one poller per (credential, resource), shared
 * by all its subscribers, and a bound on the subscriptions each credential holds at once.
 * Credentials are known here only by a hash. With Redis the pollers and the bound are the
 * cluster's (design §11); the process's own count still holds while Redis is down.
 */
export class LiveHub {
  readonly #options: LiveHubOptions;
  readonly #pollers = new Map<string, Poller<unknown>>();
  readonly #held = new Map<string, number>();
  readonly #feeds = new Set<Feed<LiveEvent<unknown>>>();
  #closed = false;
  readonly #cluster: { live: LiveCluster; bound: ClusterBound } | undefined;

  constructor(options: LiveHubOptions) {
    this.#options = options;
    if (options.redis) {
      defineLiveScripts(options.redis.commands);
      const replicaId = randomUUID();
      this.#cluster = {
        live: new LiveCluster(options.redis, options.pollMs, replicaId),
        bound: new ClusterBound(options.redis, options.maxPerCredential, replicaId),
      };
    }
  }

  /**
   * A new subscription of `credential` (a hash) to the watched resource. Throws OPERATION_LIMIT
   * when the credential already holds the most it may (in the cluster, with Redis: then the
   * answer is a promise). The stream starts polling on its first `next()`; its `return()` frees
   * its place at once.
   */
  subscribe<T>(
    credential: string,
    watch: Watch<T>,
  ): AsyncIterableIterator<LiveEvent<T>> | Promise<AsyncIterableIterator<LiveEvent<T>>> {
    const held = this.#held.get(credential) ?? 0;
    const max = this.#options.maxPerCredential;
    if (!this.#closed && held >= max) {
      throw limitReached(max);
    }
    // the place is taken now: concurrent subscriptions see it while the cluster is asked
    this.#held.set(credential, held + 1);
    const cluster = this.#cluster;
    if (!cluster || this.#closed) {
      return this.#open(credential, watch, undefined);
    }
    return cluster.bound.admit(credential).then((leave) => {
      if (leave === undefined) {
        this.#release(credential);
        throw limitReached(max);
      }
      return this.#open(credential, watch, leave);
    });
  }

  #open<T>(
    credential: string,
    watch: Watch<T>,
    leaveCluster: (() => void) | undefined,
  ): AsyncIterableIterator<LiveEvent<T>> {
    const key = `${credential}\n${watch.kind}\n${watch.key}`;
    const feed = new Feed<LiveEvent<T>>({
      start: (f) => this.#pollerFor(credential, key, watch).add(f),
      close: (f) => {
        this.#feeds.delete(f as Feed<LiveEvent<unknown>>);
        this.#release(credential);
        leaveCluster?.();
        (this.#pollers.get(key) as Poller<T> | undefined)?.remove(f);
      },
    });
    this.#feeds.add(feed as Feed<LiveEvent<unknown>>);
    if (this.#closed) {
      // stopping: the stream completes at once, without a poll
      feed.end();
    }
    return feed;
  }

  /**
   * Subscriptions and pollers alive now (metrics, tests). With Redis, `pollers` counts those
   * reading upstream here: one per resource in the whole cluster.
   */
  get size(): { subscriptions: number; pollers: number } {
    let pollers = 0;
    for (const poller of this.#pollers.values()) {
      pollers += poller.leading ? 1 : 0;
    }
    return { subscriptions: this.#feeds.size, pollers };
  }

  /**
   * The process is stopping: every stream completes now, and new ones complete at once; the
   * pollers give their leases up, so other replicas take over at once.
   */
  close(): void {
    this.#closed = true;
    for (const feed of [...this.#feeds]) {
      feed.end();
    }
    this.#cluster?.live.close();
    this.#cluster?.bound.close();
  }

  #pollerFor<T>(credential: string, key: string, watch: Watch<T>): Poller<T> {
    const existing = this.#pollers.get(key) as Poller<T> | undefined;
    if (existing && !existing.stopped) {
      return existing;
    }
    const cluster = this.#cluster?.live;
    const poller: Poller<T> = new Poller(watch, {
      pollMs: this.#options.pollMs,
      readTimeoutMs: this.#options.readTimeoutMs,
      timers: this.#options.timers ?? realTimers,
      log: this.#options.log,
      onStop: () => {
        if (this.#pollers.get(key) === poller) {
          this.#pollers.delete(key);
        }
      },
      join: cluster
        ? (member) => cluster.join(credential, `${watch.kind}\n${watch.key}`, member)
        : undefined,
    });
    this.#pollers.set(key, poller as Poller<unknown>);
    return poller;
  }

  #release(credential: string): void {
    const held = (this.#held.get(credential) ?? 1) - 1;
    if (held > 0) {
      this.#held.set(credential, held);
    } else {
      this.#held.delete(credential);
    }
  }
}

/** The hub as configured: SUBSCRIPTION_POLL_MS, MAX_SUBSCRIPTIONS_PER_CREDENTIAL; one read is bounded like one operation. */
export function createLiveHub(
  config: Config,
  log: LiveHubOptions['log'],
  redis?: SharedRedis,
): LiveHub {
  return new LiveHub({
    pollMs: config.live.pollMs,
    maxPerCredential: config.live.maxSubscriptionsPerCredential,
    readTimeoutMs: config.limits.requestTimeoutMs,
    log,
    redis,
  });
}
