import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.js';
import { backoffMs, isTransient, MAX_BACKOFF_MS } from '../../src/live/backoff.js';

const middle = () => 0.5;

describe('live update backoff', () => {
  it('doubles the interval per failure up to its bound', () => {
    expect([1, 2, 3, 5, 10, 100].map((n) => backoffMs(1000, n, undefined, middle))).toEqual([
      2000,
      4000,
      8000,
      MAX_BACKOFF_MS,
      MAX_BACKOFF_MS,
      MAX_BACKOFF_MS,
    ]);
  });

  it('never waits less than the poll interval itself', () => {
    expect(backoffMs(60_000, 3, undefined, middle)).toBe(60_000);
  });

  it('honours Retry-After, up to five minutes', () => {
    expect(backoffMs(1000, 1, 90, middle)).toBe(90_000);
    expect(backoffMs(1000, 1, 3600, middle)).toBe(300_000);
  });

  it('jitters by at most a fifth either way', () => {
    expect(backoffMs(1000, 1, undefined, () => 0)).toBe(1600);
    expect(backoffMs(1000, 1, undefined, () => 1)).toBe(2400);
  });

  it('treats 429, 5xx and timeouts as transient, nothing else', () => {
    const codes = [
      'RATE_LIMITED',
      'UPSTREAM_TIMEOUT',
      'UPSTREAM_ERROR',
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'NOT_FOUND',
      'BAD_USER_INPUT',
    ] as const;
    expect(codes.map((code) => isTransient(new GatewayError(code, code)))).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
    expect(isTransient(new Error('bug'))).toBe(false);
  });
});
