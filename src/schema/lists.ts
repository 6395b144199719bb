import type { Context } from '../context.js';
import type { Page, PageParams } from '../upstream/membrane-api.js';
import { type ConnectionShape, type PageArgs, paginate } from './pagination.js';
import { type EntitySpec, rememberFull } from './relations.js';

/** A Relay page of entities; every item is remembered so other paths reuse it (design §6.1). */
export async function entityPage<T extends { id?: string }>(
  spec: EntitySpec<T>,
  ctx: Context,
  args: PageArgs,
  fetchPage: (page: PageParams) => Promise<Page<T>>,
): Promise<ConnectionShape<T>> {
  return paginate(args, async (page) => {
    const { items, cursor } = await fetchPage(page);
    return { items: items.map((item) => rememberFull(spec, ctx, item)), cursor };
  });
}

/** GraphQL list arguments are nullable; the REST filters want absent keys instead. */
export function definedOnly<T extends Record<string, unknown>>(args: T) {
  return Object.fromEntries(
    Object.entries(args).filter(([, v]) => v !== null && v !== undefined),
  ) as {
    [K in keyof T]?: Exclude<T[K], null>;
  };
}
