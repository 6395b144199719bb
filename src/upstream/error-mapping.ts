import { type ErrorCode, GatewayError, type UpstreamInfo } from '../errors.js';

/** Our own fixed message per code: no upstream text ever reaches a client (design §5). */
const MESSAGES: Record<ErrorCode, string> = {
  BAD_USER_INPUT: 'The Membrane API rejected the request as invalid.',
  UNAUTHENTICATED: 'The Membrane API did not accept the credentials.',
  FORBIDDEN: 'The Membrane API denied access to this resource.',
  NOT_FOUND: 'The Membrane API did not find this resource.',
  CONFLICT: 'The Membrane API reported a conflict with the current state of this resource.',
  RATE_LIMITED: 'The Membrane API rate limit was exceeded; retry later.',
  UPSTREAM_TIMEOUT: 'The Membrane API did not answer in time.',
  UPSTREAM_ERROR: 'The Membrane API failed to answer this request.',
  OPERATION_LIMIT: 'The operation exceeds the upstream call limit.',
  INTERNAL_SERVER_ERROR: 'Unexpected error.',
};

/** Fixed messages for UPSTREAM_ERROR causes that are not an HTTP status. */
export const UPSTREAM_MESSAGES = {
  unreachable: 'The Membrane API could not be reached.',
  unreadable: 'The Membrane API returned an unreadable answer.',
  payload: 'The Membrane API returned an unexpected payload.',
  cancelled: 'The Membrane API call was cancelled.',
} as const;

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'BAD_USER_INPUT';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 429:
      return 'RATE_LIMITED';
    default:
      return 'UPSTREAM_ERROR';
  }
}

/** `type` and `key` of a Membrane error body, when they are strings. */
function errorTags(body: unknown): { type?: string; key?: string } {
  if (typeof body !== 'object' || body === null) {
    return {};
  }
  const { type, key } = body as { type?: unknown; key?: unknown };
  return {
    ...(typeof type === 'string' ? { type } : {}),
    ...(typeof key === 'string' ? { key } : {}),
  };
}

/**
 * Parses `Retry-After` (delta-seconds or an HTTP-date) into whole seconds from now;
 * undefined when absent or malformed.
 */
export function parseRetryAfter(header: string | undefined, now = Date.now()): number | undefined {
  if (header === undefined) {
    return undefined;
  }
  const value = header.trim();
  if (/^\d+$/.test(value)) {
    return Number(value);
  }
  const date = Date.parse(value);
  if (Number.isNaN(date) || !/[a-z]/i.test(value)) {
    return undefined;
  }
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * The one place that turns an upstream HTTP answer into a GatewayError (design §5).
 * Only the status and string `type`/`key` of the body survive; never its message.
 */
export function upstreamErrorFrom(
  status: number,
  body: unknown,
  retryAfterHeader?: string,
): GatewayError {
  const tags = errorTags(body);
  let code = codeForStatus(status);
  if (tags.key === 'already_exists' || tags.type === 'concurrency') {
    code = 'CONFLICT';
  }
  const upstream: UpstreamInfo = { status, ...tags };
  const retryAfter = code === 'RATE_LIMITED' ? parseRetryAfter(retryAfterHeader) : undefined;
  return new GatewayError(code, MESSAGES[code], upstream, retryAfter);
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function isTimeoutReason(reason: unknown): boolean {
  return reason instanceof Error && reason.name === 'TimeoutError';
}

function withCause(error: GatewayError, cause: unknown): GatewayError {
  // Kept for the server log only; the GraphQL layer shows code and message.
  error.cause = cause;
  return error;
}

/**
 * Maps a failure to reach or read the upstream (undici errors, aborts, bad JSON) to a
 * GatewayError. `signal` is the call's abort signal: an abort caused by the deadline
 * (`TimeoutError` reason) is UPSTREAM_TIMEOUT; a GatewayError reason is returned as is.
 */
export function transportErrorFrom(
  err: unknown,
  signal?: AbortSignal,
  /** 'body': the head had arrived, so a broken socket means a cut-short answer. */
  phase: 'request' | 'body' = 'request',
): GatewayError {
  if (err instanceof GatewayError) {
    return err;
  }
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    if (reason instanceof GatewayError) {
      return reason;
    }
    if (isTimeoutReason(reason)) {
      return withCause(new GatewayError('UPSTREAM_TIMEOUT', MESSAGES.UPSTREAM_TIMEOUT), err);
    }
    return withCause(new GatewayError('UPSTREAM_ERROR', UPSTREAM_MESSAGES.cancelled), err);
  }
  const code = (err as { code?: unknown } | null)?.code;
  if ((typeof code === 'string' && TIMEOUT_CODES.has(code)) || isTimeoutReason(err)) {
    return withCause(new GatewayError('UPSTREAM_TIMEOUT', MESSAGES.UPSTREAM_TIMEOUT), err);
  }
  if (
    phase === 'body' ||
    err instanceof SyntaxError ||
    code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH'
  ) {
    return withCause(new GatewayError('UPSTREAM_ERROR', UPSTREAM_MESSAGES.unreadable), err);
  }
  return withCause(new GatewayError('UPSTREAM_ERROR', UPSTREAM_MESSAGES.unreachable), err);
}
