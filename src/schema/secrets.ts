import type { Context } from '../context.js';

/** Secret-bearing fields answer null unless the operator set EXPOSE_SECRETS (design §4). */
export function secret<T>(ctx: Context, value: () => T): T | null {
  return ctx.exposeSecrets ? value() : null;
}
