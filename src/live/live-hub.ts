import type { Config } from '../config.js';
import { GatewayError } from '../errors.js';
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
}

/**
 * The process's live subscriptions (design §9): one poller per (credential, resource), shared
 * by all its subscribers, and a bound on the subscriptions each credential holds at once.
 * Credentials are known here only by a hash.
 */
export class LiveHub {
  readonly #options: LiveHubOptions;
  readonly #pollers = new Map<string, Poller<unknown>>();
  readonly #held = new Map<string, number>();
  readonly #feeds = new Set<Feed<LiveEvent<unknown>>>();
  #closed = false;

  constructor(options: LiveHubOptions) {
    this.#options = options;
  }

  /**
   * A new subscription of `credential` (a hash) to the watched resource. Throws OPERATION_LIMIT
   * when the credential already holds the most it may. The stream starts polling on its first
   * `next()`; its `return()` frees its place at once.
   */
  subscribe<T>(credential: string, watch: Watch<T>): AsyncIterableIterator<LiveEvent<T>> {
    const held = this.#held.get(credential) ?? 0;
    const max = this.#options.maxPerCredential;
    if (!this.#closed && held >= max) {
      throw new GatewayError(
        'OPERATION_LIMIT',
        `This credential already holds ${max} subscriptions, the most allowed at once (MAX_SUBSCRIPTIONS_PER_CREDENTIAL); end one first.`,
      );
    }
    const key = `${credential}\n${watch.kind}\n${watch.key}`;
    const feed = new Feed<LiveEvent<T>>({
      start: (f) => this.#pollerFor(key, watch).add(f),
      close: (f) => {
        this.#feeds.delete(f as Feed<LiveEvent<unknown>>);
        this.#release(credential);
        (this.#pollers.get(key) as Poller<T> | undefined)?.remove(f);
      },
    });
    this.#held.set(credential, held + 1);
    this.#feeds.add(feed as Feed<LiveEvent<unknown>>);
    if (this.#closed) {
      // stopping: the stream completes at once, without a poll
      feed.end();
    }
    return feed;
  }

  /** Subscriptions and pollers alive now (metrics, tests). */
  get size(): { subscriptions: number; pollers: number } {
    return { subscriptions: this.#feeds.size, pollers: this.#pollers.size };
  }

  /** The process is stopping: every stream completes now, and new ones complete at once. */
  close(): void {
    this.#closed = true;
    for (const feed of [...this.#feeds]) {
      feed.end();
    }
  }

  #pollerFor<T>(key: string, watch: Watch<T>): Poller<T> {
    const existing = this.#pollers.get(key) as Poller<T> | undefined;
    if (existing && !existing.stopped) {
      return existing;
    }
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
export function createLiveHub(config: Config, log: LiveHubOptions['log']): LiveHub {
  return new LiveHub({
    pollMs: config.live.pollMs,
    maxPerCredential: config.live.maxSubscriptionsPerCredential,
    readTimeoutMs: config.limits.requestTimeoutMs,
    log,
  });
}
