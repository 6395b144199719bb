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
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  signal?: AbortSignal;
}

export type Attempt =
  | { ok: true; body: unknown }
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

/** The body as text, or undefined (and the socket closed) once it passes `limit` bytes. */
async function readText(body: Dispatcher.ResponseData['body'], limit: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      body.destroy();
      return undefined;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

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

/** Sends one request and always consumes its body (an unread body holds the socket). */
export async function attempt(call: HttpCall): Promise<Attempt> {
  let res: Dispatcher.ResponseData;
  try {
    res = await call.dispatcher.request({
      origin: call.origin,
      path: call.path,
      method: call.method,
      headers: call.headers,
      signal: call.signal,
    });
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    const retryable =
      !call.signal?.aborted && typeof code === 'string' && RETRY_SOCKET_CODES.has(code);
    return { ok: false, error: transportErrorFrom(err, call.signal), retryable };
  }
  const { statusCode } = res;
  try {
    if (statusCode >= 200 && statusCode < 300) {
      // The content-type may be missing or odd: the text must be JSON regardless.
      // too large, empty or not JSON: all the same to the client
      const body = parseJson(await readText(res.body, MAX_BODY_BYTES));
      return body === undefined
        ? {
            ok: false,
            error: new GatewayError('UPSTREAM_ERROR', UPSTREAM_MESSAGES.unreadable),
            retryable: false,
          }
        : { ok: true, body };
    }
    if (statusCode < 400) {
      // Redirects are never followed (design §3); the body is of no use.
      await res.body.dump();
      return { ok: false, error: upstreamErrorFrom(statusCode, undefined), retryable: false };
    }
    const body = parseJson(await readText(res.body, MAX_ERROR_BODY_BYTES));
    const retryAfterHeader = header(res.headers['retry-after']);
    return {
      ok: false,
      error: upstreamErrorFrom(statusCode, body, retryAfterHeader),
      retryable: RETRY_STATUSES.has(statusCode),
      retryAfter: parseRetryAfter(retryAfterHeader),
    };
  } catch (err) {
    // Truncated body, body timeout or abort while reading.
    return { ok: false, error: transportErrorFrom(err, call.signal, 'body'), retryable: false };
  }
}
