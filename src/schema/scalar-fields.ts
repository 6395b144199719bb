import type { FieldRef } from '@pothos/core';
import type { Types } from '../builder.js';
import { FIELD_DESCRIPTIONS } from './field-descriptions.js';

type Fields<T extends object> = PothosSchemaTypes.ObjectFieldBuilder<Types, T>;

/**
 * Scalar fields read straight from the REST JSON by name. A value of the wrong type (another
 * Membrane-like upstream, a newer API) becomes null for that field instead of an error.
 */
interface Primitives {
  string: string;
  boolean: boolean;
  number: number;
}

function read<P extends keyof Primitives>(
  parent: object,
  key: string,
  type: P,
): Primitives[P] | null {
  const value = (parent as Record<string, unknown>)[key];
  return typeof value === type ? (value as Primitives[P]) : null;
}

function many<K extends string, R>(keys: readonly K[], field: (key: K) => R): Record<K, R> {
  return Object.fromEntries(keys.map((key) => [key, field(key)])) as Record<K, R>;
}

export const stringFields = <T extends object, K extends string>(
  t: Fields<T>,
  keys: readonly K[],
) =>
  many(
    keys,
    (k): FieldRef<Types, string | null | undefined> =>
      t.string({ description: FIELD_DESCRIPTIONS[k], resolve: (p) => read(p, k, 'string') }),
  );

export const idFields = <T extends object, K extends string>(t: Fields<T>, keys: readonly K[]) =>
  many(
    keys,
    (k): FieldRef<Types, string | null | undefined> =>
      t.id({ description: FIELD_DESCRIPTIONS[k], resolve: (p) => read(p, k, 'string') }),
  );

export const booleanFields = <T extends object, K extends string>(
  t: Fields<T>,
  keys: readonly K[],
) =>
  many(
    keys,
    (k): FieldRef<Types, boolean | null | undefined> =>
      t.boolean({ description: FIELD_DESCRIPTIONS[k], resolve: (p) => read(p, k, 'boolean') }),
  );

export const intFields = <T extends object, K extends string>(t: Fields<T>, keys: readonly K[]) =>
  many(
    keys,
    (k): FieldRef<Types, number | null | undefined> =>
      t.int({
        description: FIELD_DESCRIPTIONS[k],
        resolve: (p) => {
          const n = read(p, k, 'number');
          // GraphQL's Int is 32-bit: anything else would fail the field, so it degrades to null
          return n !== null && (n | 0) === n ? n : null;
        },
      }),
  );

export const dateFields = <T extends object, K extends string>(t: Fields<T>, keys: readonly K[]) =>
  many(
    keys,
    (k): FieldRef<Types, unknown> =>
      t.field({
        type: 'DateTime',
        description: FIELD_DESCRIPTIONS[k],
        resolve: (p, _, ctx) => {
          const text: string | null = read(p, k, 'string');
          const date = text === null ? null : new Date(text);
          if (date && Number.isNaN(date.getTime())) {
            ctx.log.warn(
              { field: k, value: text },
              'unreadable date from the upstream; returning null',
            );
            return null;
          }
          return date;
        },
      }),
  );

/** Free-form objects (`meta`, `parameters`, `nodes` …) pass through as JSON. */
export const jsonFields = <T extends object, K extends string>(t: Fields<T>, keys: readonly K[]) =>
  many(
    keys,
    (k): FieldRef<Types, unknown> =>
      t.field({
        type: 'JSON',
        description: FIELD_DESCRIPTIONS[k],
        resolve: (p) => (p as Record<string, unknown>)[k] ?? null,
      }),
  );

/** Never-null fields every entity has. */
export const requiredIdAndName = <T extends { id?: string; name?: string }>(t: Fields<T>) => ({
  id: t.id({ nullable: false, description: FIELD_DESCRIPTIONS.id, resolve: (p) => p.id ?? '' }),
  name: t.string({
    nullable: false,
    description: FIELD_DESCRIPTIONS.name,
    resolve: (p) => p.name ?? '',
  }),
});
