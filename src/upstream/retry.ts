import { transportErrorFrom } from './error-mapping.js';
import type { Attempt } from './http-call.js';

/** How idempotent GETs are retried (design §6.5). Mutations are never retried. */
export interface RetryPolicy {
  /** Retries after the first attempt. @default 2 */
  maxRetries?: number;
  /** Base delay of the exponential backoff (with jitter). @default 100 */
  minDelayMs?: number;
  /** The longest wait, `Retry-After` included; a longer `Retry-After` fails at once. @default 5000 */
  maxDelayMs?: number;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `once` until it succeeds, is not retryable, or the policy / deadline says stop.
 * A wait that would end after `deadlineAt` is not started: the last error is thrown at once
 * (RATE_LIMITED keeps its `retryAfter`).
 */
export async function withRetry(
  once: () => Promise<Attempt>,
  policy: RetryPolicy,
  signal?: AbortSignal,
  deadlineAt?: number,
): Promise<unknown> {
  const maxRetries = policy.maxRetries ?? 2;
  const minDelay = policy.minDelayMs ?? 100;
  const maxDelay = policy.maxDelayMs ?? 5000;
  for (let retry = 0; ; retry += 1) {
    const result = await once();
    if (result.ok) {
      return result.body;
    }
    if (!result.retryable || retry >= maxRetries) {
      throw result.error;
    }
    const backoff = minDelay * 2 ** retry;
    const delay =
      result.retryAfter !== undefined
        ? result.retryAfter * 1000
        : backoff / 2 + (Math.random() * backoff) / 2;
    if (delay > maxDelay || (deadlineAt !== undefined && Date.now() + delay >= deadlineAt)) {
      throw result.error;
    }
    try {
      await sleep(delay, signal);
    } catch (err) {
      throw transportErrorFrom(err, signal);
    }
  }
}
