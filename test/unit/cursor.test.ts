import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.js';
import { decodeCursor, encodeCursor } from '../../src/schema/cursor.js';

const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function codeOf(cursor: string): string | undefined {
  try {
    decodeCursor(cursor);
    return undefined;
  } catch (err) {
    return err instanceof GatewayError ? err.code : 'not a GatewayError';
  }
}

describe('gateway cursors', () => {
  it('round-trip a first-page position and an upstream page position', () => {
    for (const position of [
      { page: null, offset: 0 },
      { page: null, offset: 7 },
      { page: 'bzoyMA', offset: 0 },
      { page: 'opaque/+=cursor with spaces', offset: 99 },
      { page: 'x', offset: 100_000 },
    ]) {
      expect(decodeCursor(encodeCursor(position))).toEqual(position);
    }
  });

  it('are opaque URL-safe strings', () => {
    const cursor = encodeCursor({ page: 'a+b/c==', offset: 3 });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).toBe(raw(['a+b/c==', 3]));
  });

  it('different positions give different cursors', () => {
    const cursors = [
      encodeCursor({ page: null, offset: 1 }),
      encodeCursor({ page: null, offset: 2 }),
      encodeCursor({ page: 'p', offset: 1 }),
      encodeCursor({ page: 'q', offset: 1 }),
    ];
    expect(new Set(cursors).size).toBe(4);
  });

  it('reject anything the gateway did not produce with BAD_USER_INPUT', () => {
    const malformed = [
      '',
      'not-a-cursor',
      '%%%',
      Buffer.from('plain text').toString('base64url'),
      raw({ page: null, offset: 0 }),
      raw([null]),
      raw([null, 0, 'extra']),
      raw(['', 0]),
      raw([1, 0]),
      raw([null, -1]),
      raw([null, 1.5]),
      raw([null, '3']),
      raw([null, 100_001]),
      raw(null),
    ];
    for (const cursor of malformed) {
      expect([cursor, codeOf(cursor)]).toEqual([cursor, 'BAD_USER_INPUT']);
    }
  });

  it('the error message names the problem without echoing the cursor', () => {
    try {
      decodeCursor('secret-looking-value');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(GatewayError);
      expect((err as GatewayError).message).toBe('Invalid cursor: use a cursor this API returned.');
    }
  });
});
