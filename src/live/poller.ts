import { GatewayError } from '../errors.js';
import { backoffMs, isTransient } from './backoff.js';
import type { Feed } from './feed.js';
import type { LiveEvent, PollTimers, Watch } from './watch.js';

export interface PollerOptions {
  pollMs: number;
  /** Bound on one read (a read that hangs must not stall the subscription). */
  readTimeoutMs: number;
  timers: PollTimers;
  /** Server-side log: transient failures at warn (kind and code only). */
  log: { warn(details: Record<string, unknown>, message: string): void };
  /** The poller has stopped (no subscriber left, or the stream ended). */
  onStop(): void;
}

/**
 * Polls one resource for every subscriber of one credential: the first read at once, then one
 * every `pollMs` after the previous one answered. A change of fingerprint is sent to all; a
 * final value is sent and ends every stream; a transient failure waits longer and tries again;
 * any other failure is sent as the stream's last event. Stops when the last subscriber leaves,
 * cancelling a read in flight.
 */
export class Poller<T> {
  readonly #watch: Watch<T>;
  readonly #options: PollerOptions;
  readonly #feeds = new Set<Feed<LiveEvent<T>>>();
  #last: { value: T; fingerprint: string } | undefined;
  #failures = 0;
  #timer: unknown;
  #reading: AbortController | undefined;
  #started = false;
  #stopped = false;

  constructor(watch: Watch<T>, options: PollerOptions) {
    this.#watch = watch;
    this.#options = options;
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /** A new subscriber gets the current value at once, if there is one. */
  add(feed: Feed<LiveEvent<T>>): void {
    this.#feeds.add(feed);
    if (this.#last) {
      feed.push({ value: this.#last.value });
    }
    if (!this.#started) {
      this.#started = true;
      void this.#poll();
    }
  }

  remove(feed: Feed<LiveEvent<T>>): void {
    if (this.#feeds.delete(feed) && this.#feeds.size === 0) {
      this.#stop();
    }
  }

  async #poll(): Promise<void> {
    this.#timer = undefined;
    const reading = new AbortController();
    this.#reading = reading;
    let value: T;
    try {
      value = await this.#watch.read(
        AbortSignal.any([reading.signal, AbortSignal.timeout(this.#options.readTimeoutMs)]),
      );
    } catch (error) {
      if (!this.#stopped) {
        this.#failed(error);
      }
      return;
    } finally {
      this.#reading = undefined;
    }
    if (this.#stopped) {
      return;
    }
    this.#failures = 0;
    const fingerprint = this.#watch.fingerprint(value);
    if (fingerprint !== this.#last?.fingerprint) {
      this.#last = { value, fingerprint };
      for (const feed of this.#feeds) {
        feed.push({ value });
      }
    }
    if (this.#watch.isFinal(value)) {
      this.#endAll();
    } else {
      this.#schedule(this.#options.pollMs);
    }
  }

  #failed(error: unknown): void {
    if (isTransient(error)) {
      this.#failures += 1;
      const retryAfter = error instanceof GatewayError ? error.retryAfter : undefined;
      const waitMs = backoffMs(this.#options.pollMs, this.#failures, retryAfter);
      this.#options.log.warn(
        {
          kind: this.#watch.kind,
          code: (error as GatewayError).code,
          failures: this.#failures,
          waitMs,
        },
        'live update poll failed; polling again later',
      );
      this.#schedule(waitMs);
      return;
    }
    for (const feed of this.#feeds) {
      feed.push({ error: error instanceof Error ? error : new Error(String(error)) });
    }
    this.#endAll();
  }

  #schedule(ms: number): void {
    this.#timer = this.#options.timers.set(() => void this.#poll(), ms);
  }

  #endAll(): void {
    const feeds = [...this.#feeds];
    this.#feeds.clear();
    this.#stop();
    for (const feed of feeds) {
      feed.end();
    }
  }

  #stop(): void {
    if (this.#stopped) {
      return;
    }
    this.#stopped = true;
    if (this.#timer !== undefined) {
      this.#options.timers.clear(this.#timer);
    }
    this.#reading?.abort();
    this.#options.onStop();
  }
}
