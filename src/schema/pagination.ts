import type { ObjectRef } from '@pothos/core';
import { builder, type Types } from '../builder.js';
import { GatewayError } from '../errors.js';
import type { Page, PageParams } from '../upstream/membrane-api.js';
import { decodeCursor, encodeCursor, type Position } from './cursor.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** Upstream pages that one GraphQL page may walk through (empty upstream pages included). */
const MAX_UPSTREAM_PAGES = 10;

export interface Edge<T> {
  cursor: string;
  node: T;
}
export interface ConnectionShape<T> {
  edges: Edge<T>[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** Where to resume when the walk ended on empty upstream pages and there are no edges. */
  resumeCursor?: string;
}

const PageInfo = builder.objectRef<ConnectionShape<unknown>>('PageInfo').implement({
  description: 'Relay page information. Cursors are opaque and resume right after their edge.',
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage', { nullable: false }),
    hasPreviousPage: t.exposeBoolean('hasPreviousPage', { nullable: false }),
    startCursor: t.string({ resolve: (c) => c.edges[0]?.cursor ?? null }),
    endCursor: t.string({ resolve: (c) => c.edges.at(-1)?.cursor ?? c.resumeCursor ?? null }),
  }),
});

/** `<Name>Connection` and `<Name>Edge` types for a node type (Relay cursor connections spec). */
export function connectionType<T, P>(name: string, node: ObjectRef<Types, T, P>) {
  const EdgeRef = builder.objectRef<Edge<T>>(`${name}Edge`).implement({
    fields: (t) => ({
      cursor: t.exposeString('cursor', { nullable: false }),
      // `as never`: TypeScript cannot evaluate Pothos's resolver-result type for a generic T
      node: t.field({ type: node, nullable: false, resolve: (e) => e.node as never }),
    }),
  });
  return builder.objectRef<ConnectionShape<T>>(`${name}Connection`).implement({
    fields: (t) => ({
      edges: t.field({ type: [EdgeRef], nullable: false, resolve: (c) => c.edges }),
      nodes: t.field({ type: [node], nullable: false, resolve: (c) => c.edges.map((e) => e.node) }),
      pageInfo: t.field({ type: PageInfo, nullable: false, resolve: (c) => c }),
    }),
  });
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (size < 1 || size > MAX_PAGE_SIZE) {
    throw new GatewayError('BAD_USER_INPUT', `first must be between 1 and ${MAX_PAGE_SIZE}.`);
  }
  return size;
}

/**
 * One GraphQL page from the upstream's cursor pages. Asks for exactly what it still needs, so
 * any upstream page size works; each edge's cursor points right after that edge, and the last
 * edge of an upstream page points at the next upstream page.
 */
export async function paginate<T>(
  args: PageArgs,
  fetchPage: (page: PageParams) => Promise<Page<T>>,
): Promise<ConnectionShape<T>> {
  const first = pageSize(args.first);
  // only an absent (or null) `after` means the start: "" is a malformed cursor like any other
  let position: Position =
    args.after === undefined || args.after === null
      ? { page: null, offset: 0 }
      : decodeCursor(args.after);
  const edges: Edge<T>[] = [];
  for (let walked = 0; walked < MAX_UPSTREAM_PAGES; walked++) {
    const need = first - edges.length;
    const { items, cursor: next } = await fetchPage({
      limit: Math.min(1000, position.offset + need),
      cursor: position.page ?? undefined,
    });
    const taken = items.slice(position.offset, position.offset + need);
    taken.forEach((node, i) => {
      const after = position.offset + i + 1;
      const resume =
        after >= items.length && next ? { page: next, offset: 0 } : { ...position, offset: after };
      edges.push({ node, cursor: encodeCursor(resume) });
    });
    const restOnPage = items.length > position.offset + taken.length;
    if (restOnPage || !next) {
      return { edges, hasNextPage: restOnPage, hasPreviousPage: Boolean(args.after) };
    }
    if (edges.length === first) {
      return { edges, hasNextPage: true, hasPreviousPage: Boolean(args.after) };
    }
    position = { page: next, offset: 0 };
  }
  return {
    edges,
    hasNextPage: true,
    hasPreviousPage: Boolean(args.after),
    resumeCursor: encodeCursor(position),
  };
}
