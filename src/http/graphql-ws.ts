import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  GraphQLError,
  type GraphQLFormattedError,
  parse,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { GraphQLParams } from 'graphql-yoga';
import { type WebSocket, WebSocketServer } from 'ws';
import type { ContextRequest } from '../context-factory.js';
import { schema } from '../schema/index.js';
import type { App } from './app.js';

export interface WebSocketTransportOptions {
  /** The GraphQL endpoint, `/graphql`. */
  endpoint: string;
  /** MAX_REQUEST_BYTES: a larger message closes the socket. */
  maxPayloadBytes: number;
  /** Browser origins besides the gateway's own that may connect (CORS_ORIGINS). */
  allowedOrigins: readonly string[];
  /** Server log for failures that are not the client's (masked for the client). */
  log: { error(details: Record<string, unknown>, message: string): void };
}

export interface WebSocketTransport {
  /** The node:http server's `upgrade` listener. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Stopping: every socket is told to go away (1001); resolves once all have closed. */
  close(): Promise<void>;
  /** Past the grace period: every socket is cut. */
  terminate(): void;
}

/** What Yoga's pipeline answered: one result, or a subscription's stream. */
interface Ran {
  result: unknown;
}
/** Tell graphql-ws whether to iterate a stream or send one result (nothing else reads them). */
const STREAMED = parse('subscription { __typename }');
const SINGLE = parse('{ __typename }');

/** A browser page of another origin must not use the server's fallback token (as with CORS). */
function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined || allowed.includes(origin)) {
    return true;
  }
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Per socket: its `connection_init` payload as the request headers of its operations. */
const requests = new WeakMap<WebSocket, ContextRequest>();
function requestOf(
  socket: WebSocket,
  payload: Record<string, unknown> | undefined,
): ContextRequest {
  let request = requests.get(socket);
  if (request === undefined) {
    const headers = new Map<string, string>();
    // top-level keys (`{ Authorization }`, graphql-ws's own examples) win over a nested
    // `headers` object (`{ headers: { Authorization } }`, as several clients send them)
    for (const source of [payload?.headers, payload]) {
      if (typeof source !== 'object' || source === null || Array.isArray(source)) {
        continue;
      }
      for (const [name, value] of Object.entries(source)) {
        if (typeof value === 'string') {
          headers.set(name.toLowerCase(), value);
        }
      }
    }
    const closed = new AbortController();
    socket.once('close', () => closed.abort());
    request = {
      headers: { get: (name) => headers.get(name.toLowerCase()) ?? null },
      signal: closed.signal,
    };
    requests.set(socket, request);
  }
  return request;
}

/**
 * Refused before execution (parse, validation, limits, persisted operations): no data and no
 * error at a field. graphql-ws sends those as its `error` message; an execution's errors (a
 * subscription refused at its field) are a result, as over SSE.
 */
const refusedBeforeExecution = (result: ExecutionResult) =>
  !('data' in result) &&
  (result.errors?.length ?? 0) > 0 &&
  result.errors?.every((e) => e.path === undefined) === true;

/** As Yoga serialises errors over HTTP: its `http` extension (status hints) is not the client's. */
function publicError(error: GraphQLError): GraphQLFormattedError {
  const formatted = error.toJSON();
  const { http: _http, ...extensions } = formatted.extensions ?? {};
  return Object.keys(extensions).length > 0
    ? { ...formatted, extensions }
    : { ...formatted, extensions: undefined };
}

function publicResult(result: ExecutionResult): FormattedExecutionResult | undefined {
  return result.errors ? { ...result, errors: result.errors.map(publicError) } : undefined;
}

/**
 * GraphQL over WebSocket (graphql-ws, `graphql-transport-ws`) on the GraphQL endpoint. Like
 * Yoga's documented integration every operation runs through the app's own plugins, and more:
 * through Yoga's `getResultForParams`, as the fast path does, so the params hooks (persisted
 * operations) hold too, then parse and validation limits, context, budgets, masking and
 * subscriptions. The operation's credential is the `Authorization` of the `connection_init`
 * payload, with the same fallback as HTTP.
 */
export function createWebSocketTransport(
  app: App,
  options: WebSocketTransportOptions,
): WebSocketTransport {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes });
  const server = useServer(
    {
      // the operation already ran in onSubscribe: these hand its result over
      execute: (args) => (args.rootValue as Ran).result as ExecutionResult,
      subscribe: (args) =>
        (args.rootValue as Ran).result as AsyncGenerator<ExecutionResult> | ExecutionResult,
      onError: (_ctx, _id, _params, errors) => errors.map(publicError),
      onNext: (_ctx, _id, _params, _args, result) => publicResult(result),
      onSubscribe: async (ctx, _id, params) => {
        try {
          const request = requestOf(ctx.extra.socket, ctx.connectionParams);
          const result = (await app.getResultForParams(
            { params: params as GraphQLParams, request: request as unknown as Request },
            { req: ctx.extra.request, socket: ctx.extra.socket, request },
          )) as ExecutionResult | AsyncIterable<ExecutionResult>;
          const streamed = Symbol.asyncIterator in result;
          if (!streamed && refusedBeforeExecution(result)) {
            return [...(result.errors ?? [])];
          }
          const ran: Ran = { result };
          return {
            schema,
            document: streamed ? STREAMED : SINGLE,
            rootValue: ran,
          } satisfies ExecutionArgs;
        } catch (error) {
          // an onParams hook refused the request (a GraphQLError); anything else is masked
          if (error instanceof GraphQLError) {
            return [error];
          }
          options.log.error({ err: error }, 'graphql-ws operation failed');
          return [
            new GraphQLError('Unexpected error.', {
              extensions: { code: 'INTERNAL_SERVER_ERROR' },
            }),
          ];
        }
      },
    },
    wss,
  );
  return {
    handleUpgrade(req, socket, head) {
      const path = (req.url ?? '').split('?')[0];
      if (path !== options.endpoint) {
        refuse(socket, '404 Not Found');
      } else if (!originAllowed(req, options.allowedOrigins)) {
        refuse(socket, '403 Forbidden');
      } else {
        wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
      }
    },
    async close() {
      await server.dispose();
    },
    terminate() {
      for (const client of wss.clients) {
        client.terminate();
      }
    },
  };
}
