import { describe, expect, it } from 'vitest';
import { dropInvalid } from '../../src/upstream/drop-invalid.js';

describe('dropInvalid', () => {
  it('drops the fields the issues point at, in a copy', () => {
    const value = { id: 'f1', key: 7, nested: { ok: 1, bad: 'x' } };
    const copy = dropInvalid(value, [{ path: ['key'] }, { path: ['nested', 'bad'] }]);
    expect(copy).toEqual({ id: 'f1', nested: { ok: 1 } });
    expect(value).toEqual({ id: 'f1', key: 7, nested: { ok: 1, bad: 'x' } });
  });

  it('drops a field inside one list item, and leaves malformed elements out of their array', () => {
    const page = { items: [{ id: 'a' }, { id: 'b', enabled: 'yes' }, 'junk', { id: 'c' }, 5] };
    expect(
      dropInvalid(page, [
        { path: ['items', 1, 'enabled'] },
        { path: ['items', 2] },
        { path: ['items', 4] },
      ]),
    ).toEqual({ items: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] });
  });

  it('leaves the payload as it is for an issue about the payload itself', () => {
    expect(dropInvalid('not an object', [{ path: [] }])).toBe('not an object');
  });
});
