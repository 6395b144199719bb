import type { Dispatcher } from 'undici';
import { GatewayError } from '../errors.js';
import {
  parseRetryAfter,
  transportErrorFrom,
  UPSTREAM_MESSAGES,
  upstreamErrorFrom,
} from './error-mapping.js';

/** One HTTP exchange with the upstream, before any retry decision. */
export interface HttpCall {
  dispatcher: Dispatcher;
  origin: string;
  /** Path including the base URL's prefix and the query string. */
  path: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  headers: Record<string, string>;
  /** A JSON request body, already serialised. */
  body?: string;
  /** False: a 2xx answer is success whatever its body (204, an empty 200). @default true */
  readsBody?: boolean;
  signal?: AbortSignal;
}

export type Attempt =
  | {
      ok: true;
      body: unknown;
      status: number;
      /** The answer as it came (for the upstream cache), and its `Cache-Control` header. */
      text?: string;
      cacheControl?: string;
    }
  | {
      ok: false;
      error: GatewayError;
      /** Worth another try for an idempotent call (429/502/503/504, socket reset). */
      retryable: boolean;
      /** Seconds from `Retry-After`, when the upstream sent it. */
      retryAfter?: number;
    };

const RETRY_STATUSES = new Set([429, 502, 503, 504]);
const RETRY_SOCKET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'UND_ERR_SOCKET']);

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Membrane documents 30 MB as its largest response; anything bigger is not a Membrane answer. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;
/** An error body is only read for its `type` and `key`. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

function parseJson(text: string | undefined): unknown {
  if (text === undefined) {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** What an answer that arrived whole (or was cut at its size limit) means to the client. */
function outcome(
  status: number,
  text: string | undefined,
  retryAfterHeader: string | undefined,
  readsBody: boolean,
  cacheControl?: string,
): Attempt {
  if (status >= 200 && status < 300 && !readsBody) {
    return { ok: true, body: undefined, status };
  }
  if (status >= 200 && status < 300) {
    // The content-type may be missing or odd: the text must be JSON regardless.
    // too large, empty or not JSON: all the same to the client
    const body = parseJson(text);
    return body === undefined
      ? {
          ok: false,
          error: new GatewayError('UPSTREAM_ERROR', UPSTREAM_MESSAGES.unreadable),
          retryable: false,
        }
      : { ok: true, body, status, text, cacheControl };
  }
  if (status < 400) {
    // Redirects are never followed (design §3); the body is of no use.
    return { ok: false, error: upstreamErrorFrom(status, undefined), retryable: false };
  }
  return {
    ok: false,
    error: upstreamErrorFrom(status, parseJson(text), retryAfterHeader),
    retryable: RETRY_STATUSES.has(status),
    retryAfter: parseRetryAfter(retryAfterHeader),
  };
}

/** A call that failed before or while its answer arrived. */
function failure(err: unknown, signal: AbortSignal | undefined, headArrived: boolean): Attempt {
  if (headArrived) {
    // Truncated body, body timeout or abort while reading.
    return { ok: false, error: transportErrorFrom(err, signal, 'body'), retryable: false };
  }
  const code = (err as { code?: unknown } | null)?.code;
  const retryable = !signal?.aborted && typeof code === 'string' && RETRY_SOCKET_CODES.has(code);
  return { ok: false, error: transportErrorFrom(err, signal), retryable };
}

const TOO_LARGE = new Error('The upstream answer passed its size limit.');

/**
 * Sends one request and reads its answer whole, bounded by size. Through undici's dispatch
 * handler rather than `request()`: the body is collected as it arrives, with no stream per call
 * (a third less CPU per upstream call, see bench/README.md). The body is always consumed or
 * the exchange aborted: an unread body would hold the socket.
 */
export function attempt(call: HttpCall): Promise<Attempt> {
  const { signal } = call;
  const readsBody = call.readsBody ?? true;
  if (signal?.aborted) {
    return Promise.resolve(failure(signal.reason, signal, false));
  }
  return new Promise<Attempt>((resolve) => {
    let status = 0;
    let headArrived = false;
    let retryAfterHeader: string | undefined;
    let cacheControl: string | undefined;
    let limit = MAX_BODY_BYTES;
    let size = 0;
    let tooLarge = false;
    const chunks: Buffer[] = [];
    let onAbort: (() => void) | undefined;
    const settle = (result: Attempt): void => {
      if (onAbort) {
        signal?.removeEventListener('abort', onAbort);
      }
      resolve(result);
    };
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(controller) {
        if (signal?.aborted) {
          controller.abort(signal.reason);
        } else if (signal) {
          onAbort = () => controller.abort(signal.reason);
          signal.addEventListener('abort', onAbort, { once: true });
        }
      },
      onResponseStart(_controller, statusCode, headers) {
        status = statusCode;
        headArrived = true;
        if (statusCode >= 400) {
          limit = MAX_ERROR_BODY_BYTES;
          retryAfterHeader = header(headers['retry-after']);
        } else {
          cacheControl = header(headers['cache-control']);
        }
      },
      onResponseData(controller, chunk) {
        if (status >= 300 && status < 400) {
          return;
        }
        size += chunk.length;
        if (size > limit) {
          tooLarge = true;
          controller.abort(TOO_LARGE);
          return;
        }
        chunks.push(chunk);
      },
      onResponseEnd() {
        const text =
          chunks.length === 1
            ? chunks[0]?.toString('utf8')
            : Buffer.concat(chunks).toString('utf8');
        settle(outcome(status, text, retryAfterHeader, readsBody, cacheControl));
      },
      onResponseError(_controller, err) {
        settle(
          tooLarge
            ? outcome(status, undefined, retryAfterHeader, readsBody)
            : failure(err, signal, headArrived),
        );
      },
    };
    try {
      call.dispatcher.dispatch(
        {
          origin: call.origin,
          path: call.path,
          method: call.method,
          headers: call.headers,
          body: call.body,
        },
        handler,
      );
    } catch (err) {
      settle(failure(err, signal, false));
    }
  });
}
