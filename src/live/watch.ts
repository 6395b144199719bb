import type { GatewayError } from '../errors.js';

/** What a subscriber receives: the resource as it is now, or why the stream ends. */
export type LiveEvent<T> = { value: T } | { error: GatewayError | Error };

/** One watched resource: how to read it and which changes count. */
export interface Watch<T> {
  /** Kind of resource, for logs (no id, no credential). */
  kind: string;
  /** Identifies the resource among the credential's watches (its arguments, normalised). */
  key: string;
  /** One read with a fresh upstream client; `signal` cancels it. */
  read(signal: AbortSignal): Promise<T>;
  /** Equal fingerprints: nothing a subscriber watches has changed, so nothing is sent. */
  fingerprint(value: T): string;
  /** The resource will not change any more: the stream completes after sending it. */
  isFinal(value: T): boolean;
}

/** Where pollers wait between polls: real timers, or a clock a test moves by hand. */
export interface PollTimers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: PollTimers = {
  // the HTTP server keeps the process alive, never a poll
  set: (callback, ms) => setTimeout(callback, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
