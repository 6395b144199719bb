import { badRequest } from './http-errors.js';
import type { Query } from './query.js';

export interface Page<T> {
  items: T[];
  cursor?: string;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** `limit` is an integer 1–1000 (the SDK's zod rule); default 100 when omitted. */
export function parseLimit(query: Query): number {
  const raw = query.limit;
  if (raw === undefined) {
    return DEFAULT_LIMIT;
  }
  const value = /^\d{1,7}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value < 1 || value > MAX_LIMIT) {
    throw badRequest(`Query parameter 'limit' must be an integer between 1 and ${MAX_LIMIT}`);
  }
  return value;
}

export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

/** The cursor is an opaque offset; `0` (what the SDK's findAll starts with) is the first page. */
export function parseCursor(query: Query): number {
  const raw = query.cursor;
  if (raw === undefined || raw === '' || raw === '0') {
    return 0;
  }
  const decoded = /^[A-Za-z0-9_-]+$/.test(raw) ? Buffer.from(raw, 'base64url').toString() : '';
  const match = /^o:(\d{1,9})$/.exec(decoded);
  if (match?.[1] === undefined) {
    throw badRequest(`Query parameter 'cursor' is malformed`);
  }
  return Number(match[1]);
}

/** Stable list order: createdAt, then id. */
export function byCreatedThenId(
  a: { createdAt?: string; id: string },
  b: { createdAt?: string; id: string },
): number {
  const ca = a.createdAt ?? '';
  const cb = b.createdAt ?? '';
  if (ca !== cb) {
    return ca < cb ? -1 : 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Sorts (createdAt, then id, unless told otherwise), slices one page, sets `cursor` only when more follow. */
export function paginate<T extends { id: string }>(
  items: T[],
  query: Query,
  order: (a: T, b: T) => number = byCreatedThenId,
): Page<T> {
  const limit = parseLimit(query);
  const offset = parseCursor(query);
  const sorted = [...items].sort(order);
  const slice = sorted.slice(offset, offset + limit);
  const next = offset + limit;
  return next < sorted.length ? { items: slice, cursor: encodeCursor(next) } : { items: slice };
}
