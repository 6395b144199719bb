import { badRequest } from './http-errors.js';

/** A request's query string as one value per name (the last one wins). */
export type Query = Record<string, string>;

/** zodBooleanCoercion: "true"/"1"/"false"/"0"; anything else is a 400. */
export function boolParam(query: Query, name: string): boolean | undefined {
  const raw = query[name];
  if (raw === undefined) {
    return undefined;
  }
  if (raw === 'true' || raw === '1') {
    return true;
  }
  if (raw === 'false' || raw === '0') {
    return false;
  }
  throw badRequest(`Query parameter '${name}' must be a boolean ("true", "false", "1" or "0")`);
}

/** A string parameter; empty values count as absent, like the SDK's query encoder drops them. */
export function stringParam(query: Query, name: string): string | undefined {
  const raw = query[name];
  return raw === undefined || raw === '' ? undefined : raw;
}

/** Case-insensitive substring match over the given fields. */
export function matchesSearch(search: string | undefined, fields: (string | undefined)[]): boolean {
  if (search === undefined) {
    return true;
  }
  const needle = search.toLowerCase();
  return fields.some((field) => field?.toLowerCase().includes(needle) === true);
}
