import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.js';
import { decodeCursor, encodeCursor } from '../../src/schema/cursor.js';
import { type ConnectionShape, paginate } from '../../src/schema/pagination.js';
import type { Page, PageParams } from '../../src/upstream/membrane-api.js';

/** Options of the fake upstream list. */
interface FakeOptions {
  /** The upstream never returns more than this per page, whatever `limit` asks. */
  cap?: number;
  /** A full last page still carries a cursor; the page it points to is empty. */
  cursorOnLastPage?: boolean;
}

/** An upstream list with offset cursors `c<offset>`, recording every page request. */
function fakeUpstream(total: number, options: FakeOptions = {}) {
  const items = Array.from({ length: total }, (_, i) => `item-${i}`);
  const requests: PageParams[] = [];
  const fetchPage = async (page: PageParams): Promise<Page<string>> => {
    requests.push(page);
    const start = page.cursor ? Number(page.cursor.slice(1)) : 0;
    const slice = items.slice(start, start + Math.min(page.limit, options.cap ?? 1000));
    const end = start + slice.length;
    const more = end < total || (options.cursorOnLastPage === true && slice.length > 0);
    return more ? { items: slice, cursor: `c${end}` } : { items: slice };
  };
  return { items, requests, fetchPage };
}

const nodes = (page: ConnectionShape<string>) => page.edges.map((e) => e.node);

async function walk(first: number, fake: ReturnType<typeof fakeUpstream>) {
  const seen: string[] = [];
  const pages: ConnectionShape<string>[] = [];
  let after: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await paginate({ first, after }, fake.fetchPage);
    pages.push(page);
    seen.push(...nodes(page));
    const last = page.edges.at(-1);
    if (!page.hasNextPage || !last) {
      break;
    }
    after = last.cursor;
  }
  return { seen, pages };
}

async function codeOf(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
    return undefined;
  } catch (err) {
    return err instanceof GatewayError ? err.code : 'not a GatewayError';
  }
}

