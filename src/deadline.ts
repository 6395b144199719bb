import { setMaxListeners } from 'node:events';

// One reason for all: a DOMException captures a stack when it is made, too dear per operation.
const FINISHED = new DOMException('The operation has finished.', 'AbortError');

/**
 * One operation's deadline and cancellation (design §6.6). Nothing is allocated until the first
 * upstream call asks for the signal: an operation that never calls the upstream costs no timer,
 * and one that does costs one controller and one timer, cleared by `dispose()` when it ends.
 */
export class Deadline {
  readonly at: number;
  readonly #timeoutMs: number;
  readonly #cancelledBy: () => AbortSignal | undefined;
  readonly #maxListeners: number;
  #controller: AbortController | undefined;
  #timer: NodeJS.Timeout | undefined;

  /**
   * @param cancelledBy the client's abort signal (it disconnected), read only when needed
   * @param maxListeners every in-flight upstream call listens to the signal: as many as the
   *   call budget allows
   */
  constructor(timeoutMs: number, cancelledBy: () => AbortSignal | undefined, maxListeners: number) {
    this.at = Date.now() + timeoutMs;
    this.#timeoutMs = timeoutMs;
    this.#cancelledBy = cancelledBy;
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
    const client = this.#cancelledBy();
    if (client?.aborted) {
      controller.abort(client.reason);
      return controller.signal;
    }
    client?.addEventListener('abort', () => controller.abort(client.reason), { once: true });
    const left = Math.max(0, this.at - Date.now());
    this.#timer = setTimeout(() => {
      controller.abort(new DOMException('The operation deadline passed.', 'TimeoutError'));
    }, left);
    this.#timer.unref();
    return controller.signal;
  }

  /**
   * The operation is over: its timer goes, and calls still in flight (a sibling of a field whose
   * error nulled their parent) are cancelled, since nobody reads their answers.
   */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#controller?.abort(FINISHED);
  }
}
