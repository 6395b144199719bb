import { EDGE_ERROR_CODES, ERROR_CODES } from '../../src/errors.js';
/** Codes of design §5 and §10: every error carries one. INTERNAL_SERVER_ERROR is a bug here. */
export const CONTRACT_CODES = [...ERROR_CODES, ...EDGE_ERROR_CODES] as const;

/**
 * Yoga's own codes for requests that never reach execution (a document that does not parse or
 * validate, a malformed request, no operation to run): GraphQL-over-HTTP request errors.
 */
export const REQUEST_ERROR_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
] as const;

const KNOWN = new Set<string>([...CONTRACT_CODES, ...REQUEST_ERROR_CODES]);
const UPSTREAM_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'UPSTREAM_ERROR',
]);

/** What only a leaked stack or original error puts in an error (test/gateway/error-leaks.ts). */
const STACK_MARKERS = ['    at ', '"stack"', 'originalError', 'Bearer '];

export type Accept = 'application/json' | 'application/graphql-response+json';

export interface HttpAnswer {
  accept: Accept;
  status: number;
  contentType: string | undefined;
  body: string;
}

export interface Checked {
  /** What is wrong with the answer as GraphQL over HTTP; empty when it is well-formed. */
  problems: string[];
  /** `extensions.code` of each error, in order. */
  codes: string[];
  /** The parsed body, when it was a JSON object. */
  json?: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isPositiveInt = (v: unknown) => Number.isInteger(v) && (v as number) >= 1;

function checkError(e: unknown, i: number, problems: string[]): string | undefined {
  const at = `errors[${i}]`;
  if (!isObject(e)) {
    problems.push(`${at} is not an object`);
    return undefined;
  }
  if (typeof e.message !== 'string' || e.message === '') {
    problems.push(`${at}.message is not a non-empty string`);
  }
  if (
    e.locations !== undefined &&
    !(
      Array.isArray(e.locations) &&
      e.locations.every((l) => isObject(l) && isPositiveInt(l.line) && isPositiveInt(l.column))
    )
  ) {
    problems.push(`${at}.locations is malformed`);
  }
  if (
    e.path !== undefined &&
    !(Array.isArray(e.path) && e.path.every((p) => typeof p === 'string' || Number.isInteger(p)))
  ) {
    problems.push(`${at}.path is malformed`);
  }
  const extensions = e.extensions;
  const code = isObject(extensions) ? extensions.code : undefined;
  if (typeof code !== 'string' || !KNOWN.has(code)) {
    problems.push(`${at} has no known extensions.code (${JSON.stringify(code)})`);
    return typeof code === 'string' ? code : '(none)';
  }
  const upstream = isObject(extensions) ? extensions.upstream : undefined;
  if (upstream !== undefined) {
    const tags = isObject(upstream) ? upstream : {};
    const fine =
      UPSTREAM_CODES.has(code) &&
      Number.isInteger(tags.status) &&
      Object.keys(tags).every((k) => ['status', 'type', 'key'].includes(k)) &&
      (tags.type === undefined || typeof tags.type === 'string') &&
      (tags.key === undefined || typeof tags.key === 'string');
    if (!fine) {
      problems.push(`${at}.extensions.upstream is malformed for ${code}`);
    }
  }
  if (isObject(extensions) && extensions.retryAfter !== undefined && code !== 'RATE_LIMITED') {
    problems.push(`${at}.extensions.retryAfter on ${code}`);
  }
  return code;
}

/**
 * One answer as GraphQL over HTTP: a JSON object of the negotiated media type with `data` and/or
 * `errors`, every error well-formed with a known code, and an HTTP status that fits: 200 when
 * `data` is present; for a request error (no `data`) 200 or 4xx under application/json and 4xx
 * under application/graphql-response+json; never 5xx. `secrets` (the upstream's URL, the
 * tokens) appear nowhere in it, and no error carries a stack.
 */
export function checkAnswer(answer: HttpAnswer, secrets: readonly string[]): Checked {
  const problems: string[] = [];
  const mediaType = answer.contentType?.split(';')[0]?.trim();
  if (mediaType !== answer.accept) {
    problems.push(`content-type ${answer.contentType ?? '(none)'} for Accept ${answer.accept}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    problems.push(`body is not JSON (status ${answer.status})`);
    return { problems, codes: [] };
  }
  if (!isObject(json)) {
    problems.push('body is not a JSON object');
    return { problems, codes: [] };
  }
  const extra = Object.keys(json).filter((k) => !['data', 'errors', 'extensions'].includes(k));
  if (extra.length > 0) {
    problems.push(`unexpected top-level keys ${extra.join(', ')}`);
  }
  const hasData = 'data' in json;
  if (!hasData && json.errors === undefined) {
    problems.push('neither data nor errors');
  }
  if (hasData && json.data !== null && !isObject(json.data)) {
    problems.push('data is neither an object nor null');
  }
  const codes: string[] = [];
  if (json.errors !== undefined) {
    if (!Array.isArray(json.errors) || json.errors.length === 0) {
      problems.push('errors is not a non-empty array');
    } else {
      json.errors.forEach((e, i) => {
        const code = checkError(e, i, problems);
        if (code !== undefined) {
          codes.push(code);
        }
        if (!hasData && isObject(e) && e.path !== undefined) {
          problems.push(`errors[${i}] has a path in a request error`);
        }
      });
    }
  }
  const { status } = answer;
  const statusFits = hasData
    ? status === 200
    : answer.accept === 'application/json'
      ? status === 200 || (status >= 400 && status < 500)
      : status >= 400 && status < 500;
  if (!statusFits) {
    problems.push(`HTTP ${status} for ${hasData ? 'a response with data' : 'a request error'}`);
  }
  for (const secret of secrets) {
    if (answer.body.includes(secret)) {
      problems.push(`the answer contains ${JSON.stringify(secret.slice(0, 20))}`);
    }
  }
  const errorsText = JSON.stringify(json.errors ?? []);
  for (const marker of STACK_MARKERS) {
    if (errorsText.includes(marker)) {
      problems.push(`an error carries ${JSON.stringify(marker)}`);
    }
  }
  return { problems, codes, json };
}

/**
 * Whether an error's path runs through a null in `data` (or `data` is null): a non-null field
 * failed and the null climbed to a nullable parent, as GraphQL's rules make it.
 */
export function nullPropagated(json: Record<string, unknown> | undefined): boolean {
  if (json === undefined || !('data' in json) || !Array.isArray(json.errors)) {
    return false;
  }
  return json.errors.some((e) => {
    const path = isObject(e) && Array.isArray(e.path) ? (e.path as (string | number)[]) : [];
    if (path.length === 0) {
      return false;
    }
    let value: unknown = json.data;
    for (const key of path.slice(0, -1)) {
      if (value === null || value === undefined) {
        return true;
      }
      value = (value as Record<string | number, unknown>)[key];
    }
    return value === null || value === undefined;
  });
}
