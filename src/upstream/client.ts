import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { GatewayError } from '../errors.js';
import { createLimiter, type Limiter } from './concurrency.js';
import { dropInvalid } from './drop-invalid.js';
import { UPSTREAM_MESSAGES } from './error-mapping.js';
import { compileParse, MISFIT } from './fast-parse.js';
import { type Attempt, attempt, type HttpCall } from './http-call.js';
import { type RetryPolicy, withRetry } from './retry.js';
import type { CredentialCache } from './upstream-cache.js';

export type { RetryPolicy } from './retry.js';

export type QueryValue = string | number | boolean | undefined;
export type Query = Record<string, QueryValue>;

/** The subset of a pino logger the client writes to (server log only). */
export interface UpstreamLogger {
  warn(details: Record<string, unknown>, message: string): void;
}

/** What cancels an operation's calls. */
export interface CallDeadline {
  /** Aborts at the deadline or when the client goes away; cancels in-flight and queued calls. */
  readonly signal: AbortSignal;
  /** Epoch ms of the deadline: a retry wait that would pass it is not started. */
  readonly at?: number;
}

/** Options of one request's REST client; the dispatcher under it is shared by the process. */
export interface UpstreamClientOptions {
  /** Upstream base URL, e.g. `https://api.getmembrane.com`; may carry a path prefix. */
  baseUrl: string;
  /** The process-wide undici dispatcher (see `createDispatcher`). */
  dispatcher: Dispatcher;
  /** Sent as `membrane-api-version`. */
  apiVersion: string;
  /** Forwarded unchanged. Undefined: every call throws UNAUTHENTICATED without sending. */
  authorization: string | undefined;
  /** Forwarded as `x-request-id`. */
  requestId?: string;
  /** The operation's deadline and cancellation; read at the first call, not before. */
  deadline?: CallDeadline;
  /** Bound on in-flight calls for this request. @default 8 */
  maxConcurrency?: number;
  /** A limiter shared beyond this request (per credential); replaces `maxConcurrency`. */
  limiter?: Limiter;
  /** Retry of GETs on 429/502/503/504; `{ maxRetries: 0 }` disables it. */
  retry?: RetryPolicy;
  /** Called once per call actually sent (not for memoized GETs); may throw a GatewayError to refuse it. */
  onCall?: (call: { method: string; path: string }) => void;
  /** Server-side log for payload mismatches. */
  log?: UpstreamLogger;
  /** Told of each call sent and each GET answered again from the memo (EXPLAIN). */
  trace?: CallTrace;
  /** Told of each HTTP attempt as it is sent and when it ends; may add headers (tracing). */
  attempts?: AttemptObserver;
  /** The upstream GET cache as this credential sees it (UPSTREAM_CACHE_TTL_MS); absent: off. */
  cache?: CredentialCache;
  /** A poller's client: its GETs are never served from the cache, their answers replace it. */
  refreshesCache?: boolean;
  /** Called for each GET the cache answered (nothing sent; the access log counts them). */
  onCached?: () => void;
}

/** What an explained operation records of its calls. */
export interface CallTrace {
  sent(call: {
    method: string;
    path: string;
    status?: number;
    ms: number;
    attempts: number;
    /** Sent because the upstream cache had no fresh answer for it. */
    cacheMiss?: boolean;
  }): void;
  reused(): void;
  /** A GET the upstream cache answered: nothing was sent. */
  cached(call: { method: string; path: string }): void;
}

/** Watches every HTTP attempt of every call: a retried call is several attempts. */
export interface AttemptObserver {
  start(attempt: {
    method: string;
    /** As the API names it (no base-URL prefix, no query string), e.g. `/flows/63b3…`. */
    path: string;
    /** Origin, prefix and path: the attempt's URL without its query string. */
    url: string;
    /** 0 for the first attempt, 1 for the first retry, … */
    resend: number;
  }): AttemptWatch;
}

/** One attempt being sent: the headers it adds, and its outcome when it is known. */
export interface AttemptWatch {
  readonly headers: Readonly<Record<string, string>>;
  /** `status` when an answer came; `error` when the attempt failed (its code, e.g. UPSTREAM_TIMEOUT). */
  end(outcome: { status?: number; error?: GatewayError }): void;
}

export type WriteMethod = 'POST' | 'PATCH' | 'DELETE';

/** A write: never memoized, never retried once sent; `body` is sent as JSON when given. */
export interface WriteRequest {
  method: WriteMethod;
  path: string;
  query: Query;
  body?: unknown;
}

