import type { PollTimers } from '../../src/live/watch.js';

/** Poll timers that fire only when a test says so; each remembers the wait it asked for. */
export class ManualTimers implements PollTimers {
  readonly #pending = new Map<number, { callback: () => void; ms: number }>();
  #next = 1;

  set(callback: () => void, ms: number): number {
    const handle = this.#next++;
    this.#pending.set(handle, { callback, ms });
    return handle;
  }

  clear(handle: unknown): void {
    this.#pending.delete(handle as number);
  }

  /** The waits of the timers pending now, in the order they were set. */
  waits(): number[] {
    return [...this.#pending.values()].map((t) => t.ms);
  }

  /** Fires every timer pending now (not those they set); returns how many fired. */
  fire(): number {
    const due = [...this.#pending.values()];
    this.#pending.clear();
    for (const timer of due) {
      timer.callback();
    }
    return due.length;
  }
}
