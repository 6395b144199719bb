import { GatewayError } from '../errors.js';

/** One page request: `limit` is 1–1000 (membrane-api.md §2.3), `cursor` opaque. */
export interface PageParams {
  limit: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  cursor?: string;
}

/** Query values of one page; rejects a limit the upstream would refuse. */
export function pageQuery(page: PageParams): { limit: number; cursor?: string } {
  if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > 1000) {
    throw new GatewayError('BAD_USER_INPUT', 'Invalid limit: expected an integer from 1 to 1000.');
  }
  return page.cursor ? { limit: page.limit, cursor: page.cursor } : { limit: page.limit };
}

/** Key-aligned fan-out: each key gets its value or its own Error in place (style C6). */
export function fanOut<T>(
  ids: readonly string[],
  load: (id: string) => Promise<T>,
): Promise<(T | Error)[]> {
  return Promise.all(
    ids.map((id) =>
      // `load` may throw synchronously (validation): keep that in the key's slot too.
      Promise.resolve()
        .then(() => load(id))
        .catch((err: unknown) => (err instanceof Error ? err : new Error(String(err)))),
    ),
  );
}
