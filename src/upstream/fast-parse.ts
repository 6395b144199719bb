import type { z } from 'zod';

/** Returned when a payload does not fit as it is: the caller takes zod's own path instead. */
export const MISFIT: unique symbol = Symbol('misfit');

type Parse = (value: unknown) => unknown;

interface Def {
  type: string;
  checks?: unknown[];
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  fn?: (value: unknown) => unknown;
  transform?: (value: unknown, payload: unknown) => unknown;
  catchValue?: (ctx: unknown) => unknown;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const typeOf =
  (expected: 'string' | 'boolean') =>
  (value: unknown): unknown =>
    typeof value === expected ? value : MISFIT;

/**
 * A parser compiled from a zod schema's definition that returns what zod's parse returns
 * (structurally) without copying what it does not change: the same object when a payload fits
 * as it is, which is nearly always. Anything unusual — a misfit, a type the compiler does not
 * know — is MISFIT, and zod itself decides (and reports the issues). Payload validation was a
 * fifth of a list page's CPU, most of it spent copying (bench/README.md).
 */
export function compileParse(schema: z.ZodType): Parse | undefined {
  const def = defOf(schema);
  if (def.checks !== undefined && def.checks.length > 0 && def.type !== 'custom') {
    return undefined;
  }
  switch (def.type) {
    case 'string':
    case 'boolean':
      return typeOf(def.type);
    case 'number':
      return (value) => (typeof value === 'number' && Number.isFinite(value) ? value : MISFIT);
    case 'unknown':
      return (value) => value;
    case 'custom': {
      const fn = def.fn;
      return fn && ((value) => (fn(value) === true ? value : MISFIT));
    }
    case 'optional':
    case 'nullable': {
      const inner = def.innerType && compileParse(def.innerType);
      const passes = def.type === 'optional' ? undefined : null;
      return inner && ((value) => (value === passes ? value : inner(value)));
    }
    case 'catch': {
      const inner = def.innerType && compileParse(def.innerType);
      const fallback = def.catchValue;
      return (
        inner &&
        fallback &&
        ((value) => {
          const parsed = inner(value);
          return parsed === MISFIT ? fallback({ issues: [], value, input: value }) : parsed;
        })
      );
    }
    case 'transform': {
      const fn = def.transform;
      return fn && ((value) => fn(value, { issues: [], value }));
    }
    case 'pipe': {
      const first = def.in && compileParse(def.in);
      const then = def.out && compileParse(def.out);
      return (
        first &&
        then &&
        ((value) => {
          const middle = first(value);
          return middle === MISFIT ? MISFIT : then(middle);
        })
      );
    }
    case 'array': {
      const item = def.element && compileParse(def.element);
      return item && ((value) => (Array.isArray(value) ? mapItems(value, item) : MISFIT));
    }
    case 'object':
      return def.shape && compileObject(def.shape, def.catchall);
    case 'record':
      return def.keyType && defOf(def.keyType).type === 'string' && def.valueType
        ? compileRecord(def.valueType)
        : undefined;
    default:
      return undefined;
  }
}

/** The same array when no item changed, else a copy with the changed items. */
function mapItems(items: unknown[], item: Parse): unknown {
  let out: unknown[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const parsed = item(items[i]);
    if (parsed === MISFIT) {
      return MISFIT;
    }
    if (parsed !== items[i]) {
      out ??= items.slice();
      out[i] = parsed;
    }
  }
  return out ?? items;
}

/** A record of string keys: zod answers a copy, so one is made only when a value changed. */
function compileRecord(valueType: z.ZodType): Parse | undefined {
  const entry = compileParse(valueType);
  return (
    entry &&
    ((value) => {
      if (!isObject(value)) {
        return MISFIT;
      }
      let out: Record<string, unknown> | undefined;
      for (const [key, given] of Object.entries(value)) {
        const parsed = entry(given);
        if (parsed === MISFIT) {
          return MISFIT;
        }
        if (parsed !== given) {
          out ??= { ...value };
          out[key] = parsed;
        }
      }
      return out ?? value;
    })
  );
}

function compileObject(
  shape: Record<string, z.ZodType>,
  catchall: z.ZodType | undefined,
): Parse | undefined {
  // unknown keys are kept as they are (loose objects) and nothing else is compiled
  if (catchall === undefined || defOf(catchall).type !== 'unknown') {
    return undefined;
  }
  const fields: [string, Parse][] = [];
  for (const [key, field] of Object.entries(shape)) {
    const parse = compileParse(field);
    if (parse === undefined) {
      return undefined;
    }
    fields.push([key, parse]);
  }
  return (value) => {
    if (!isObject(value)) {
      return MISFIT;
    }
    let out: Record<string, unknown> | undefined;
    for (const [key, parse] of fields) {
      const given = value[key];
      const parsed = parse(given);
      if (parsed === MISFIT) {
        return MISFIT;
      }
      if (parsed !== given) {
        out ??= { ...value };
        out[key] = parsed;
      }
    }
    return out ?? value;
  };
}
