import { badRequest } from './http-errors.js';
import { touch } from './refresh.js';
import type { Store } from './store.js';
import type { WireLayeredElement } from './types.js';

/** What a type's PATCH body may carry (its `Update…Request`); anything else is a 400. */
export interface EditSpec<T extends WireLayeredElement> {
  noun: string;
  /** Every editable key; those not in the sets below must be strings. */
  editable: ReadonlySet<string>;
  booleans: ReadonlySet<string>;
  objects: ReadonlySet<string>;
  /** Keys whose value may be any JSON but null. */
  anyValue: ReadonlySet<string>;
  /** Keys whose string must be one of the values. */
  enums?: Readonly<Record<string, ReadonlySet<string>>>;
  /** Edits of these keys on an element with a parent make it customized. */
  customizing: readonly string[];
  hasParent(element: T): boolean;
  markCustomized(element: T, keys: string[]): void;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkValue<T extends WireLayeredElement>(
  spec: EditSpec<T>,
  key: string,
  value: unknown,
): void {
  const allowed = spec.enums?.[key];
  const ok = spec.booleans.has(key)
    ? typeof value === 'boolean'
    : spec.objects.has(key)
      ? isObject(value)
      : spec.anyValue.has(key)
        ? value !== null
        : typeof value === 'string' && (allowed === undefined || allowed.has(value));
  if (!ok) {
    throw badRequest(`Field '${key}' has an invalid value`);
  }
  if (key === 'name' && value === '') {
    throw badRequest(`Field 'name' must not be empty`);
  }
}

/** Applies a PATCH body; edits of customizing keys on an element with a parent mark it customized. */
export function applyPatch<T extends WireLayeredElement>(
  spec: EditSpec<T>,
  store: Store,
  element: T,
  body: unknown,
): void {
  const patch = body === undefined ? {} : body;
  if (!isObject(patch)) {
    throw badRequest('Request body must be a JSON object');
  }
  const unknown = Object.keys(patch).filter((key) => !spec.editable.has(key));
  if (unknown.length > 0) {
    throw badRequest(
      `Unknown field(s) in ${spec.noun.toLowerCase()} update: ${unknown.join(', ')}`,
    );
  }
  for (const [key, value] of Object.entries(patch)) {
    checkValue(spec, key, value);
  }
  Object.assign(element, patch);
  const customized = spec.customizing.filter((key) => key in patch);
  if (spec.hasParent(element) && customized.length > 0) {
    spec.markCustomized(element, customized);
  }
  touch(store, element);
}
