import type { IncomingMessage, ServerResponse } from 'node:http';
import { type GraphQLParams, processRegularResult } from 'graphql-yoga';
import { acceptedMediaType } from './accepted-media-type.js';
import type { App } from './app.js';
import { NodeRequestView } from './node-request-view.js';

/** Bodies above this size (or of unknown size) take Yoga's streaming path. */
const FAST_BODY_BYTES = 64 * 1024;
const PARAM_NAMES: ReadonlySet<string> = new Set([
  'query',
  'documentId',
  'variables',
  'operationName',
  'extensions',
]);

export interface FastPathOptions {
  /** CORS is on: requests with an Origin header need Yoga's CORS handling. */
  cors: boolean;
  /** Where the server is reached, for `request.url` (plugins may read it). */
  origin: string;
  /** MAX_REQUEST_BYTES: a larger body is left to Yoga, which refuses it with 413. */
  maxRequestBytes: number;
}

/** What `processRegularResult` builds: captured as it is instead of a WHATWG Response. */
class PlainResponse {
  constructor(
    readonly body: string | null,
    readonly init: { status?: number; headers?: Record<string, string> },
  ) {}
}
const plainFetchAPI = { Response: PlainResponse } as unknown as Parameters<
  typeof processRegularResult
>[1];

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const okString = (v: unknown) => v === null || v === undefined || typeof v === 'string';

/**
 * GraphQL-over-HTTP params Yoga would take as they are: a query, or a persisted operation's
 * `documentId` or APQ hash (the onParams hooks resolve, or refuse, them exactly as for Yoga's
 * own requests). Anything odd gets Yoga's own answer.
 */
function plainParams(body: unknown): GraphQLParams | undefined {
  if (
    !isPlainObject(body) ||
    !okString(body.query) ||
    !okString(body.documentId) ||
    !(
      typeof body.query === 'string' ||
      typeof body.documentId === 'string' ||
      isPlainObject(body.extensions)
    )
  ) {
    return undefined;
  }
  for (const [name, value] of Object.entries(body)) {
    if (value !== null && value !== undefined && !PARAM_NAMES.has(name)) {
      return undefined;
    }
  }
  const { variables, operationName, extensions } = body;
  const okObject = (v: unknown) => v === null || v === undefined || isPlainObject(v);
  if (!okObject(variables) || !okObject(extensions)) {
    return undefined;
  }
  if (!okString(operationName)) {
    return undefined;
  }
  return body as GraphQLParams;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/**
 * The dominant request (a small JSON POST to /graphql asking for JSON) without Yoga's WHATWG
 * adapter: Node's request is read directly, and the operation runs through Yoga's own
 * `getResultForParams` (every onParams, parse, validate, context, execute and result hook of
 * every plugin) and Yoga's own `processRegularResult` (status, headers, serialisation). Only
 * the request's and the response's representation change. Whatever else arrives, or anything
 * this path does not recognise, is answered by Yoga itself.
 */
export function createFastPath(app: App, options: FastPathOptions) {
  const maxBodyBytes = Math.min(FAST_BODY_BYTES, options.maxRequestBytes);
  /** Replays a request whose body was read here through Yoga, for Yoga's own answer. */
  async function replay(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const headers = new app.fetchAPI.Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) {
        headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
    }
    // the same server context as Yoga's own Node path: what is recorded for the access log
    // (a refusal's line included) is kept with `res`
    const response = await app.fetch(
      `${options.origin}${req.url}`,
      { method: 'POST', headers, body: new Uint8Array(body) },
      { req, res },
    );
    const text = Buffer.from(await response.arrayBuffer());
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      out[name] = value;
    });
    out['content-length'] = String(text.length);
    res.writeHead(response.status, out);
    res.end(text);
  }

  return {
    /** Decided on the request head alone. */
    accepts(req: IncomingMessage): boolean {
      const { headers } = req;
      const type = headers['content-type'];
      const length = Number(headers['content-length']);
      return (
        req.method === 'POST' &&
        req.url === '/graphql' &&
        type !== undefined &&
        (type === 'application/json' || type.startsWith('application/json;')) &&
        length > 0 &&
        length <= maxBodyBytes &&
        headers['transfer-encoding'] === undefined &&
        !(options.cors && headers.origin !== undefined) &&
        acceptedMediaType(headers.accept) !== undefined
      );
    },

    async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const body = await readBody(req);
      let params: GraphQLParams | undefined;
      try {
        params = plainParams(JSON.parse(body.toString('utf8')));
      } catch {
        params = undefined;
      }
      if (params === undefined) {
        return replay(req, res, body);
      }
      const request = new NodeRequestView(req, res, options.origin);
      let result: Parameters<typeof processRegularResult>[0];
      try {
        result = (await app.getResultForParams(
          { params, request: request as unknown as Request },
          { req, res, request },
        )) as typeof result;
      } catch {
        // Only onParams hooks throw here (execution errors are results): nothing has run yet,
        // so Yoga's own error answer is the right one.
        return replay(req, res, body);
      }
      if (Symbol.asyncIterator in result) {
        // a subscription asked for as plain JSON: its stream is ended unread, and Yoga gives
        // its own answer (406)
        await (result as AsyncIterableIterator<unknown>).return?.();
        return replay(req, res, body);
      }
      const mediaType = acceptedMediaType(req.headers.accept) ?? 'application/json';
      const response = processRegularResult(
        result,
        plainFetchAPI,
        mediaType,
      ) as unknown as PlainResponse;
      const text = response.body ?? '';
      res.writeHead(response.init.status ?? 200, {
        ...response.init.headers,
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
    },
  };
}

export type FastPath = ReturnType<typeof createFastPath>;
