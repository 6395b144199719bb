/** What the owner of a feed is told: its first pull, and its end (from either side, once). */
export interface FeedHooks<T> {
  start(feed: Feed<T>): void;
  close(feed: Feed<T>): void;
}

/** Events a consumer this far behind loses, oldest first: it only needs the newest state. */
const CAPACITY = 32;

/**
 * One subscriber's stream of events. A hand-rolled async iterator rather than an async
 * generator: `return()` ends it at once even while a `next()` waits for the next poll (a
 * generator parked on an await would not see it; platform-notes). Nothing is attached until
 * the first `next()`, so a stream nobody reads holds no poller.
 */
export class Feed<T> implements AsyncIterableIterator<T> {
  readonly #hooks: FeedHooks<T>;
  readonly #queue: T[] = [];
  #waiting: ((result: IteratorResult<T>) => void) | undefined;
  #started = false;
  /** No more events will be pushed (queued ones are still read). */
  #ended = false;
  #closed = false;

  constructor(hooks: FeedHooks<T>) {
    this.#hooks = hooks;
  }

  /** Delivers an event (dropped once the feed has ended). */
  push(value: T): void {
    if (this.#ended) {
      return;
    }
    const waiting = this.#waiting;
    if (waiting) {
      this.#waiting = undefined;
      waiting({ value, done: false });
      return;
    }
    this.#queue.push(value);
    if (this.#queue.length > CAPACITY) {
      this.#queue.shift();
    }
  }

  /** The producer is done: what is queued is still read, then the stream completes. */
  end(): void {
    if (this.#ended) {
      return;
    }
    this.#ended = true;
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.({ value: undefined, done: true });
    this.#close();
  }

  next(): Promise<IteratorResult<T>> {
    if (!this.#started && !this.#ended) {
      this.#started = true;
      this.#hooks.start(this);
    }
    const value = this.#queue.shift();
    if (value !== undefined) {
      return Promise.resolve({ value, done: false });
    }
    if (this.#ended) {
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve) => {
      this.#waiting = resolve;
    });
  }

  /** The consumer is gone: detach now, even while a `next()` waits. */
  return(): Promise<IteratorResult<T>> {
    this.#queue.length = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(): Promise<IteratorResult<T>> {
    return this.return();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #close(): void {
    if (!this.#closed) {
      this.#closed = true;
      this.#hooks.close(this);
    }
  }
}
