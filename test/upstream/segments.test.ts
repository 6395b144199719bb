import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.js';
import { pathId, pathSelector } from '../../src/upstream/segments.js';

const INVALID_IDS = [
  '',
  '.',
  '..',
  '.a',
  'a.',
  'a.b',
  'a/b',
  '/',
  'a\\b',
  '%2e%2e',
  'a%20b',
  'a?b',
  'a#b',
  'a b',
  ' a',
  'a\tb',
  'a\nb',
  'a\u0000b',
  'a\u007fb',
  'é',
  'x'.repeat(201),
];
const INVALID_SELECTORS = [
  '',
  '.',
  '..',
  '...',
  '.a',
  'a.',
  'a..b',
  'a.b.c',
  'a/b',
  '../x',
  'a\\b',
  '%2e%2e',
  'slack.%2e',
  'a?b',
  'a#b',
  'a b',
  'slack. send',
  'a\u0001b',
  'x'.repeat(201),
  `${'x'.repeat(100)}.${'y'.repeat(100)}`,
];

function expectBadInput(fn: () => unknown, argName: string): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).code).toBe('BAD_USER_INPUT');
    expect((err as GatewayError).message.startsWith(`Invalid ${argName}: `)).toBe(true);
    return;
  }
  throw new Error('expected a BAD_USER_INPUT');
}

describe('pathId', () => {
  it.each(['a', 'A-z_09', '63b30e09e9a70700c7dc5e82', 'x'.repeat(200)])('accepts %s', (id) => {
    expect(pathId(id, 'id')).toBe(id);
  });
  it.each(INVALID_IDS)('rejects %j', (id) => {
    expectBadInput(() => pathId(id, 'id'), 'id');
  });
  it('names the argument and never echoes the value', () => {
    expect(() => pathId('a/b', 'connectionId')).toThrow(
      'Invalid connectionId: expected 1–200 letters, digits, "-" or "_".',
    );
  });
});

describe('pathSelector', () => {
  it.each([
    'send-update',
    '63b30e09e9a70700c7dc5e82',
    'slack.send-update',
    'hub_spot.sync_2',
    'x'.repeat(200),
    `${'x'.repeat(100)}.${'y'.repeat(99)}`,
  ])('accepts %s', (selector) => {
    expect(pathSelector(selector, 'selector')).toBe(selector);
  });
  it.each(INVALID_SELECTORS)('rejects %j', (selector) => {
    expectBadInput(() => pathSelector(selector, 'selector'), 'selector');
  });
});