export interface UpstreamClient {
  get<T>(path: string, query: Query, schema: z.ZodType<T>): Promise<T>;
  /** A write whose answer is read with `schema`. The operation's GET answers are forgotten. */
  write<T>(request: WriteRequest, schema: z.ZodType<T>): Promise<T>;
  /** A write whose answer carries nothing to read (204, or the empty 200 of DELETE). */
  writeOnly(request: WriteRequest): Promise<void>;
}

/** Visible ASCII only: anything else is not forwarded as a request id. */
const REQUEST_ID = /^[\x21-\x7e]{1,200}$/;

function queryString(query: Query): string {
  const params = new URLSearchParams();
  // Sorted, so that equal queries give equal memo keys.
  for (const key of Object.keys(query).sort()) {
    const value = query[key];
    if (value !== undefined) {
      params.append(key, typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A cached answer's JSON; undefined for anything unreadable (then the GET is sent). */
function parseEntry(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The payload schemas' compiled parsers (null: not compilable, zod alone decides). */
const fastParsers = new WeakMap<z.ZodType, ((value: unknown) => unknown) | null>();
function fastParserFor(schema: z.ZodType): ((value: unknown) => unknown) | null {
  let parse = fastParsers.get(schema);
  if (parse === undefined) {
    parse = compileParse(schema) ?? null;
    fastParsers.set(schema, parse);
  }
  return parse;
}

/** Origin and path prefix of a base URL, parsed once per process rather than once per request. */
const bases = new Map<string, { origin: string; prefix: string }>();
function parseBase(baseUrl: string): { origin: string; prefix: string } {
  let base = bases.get(baseUrl);
  if (base === undefined) {
    const url = new URL(baseUrl);
    base = { origin: url.origin, prefix: url.pathname.replace(/\/+$/, '') };
    bases.set(baseUrl, base);
  }
  return base;
}

/** Attempts of one call that the observer sees, each with the headers it adds. */
function observed(
  observer: AttemptObserver,
  call: HttpCall,
  about: { method: string; path: string; url: string },
): () => Promise<Attempt> {
  let resend = -1;
  return async () => {
    resend += 1;
    const watch = observer.start({ ...about, resend });
    const result = await attempt({ ...call, headers: { ...call.headers, ...watch.headers } });
    watch.end(
      result.ok
        ? { status: result.status }
        : { status: result.error.upstream?.status, error: result.error },
    );
    return result;
  };
}

export function createUpstreamClient(options: UpstreamClientOptions): UpstreamClient {
  const { origin, prefix } = parseBase(options.baseUrl);
  const limiter = options.limiter ?? createLimiter(options.maxConcurrency ?? 8);
  /** Per GET: the answer, and what each payload schema made of it (validated once per operation). */
  const memo = new Map<
    string,
    { body: Promise<unknown>; read: Map<z.ZodType, Promise<unknown>> }
  >();
  const { authorization } = options;
  const headers: Record<string, string> = {
    accept: 'application/json',
    'membrane-api-version': options.apiVersion,
  };
  if (authorization !== undefined) {
    headers.authorization = authorization;
  }
  if (options.requestId !== undefined && REQUEST_ID.test(options.requestId)) {
    headers['x-request-id'] = options.requestId;
  }

  async function send(
    method: 'GET' | WriteMethod,
    path: string,
    fullPath: string,
    write?: { body?: unknown; readsBody: boolean },
    /** A cached GET: told of the answer's text and Cache-Control. */
    answered?: (text: string | undefined, cacheControl: string | undefined) => void,
  ): Promise<unknown> {
    if (authorization === undefined) {
      throw new GatewayError('UNAUTHENTICATED', 'No credential was given for the Membrane API.');
    }
    options.onCall?.({ method, path });
    // read here, not at creation: the deadline makes its timer on first use
    const signal = options.deadline?.signal;
    const hasBody = write?.body !== undefined;
    const call: HttpCall = {
      dispatcher: options.dispatcher,
      origin,
      path: fullPath,
      method,
      headers: hasBody ? { ...headers, 'content-type': 'application/json' } : headers,
      ...(hasBody && { body: JSON.stringify(write.body) }),
      readsBody: write?.readsBody ?? true,
      signal,
    };
    const policy = method === 'GET' ? (options.retry ?? {}) : { maxRetries: 0 };
    const observer = options.attempts;
    const sendOnce = observer
      ? observed(observer, call, { method, path, url: `${origin}${prefix}${path}` })
      : () => attempt(call);
    const trace = options.trace;
    let attempts = 0;
    let status: number | undefined;
    const once =
      trace || answered
        ? async () => {
            attempts += 1;
            const result = await sendOnce();
            status = result.ok ? result.status : result.error.upstream?.status;
            if (result.ok) {
              answered?.(result.text, result.cacheControl);
            }
            return result;
          }
        : sendOnce;
    const started = trace ? performance.now() : 0;
    const report = () => {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      trace?.sent({
        method,
        path,
        ...(status !== undefined && { status }),
        ms,
        attempts,
        ...(answered && { cacheMiss: true }),
      });
    };
    const sent = limiter.run(() => withRetry(once, policy, signal, options.deadline?.at), signal);
    if (trace) {
      sent.then(report, report);
    }
    return sent.catch((err: unknown) => {
      // Aborted while queued: the limiter rejects with the signal's reason.
      throw err instanceof GatewayError ? err : abortError(err);
    });
  }

  function abortError(reason: unknown): GatewayError {
    const timedOut = reason instanceof Error && reason.name === 'TimeoutError';
    return timedOut
      ? new GatewayError('UPSTREAM_TIMEOUT', 'The Membrane API did not answer in time.')
      : new GatewayError('UPSTREAM_ERROR', UPSTREAM_MESSAGES.cancelled);
  }

  function validate<T>(body: unknown, schema: z.ZodType<T>, method: string, path: string): T {
    const fast = fastParserFor(schema)?.(body);
    if (fast !== undefined && fast !== MISFIT) {
      return fast as T;
    }
    const parsed = schema.safeParse(body);
    if (parsed.success) {
      return parsed.data;
    }
    // Fields that do not fit are dropped, so one odd field costs only itself; validation stays on
    // zod's fast path for every payload that fits.
    const repaired = schema.safeParse(dropInvalid(body, parsed.error.issues));
    options.log?.warn(
      {
        method,
        path,
        issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code })),
        dropped: repaired.success,
      },
      repaired.success ? 'upstream payload fields dropped' : 'unexpected upstream payload',
    );
    if (repaired.success) {
      return repaired.data;
    }
    throw new GatewayError('UPSTREAM_ERROR', UPSTREAM_MESSAGES.payload);
  }

  return {
    get<T>(path: string, query: Query, schema: z.ZodType<T>): Promise<T> {
      const fullPath = `${prefix}${path}${queryString(query)}`;
      // One operation never sends the same GET twice, and a failed one stays failed (§6.1).
      let entry = memo.get(fullPath);
      if (entry === undefined) {
        const cached =
          options.cache && authorization !== undefined ? cachedGet(path, fullPath) : undefined;
        entry = { body: cached ?? send('GET', path, fullPath), read: new Map() };
        memo.set(fullPath, entry);
      } else {
        options.trace?.reused();
      }
      let read = entry.read.get(schema) as Promise<T> | undefined;
      if (read === undefined) {
        read = entry.body.then((body) => validate(body, schema, 'GET', path));
        entry.read.set(schema, read);
      }
      return read;
    },
    async write(request, schema) {
      const body = await sendWrite(request, true);
      return validate(body, schema, request.method, request.path);
    },
    async writeOnly(request) {
      await sendWrite(request, false);
    },
  };

  /** A GET through the upstream cache; undefined when its resource is not cached. */
  function cachedGet(path: string, fullPath: string): Promise<unknown> | undefined {
    const lookup = options.cache?.lookup(path, fullPath, options.refreshesCache);
    return lookup?.then(async (found) => {
      const hit = found.hit === undefined ? undefined : parseEntry(found.hit);
      if (hit !== undefined) {
        options.onCached?.();
        options.trace?.cached({ method: 'GET', path });
        return hit;
      }
      let answer: { text: string; cacheControl: string | undefined } | undefined;
      const body = await send('GET', path, fullPath, undefined, (text, cacheControl) => {
        answer = text === undefined ? undefined : { text, cacheControl };
      });
      // stored before the operation goes on: the next read, on any replica, finds it
      if (answer !== undefined) {
        await found.fill(answer.text, answer.cacheControl);
      }
      return body;
    });
  }

  async function sendWrite(request: WriteRequest, readsBody: boolean): Promise<unknown> {
    const { method, path, query, body } = request;
    const fullPath = `${prefix}${path}${queryString(query)}`;
    try {
      return await send(method, path, fullPath, { body, readsBody });
    } finally {
      // What the operation read before may have changed, even when the write failed midway;
      // and what every replica cached of it, before the write's answer is sent.
      memo.clear();
      await options.cache?.invalidate(path);
    }
  }
}
