import { GatewayError } from '../errors.js';
import { backoffMs, isTransient } from './backoff.js';
import type { ClusterMember, ClusterSeat, SharedEvent } from './cluster/live-cluster.js';
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
  /**
   * With Redis: takes the poller's place in the cluster at its first subscriber, and then
   * decides whether it reads upstream or receives another replica's reads. Absent: it reads.
   */
  join?(member: ClusterMember): ClusterSeat;
}

/**
 * Polls one resource for every subscriber of one credential: the first read at once, then one
 * every `pollMs` after the previous one answered. A change of fingerprint is sent to all; a
 * final value is sent and ends every stream; a transient failure waits longer and tries again;
 * any other failure is sent as the stream's last event. Stops when the last subscriber leaves,
 * cancelling a read in flight. In a cluster, only the poller whose replica holds the lease
 * reads; the others send what it publishes.
 */
export class Poller<T> implements ClusterMember {
  readonly #watch: Watch<T>;
  readonly #options: PollerOptions;
  readonly #feeds = new Set<Feed<LiveEvent<T>>>();
  #last: { value: T; fingerprint: string } | undefined;
  #failures = 0;
  #timer: unknown;
  #reading: AbortController | undefined;
  #started = false;
  #stopped = false;
  /** This poller reads upstream (always, without a cluster). */
  #leading = false;
  #seat: ClusterSeat | undefined;

  constructor(watch: Watch<T>, options: PollerOptions) {
    this.#watch = watch;
    this.#options = options;
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /** Reading upstream now (not while another replica's poller leads). */
  get leading(): boolean {
    return this.#leading && !this.#stopped;
  }

  /** A new subscriber gets the current value at once, if there is one. */
  add(feed: Feed<LiveEvent<T>>): void {
    this.#feeds.add(feed);
    if (this.#last) {
      feed.push({ value: this.#last.value });
    }
    if (!this.#started) {
      this.#started = true;
      if (this.#options.join) {
        this.#seat = this.#options.join(this);
      } else {
        this.lead();
      }
    }
  }

  lead(): void {
    if (!this.#leading && !this.#stopped) {
      this.#leading = true;
      void this.#poll();
    }
  }

  follow(): void {
    this.#leading = false;
    if (this.#timer !== undefined) {
      this.#options.timers.clear(this.#timer);
      this.#timer = undefined;
    }
    this.#reading?.abort();
  }

  receive(event: SharedEvent): void {
    if (this.#stopped) {
      return;
    }
    if ('value' in event) {
      this.#deliver(event.value as T, false);
      return;
    }
    const { code, message, upstream, retryAfter } = event.error;
    this.#endWith(
      new GatewayError(code as GatewayError['code'], message, upstream as never, retryAfter),
    );
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
      // cancelled (stopped, or another replica leads now): no failure
      if (!this.#stopped && !reading.signal.aborted) {
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
    this.#deliver(value, true);
    if (!this.#stopped && this.#leading) {
      this.#schedule(this.#options.pollMs);
    }
  }

  /**
   * Sends a value that changed to every subscriber (and first to the other replicas when it was
   * read here), and ends them all on a final one.
   */
  #deliver(value: T, readHere: boolean): void {
    const fingerprint = this.#watch.fingerprint(value);
    if (fingerprint !== this.#last?.fingerprint) {
      if (readHere) {
        this.#seat?.publish({ value });
      }
      this.#last = { value, fingerprint };
      for (const feed of this.#feeds) {
        feed.push({ value });
      }
    }
    if (this.#watch.isFinal(value)) {
      this.#endAll();
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
    if (error instanceof GatewayError) {
      const { code, message, upstream, retryAfter } = error;
      this.#seat?.publish({ error: { code, message, upstream, retryAfter } });
    }
    this.#endWith(error instanceof Error ? error : new Error(String(error)));
  }

  #endWith(error: Error): void {
    for (const feed of this.#feeds) {
      feed.push({ error });
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
    this.#seat?.leave();
    this.#options.onStop();
  }
}