describe('paginate', () => {
  it('asks for exactly `first` items on the first page (default 20)', async () => {
    const fake = fakeUpstream(50);
    const page = await paginate({}, fake.fetchPage);
    expect(nodes(page)).toEqual(fake.items.slice(0, 20));
    expect(page.hasNextPage).toBe(true);
    expect(page.hasPreviousPage).toBe(false);
    expect(fake.requests).toEqual([{ limit: 20, cursor: undefined }]);
  });

  it.each([
    { total: 0, first: 5, cap: undefined, emptyEnd: false },
    { total: 10, first: 5, cap: undefined, emptyEnd: false },
    { total: 10, first: 5, cap: undefined, emptyEnd: true },
    { total: 23, first: 7, cap: 3, emptyEnd: false },
    { total: 23, first: 7, cap: 3, emptyEnd: true },
    { total: 100, first: 100, cap: 30, emptyEnd: false },
    { total: 7, first: 5, cap: 5, emptyEnd: true },
    { total: 41, first: 1, cap: 4, emptyEnd: true },
  ])('walks $total items with first $first, upstream cap $cap, cursor on the last page $emptyEnd', async ({
    total,
    first,
    cap,
    emptyEnd,
  }) => {
    const fake = fakeUpstream(total, { cap, cursorOnLastPage: emptyEnd });
    const { seen, pages } = await walk(first, fake);
    expect(seen).toEqual(fake.items);
    expect(pages.at(-1)?.hasNextPage).toBe(false);
    for (const page of pages.slice(0, -1)) {
      expect(page.edges).toHaveLength(first);
    }
    // no upstream page is read twice from its start, and no request asks past the need
    const starts = fake.requests.map((r) => r.cursor ?? '');
    expect(new Set(starts).size).toBe(starts.length);
    for (const request of fake.requests) {
      expect(request.limit).toBeLessThanOrEqual(first);
    }
  });

  it('every edge cursor resumes right after its edge', async () => {
    const fake = fakeUpstream(17, { cap: 4 });
    const page = await paginate({ first: 10 }, fake.fetchPage);
    expect(nodes(page)).toEqual(fake.items.slice(0, 10));
    for (const [i, edge] of page.edges.entries()) {
      const next = await paginate({ first: 3, after: edge.cursor }, fake.fetchPage);
      expect(nodes(next)).toEqual(fake.items.slice(i + 1, i + 4));
      expect(next.hasPreviousPage).toBe(true);
    }
  });

  it('the last edge of an upstream page points at the next upstream page', async () => {
    const fake = fakeUpstream(20, { cap: 4 });
    const page = await paginate({ first: 6 }, fake.fetchPage);
    expect(page.edges.map((e) => decodeCursor(e.cursor))).toEqual([
      { page: null, offset: 1 },
      { page: null, offset: 2 },
      { page: null, offset: 3 },
      { page: 'c4', offset: 0 },
      { page: 'c4', offset: 1 },
      { page: 'c6', offset: 0 },
    ]);
    expect(fake.requests).toEqual([
      { limit: 6, cursor: undefined },
      { limit: 2, cursor: 'c4' },
    ]);
    fake.requests.length = 0;
    const next = await paginate({ first: 2, after: page.edges.at(-1)?.cursor }, fake.fetchPage);
    expect(nodes(next)).toEqual(['item-6', 'item-7']);
    expect(fake.requests).toEqual([{ limit: 2, cursor: 'c6' }]);
  });

  it('a mid-page cursor re-reads that page up to the need, skipping the offset', async () => {
    const fake = fakeUpstream(30);
    const after = encodeCursor({ page: 'c10', offset: 3 });
    const page = await paginate({ first: 4, after }, fake.fetchPage);
    expect(nodes(page)).toEqual(['item-13', 'item-14', 'item-15', 'item-16']);
    expect(fake.requests).toEqual([{ limit: 7, cursor: 'c10' }]);
  });

  it('an upstream that returns fewer than asked is followed to fill the page', async () => {
    const fake = fakeUpstream(9, { cap: 2 });
    const page = await paginate({ first: 5 }, fake.fetchPage);
    expect(nodes(page)).toEqual(fake.items.slice(0, 5));
    expect(page.hasNextPage).toBe(true);
    expect(fake.requests).toEqual([
      { limit: 5, cursor: undefined },
      { limit: 3, cursor: 'c2' },
      { limit: 1, cursor: 'c4' },
    ]);
  });

  it('an empty last page behind a cursor ends the list without an error', async () => {
    const fake = fakeUpstream(4, { cursorOnLastPage: true });
    const page = await paginate({ first: 4 }, fake.fetchPage);
    expect(nodes(page)).toEqual(fake.items);
    // the gateway cannot know the next page is empty without reading it
    expect(page.hasNextPage).toBe(true);
    const end = await paginate({ first: 4, after: page.edges.at(-1)?.cursor }, fake.fetchPage);
    expect(end).toEqual({ edges: [], hasNextPage: false, hasPreviousPage: true });
    expect(fake.requests).toEqual([
      { limit: 4, cursor: undefined },
      { limit: 4, cursor: 'c4' },
    ]);
  });

  it('a short page ending with a cursor to an empty page is read through in one call', async () => {
    const fake = fakeUpstream(6, { cursorOnLastPage: true });
    const page = await paginate({ first: 10 }, fake.fetchPage);
    expect(nodes(page)).toEqual(fake.items);
    expect(page.hasNextPage).toBe(false);
    expect(fake.requests).toEqual([
      { limit: 10, cursor: undefined },
      { limit: 4, cursor: 'c6' },
    ]);
  });

  it('stops after ten upstream pages when the upstream keeps sending empty pages', async () => {
    const requests: PageParams[] = [];
    const page = await paginate({ first: 5 }, async (p) => {
      requests.push(p);
      return { items: [], cursor: `c${requests.length}` };
    });
    // the client can still go on: the page carries where the walk stopped
    expect(page).toEqual({
      edges: [],
      hasNextPage: true,
      hasPreviousPage: false,
      resumeCursor: encodeCursor({ page: 'c10', offset: 0 }),
    });
    expect(requests).toHaveLength(10);
  });

  it('rejects first outside 1–100 and malformed cursors before any upstream call', async () => {
    const fake = fakeUpstream(10);
    for (const first of [0, -1, 101, 1000]) {
      expect(await codeOf(() => paginate({ first }, fake.fetchPage))).toBe('BAD_USER_INPUT');
    }
    for (const after of ['nope', encodeCursor({ page: null, offset: 0 }).slice(1), '%%', '']) {
      expect(await codeOf(() => paginate({ first: 5, after }, fake.fetchPage))).toBe(
        'BAD_USER_INPUT',
      );
    }
    expect(fake.requests).toEqual([]);
  });

  it('accepts the bounds 1 and 100, and a null `after` as the start', async () => {
    const fake = fakeUpstream(150);
    expect(nodes(await paginate({ first: 1 }, fake.fetchPage))).toEqual(['item-0']);
    expect(nodes(await paginate({ first: 100, after: null }, fake.fetchPage))).toEqual(
      fake.items.slice(0, 100),
    );
    expect(fake.requests).toEqual([
      { limit: 1, cursor: undefined },
      { limit: 100, cursor: undefined },
    ]);
  });
});
