import { setMaxListeners } from 'node:events';

const TIMED_OUT = new DOMException('The operation deadline passed.', 'TimeoutError');

/**
 * Registers `abort` to run when the client goes away (the HTTP edge knows how to tell); may
 * return how to stop watching (a subscription's updates share one request's signal).
 */
export type ClientWatch = (abort: (reason: unknown) => void) => undefined | (() => void);

/**
 * One operation's deadline and cancellation (design §6.6). Nothing is allocated until the first
 * upstream call asks for the signal: then one controller, aborted by the deadline's timer or by
 * the client going away, and one timer, cleared by `dispose()` when the operation ends.
 */
export class Deadline {
  readonly at: number;
  readonly #watchClient: ClientWatch | undefined;
  readonly #maxListeners: number;
  #controller: AbortController | undefined;
  #timer: NodeJS.Timeout | undefined;
  #unwatch: (() => void) | undefined;

  /**
   * @param maxListeners every in-flight upstream call listens to the signal: as many as the
   *   call budget allows
   */
  constructor(timeoutMs: number, watchClient: ClientWatch | undefined, maxListeners: number) {
    this.at = Date.now() + timeoutMs;
    this.#watchClient = watchClient;
    this.#maxListeners = maxListeners;
  }

  /** Aborts with a `TimeoutError` at the deadline, or with the client's reason when it leaves. */
  get signal(): AbortSignal {
    if (this.#controller) {
      return this.#controller.signal;
    }
    const controller = new AbortController();
    this.#controller = controller;
    setMaxListeners(this.#maxListeners, controller.signal);
    const abort = (reason: unknown) => {
      if (!controller.signal.aborted) {
        controller.abort(reason);
      }
    };
    this.#unwatch = this.#watchClient?.(abort);
    // one DOMException for all: it captures a stack when it is made, too dear per operation
    this.#timer = setTimeout(abort, Math.max(0, this.at - Date.now()), TIMED_OUT);
    this.#timer.unref();
    return controller.signal;
  }

  /** The operation is over: its timer goes, and so does its watch on the client. */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#unwatch?.();
    this.#unwatch = undefined;
  }
}
