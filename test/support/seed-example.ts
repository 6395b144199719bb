/**
 * The example body of the seed page (`POST /flows/{selector}/refresh`) and key-set
 * comparisons against it: the sandbox may serve only keys the example has (`extraKeys`), and the
 * showcase flow must serve all of them (`missingKeys`).
 */
import { readFileSync } from 'node:fs';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** The API reference page the product started from, kept in the repo as a fixture. */
const SEED_PAGE = new URL('../fixtures/refresh-flow-endpoint.txt', import.meta.url);

/** Values whose inner keys are free-form: never compared key by key. */
export const FREE_FORM_KEYS: ReadonlySet<string> = new Set([
  'meta',
  'parameters',
  'nodes',
  'parametersSchema',
  'fields',
  'data',
  'credentials',
  'dependencies',
  'optionsConfig',
  'stack',
  'logs',
]);

/** Example placeholders standing for "any value" (membrane-api.md §7.3). */
const PLACEHOLDERS: ReadonlySet<string> = new Set(['<unknown>', '<array>']);

/** The JSON block between the curl command and "Authorizations" on the seed page. */
export function loadRefreshExample(path: string | URL = SEED_PAGE): JsonObject {
  const text = readFileSync(path, 'utf8');
  const start = text.indexOf('\n{', text.indexOf('curl --request'));
  const end = text.lastIndexOf('}', text.indexOf('\nAuthorizations'));
  return JSON.parse(text.slice(start + 1, end + 1)) as JsonObject;
}

/** The example with placeholders dropped (`<unknown>`) or emptied (`<array>` → []). */
export function withoutPlaceholders(value: Json): Json {
  if (Array.isArray(value)) {
    return value.map(withoutPlaceholders);
  }
  if (value !== null && typeof value === 'object') {
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === '<array>') {
        out[key] = [];
      } else if (item !== '<unknown>') {
        out[key] = withoutPlaceholders(item);
      }
    }
    return out;
  }
  return value;
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function skip(key: string, example: unknown): boolean {
  return FREE_FORM_KEYS.has(key) || (typeof example === 'string' && PLACEHOLDERS.has(example));
}

/** Paths of keys in `actual` that the example does not have at the same place. */
export function extraKeys(actual: unknown, example: unknown, path = '$'): string[] {
  if (Array.isArray(actual) && Array.isArray(example)) {
    return actual.flatMap((item, i) => extraKeys(item, example[0], `${path}[${i}]`));
  }
  if (!isObject(actual) || !isObject(example)) {
    return [];
  }
  const out: string[] = [];
  for (const [key, value] of Object.entries(actual)) {
    if (!(key in example)) {
      out.push(`${path}.${key}`);
    } else if (!skip(key, example[key])) {
      out.push(...extraKeys(value, example[key], `${path}.${key}`));
    }
  }
  return out;
}

/**
 * Paths of example keys that `actual` lacks. Arrays: every element of `actual` must have every
 * key of the example's element, and an empty array misses them all.
 */
export function missingKeys(
  actual: unknown,
  example: unknown,
  path = '$',
  ignore: ReadonlySet<string> = new Set(),
): string[] {
  if (Array.isArray(example)) {
    if (!Array.isArray(actual) || actual.length === 0) {
      return isObject(example[0]) ? [`${path}[0]`] : [];
    }
    return actual.flatMap((item, i) => missingKeys(item, example[0], `${path}[${i}]`, ignore));
  }
  if (!isObject(example) || !isObject(actual)) {
    return [];
  }
  const out: string[] = [];
  for (const [key, value] of Object.entries(example)) {
    if (ignore.has(key)) {
      continue;
    }
    if (!(key in actual)) {
      out.push(`${path}.${key}`);
    } else if (!skip(key, value)) {
      out.push(...missingKeys(actual[key], value, `${path}.${key}`, ignore));
    }
  }
  return out;
}

/**
 * Keys of the example's BaseFlow that belong to the connection layer only. An integration-level
 * flow (the `flow` embed, the `appliedToIntegrations` elements) cannot truthfully carry them.
 */
export const CONNECTION_LAYER_KEYS: ReadonlySet<string> = new Set([
  'connectionId',
  'instanceKey',
  'flowId',
  'userId',
  'tenantId',
  'flowRevision',
]);

/** Embedded keys of a flow response (the rest are the flow's own). */
export const FLOW_EMBED_KEYS: readonly string[] = [
  'integration',
  'appliedToIntegrations',
  'user',
  'connection',
  'flow',
];
