import { GatewayError } from '../errors.js';

/** Failures that say "not now" (429, 5xx, timeout): the subscription waits and polls again. */
const TRANSIENT: ReadonlySet<string> = new Set([
  'RATE_LIMITED',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_ERROR',
]);

export function isTransient(error: unknown): boolean {
  return error instanceof GatewayError && TRANSIENT.has(error.code);
}

/** The longest wait between two polls of a failing resource, unless the poll interval is longer. */
export const MAX_BACKOFF_MS = 30_000;
/** A `Retry-After` is honoured up to this. */
const MAX_RETRY_AFTER_MS = 300_000;

/**
 * The wait before the next poll after `failures` transient failures in a row: the interval
 * doubled per failure up to MAX_BACKOFF_MS, and at least what `Retry-After` asked, with ±20 %
 * jitter so pollers that failed together do not come back together.
 */
export function backoffMs(
  pollMs: number,
  failures: number,
  retryAfterSeconds: number | undefined,
  random: () => number = Math.random,
): number {
  const doubled = Math.min(pollMs * 2 ** Math.min(failures, 20), Math.max(pollMs, MAX_BACKOFF_MS));
  const asked = Math.min((retryAfterSeconds ?? 0) * 1000, MAX_RETRY_AFTER_MS);
  return Math.round(Math.max(doubled, asked) * (0.8 + 0.4 * random()));
}
