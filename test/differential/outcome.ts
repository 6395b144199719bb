/** An error as the differential test compares it (issue 7: message, path, `extensions.code`). */
export interface ComparedError {
  message: string;
  path: (string | number)[] | null;
  code: unknown;
}

/** What one execution answered: `data` exactly (nulls, list lengths), errors as a multiset. */
export interface Outcome {
  /** `NO_DATA` when the response has no `data` key (a request error, e.g. variable coercion). */
  data: unknown;
  errors: ComparedError[];
}

export const NO_DATA = '(no data key)';

interface ResponseBody {
  data?: unknown;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: unknown } }[];
}

const key = (e: ComparedError) => JSON.stringify([e.path, e.message, e.code]);

/**
 * graphql-js records a field error when that field's promise settles, so with concurrent
 * upstream calls the order of `errors` follows the order the upstream answered in: graphql-js
 * itself gives no deterministic order, and the comparison sorts errors (by path, message, code).
 */
export function outcomeOf(body: ResponseBody): Outcome {
  const errors = (body.errors ?? []).map((e) => ({
    message: e.message,
    path: e.path ?? null,
    code: e.extensions?.code ?? null,
  }));
  return {
    data: 'data' in body ? body.data : NO_DATA,
    errors: errors.sort((a, b) => key(a).localeCompare(key(b))),
  };
}

/**
 * A refresh writes a new random `revision` and a current `updatedAt` on the refreshed flow
 * (src/sandbox/refresh.ts `touch`); nothing else it answers depends on when or where it ran.
 * So on each root field of a mutation exactly these two values are replaced by a marker of
 * their type: a string stays distinguishable from null or a missing field.
 */
export function withoutRefreshStamps(outcome: Outcome): Outcome {
  const data = outcome.data;
  if (data === null || typeof data !== 'object') {
    return outcome;
  }
  const stamp = (value: unknown, name: string) =>
    typeof value === 'string' ? `<${name} written by the refresh>` : value;
  const roots = Object.entries(data as Record<string, unknown>).map(([field, value]) => {
    if (value === null || typeof value !== 'object') {
      return [field, value];
    }
    const flow = { ...(value as Record<string, unknown>) };
    for (const name of ['revision', 'updatedAt'].filter((n) => n in flow)) {
      flow[name] = stamp(flow[name], name);
    }
    return [field, flow];
  });
  return { ...outcome, data: Object.fromEntries(roots) };
}

const WRITE_STAMPS = new Set(['revision', 'updatedAt', 'archivedAt']);

/**
 * After a write went to both twin sandboxes, each wrote its own random `revision` and its own
 * clock's `updatedAt` / `archivedAt` on what it changed, a few ms apart. Later reads may reach
 * those objects anywhere in their data, so there each of these values becomes a marker of its
 * type, wherever it is: a stale read (null where the write stamped a time, an old name) still
 * differs.
 */
export function withoutWriteStamps(outcome: Outcome): Outcome {
  const mark = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      return value.map(mark);
    }
    if (value === null || typeof value !== 'object') {
      return value;
    }
    return Object.fromEntries(
      Object.entries(value).map(([name, v]) => [
        name,
        WRITE_STAMPS.has(name) && typeof v === 'string' ? `<${name} written>` : mark(v),
      ]),
    );
  };
  return { ...outcome, data: mark(outcome.data) };
}
