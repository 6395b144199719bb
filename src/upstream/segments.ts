import { GatewayError } from '../errors.js';

/** An id or key: letters, digits, `-` and `_`, 1–200 characters (design §3). */
const ID = /^[A-Za-z0-9_-]{1,200}$/;
const MAX_LENGTH = 200;

function invalid(argName: string, expected: string): GatewayError {
  // The value itself is never echoed: it may be huge or hold control characters.
  return new GatewayError('BAD_USER_INPUT', `Invalid ${argName}: ${expected}`);
}

/** True when `value` is a valid id or key. */
export function isPathId(value: string): boolean {
  return ID.test(value);
}

/**
 * Validates an id or key used as a path segment (or a query value that must be one) and
 * returns it encoded. Throws BAD_USER_INPUT before any upstream call.
 */
export function pathId(value: string, argName: string): string {
  if (typeof value !== 'string' || !ID.test(value)) {
    throw invalid(argName, 'expected 1–200 letters, digits, "-" or "_".');
  }
  return encodeURIComponent(value);
}

/**
 * Validates an element selector: an id or key, or the dotted `integrationKey.elementKey`
 * (exactly one interior dot, both parts valid), 1–200 characters in all.
 */
export function pathSelector(value: string, argName: string): string {
  const expected =
    'expected 1–200 letters, digits, "-" or "_", or "integrationKey.elementKey" of those.';
  if (typeof value !== 'string' || value.length > MAX_LENGTH) {
    throw invalid(argName, expected);
  }
  const parts = value.split('.');
  if (parts.length > 2 || !parts.every((part) => ID.test(part))) {
    throw invalid(argName, expected);
  }
  return encodeURIComponent(value);
}
