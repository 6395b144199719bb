import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { createLiveHub, type LiveHub } from '../live/live-hub.js';
import { takeOperation } from './access-log.js';
import { type AppDeps, createApp } from './app.js';
import { createFastPath, type FastPath } from './fast-path.js';
import type { WebSocketTransport } from './graphql-ws.js';
import { isLiveResponse } from './live-responses.js';
import { createMetrics } from './metrics.js';

export interface GatewayServer {
  server: Server;
  /** The Yoga instance behind it (for `app.fetch` in tests). */
  app: ReturnType<typeof createApp>;
  fastPath: FastPath;
  /** The process's live subscriptions and their pollers. */
  live: LiveHub;
  /**
   * Graceful stop: `/readyz` answers 503, new connections are refused, answers in flight are
   * written (with `Connection: close`). Subscriptions are cut at once (SSE streams dropped,
   * WebSockets closed with 1001 "going away"), so their clients reconnect and subscribe again
   * elsewhere. Resolves true once nothing is left, false when `graceMs` ran out first; every
   * connection is closed either way.
   */
  drain(graceMs: number): Promise<boolean>;
}

const tooLarge = (message: string) =>
  JSON.stringify({ errors: [{ message, extensions: { code: 'OPERATION_LIMIT' } }] });

/**
 * The gateway's HTTP server: small JSON POSTs take the fast path, everything else (GET,
 * GraphiQL, SSE subscriptions, health, metrics, CORS, odd bodies) Yoga's Node adapter, and
 * WebSocket upgrades on /graphql graphql-ws. Every response is timed once, here.
 */
export function createGatewayServer(deps: AppDeps): GatewayServer {
  const metrics = createMetrics();
  let draining = false;
  const inFlight = new Set<ServerResponse>();
  let onIdle: (() => void) | undefined;
  const live = deps.live ?? createLiveHub(deps.config, deps.log, deps.redis);
  metrics.observeLive(() => live.size);
  const app = createApp({ ...deps, live, isDraining: () => draining }, metrics);
  // graphql-ws and ws are loaded at the first upgrade: a gateway nobody subscribes to over
  // WebSocket starts and idles without them
  let webSockets: Promise<WebSocketTransport> | undefined;
  const loadWebSockets = () => {
    webSockets ??= import('./graphql-ws.js').then(({ createWebSocketTransport }) =>
      createWebSocketTransport(app, {
        endpoint: '/graphql',
        maxPayloadBytes: deps.config.limits.maxRequestBytes,
        allowedOrigins: deps.config.http.corsOrigins,
        log: deps.log,
      }),
    );
    return webSockets;
  };
  const unavailable = (socket: Duplex) =>
    socket.end(
      'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
    );
  const fastPath = createFastPath(app, {
    cors: deps.config.http.corsOrigins.length > 0,
    origin: `http://${deps.config.http.host}:${deps.config.http.port}`,
    maxRequestBytes: deps.config.limits.maxRequestBytes,
  });
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const started = process.hrtime.bigint();
    inFlight.add(res);
    // one listener per request: timing, the access log and the drain's count of answers in flight
    res.once('close', () => {
      const operation = takeOperation(res);
      if (res.writableFinished) {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        metrics.observeRequest(req.method ?? 'GET', res.statusCode, seconds);
        if (operation && deps.log.isLevelEnabled('info')) {
          // the access log: one line per operation, never a header or a variable
          deps.log.info(
            { ...operation, status: res.statusCode, ms: Math.round(seconds * 10_000) / 10 },
            'operation',
          );
        }
      }
      inFlight.delete(res);
      if (inFlight.size === 0) {
        onIdle?.();
      }
    });
    if (draining) {
      res.setHeader('connection', 'close');
    }
    if ((req.url?.length ?? 0) > deps.config.limits.maxRequestBytes) {
      // a GET's query string counts like a POST's body (design §10)
      const body = tooLarge(
        `The request URL is longer than ${deps.config.limits.maxRequestBytes} bytes (MAX_REQUEST_BYTES).`,
      );
      res.writeHead(414, { 'content-type': 'application/json; charset=utf-8' }).end(body);
      return;
    }
    if (!fastPath.accepts(req)) {
      void app(req, res);
      return;
    }
    fastPath.handle(req, res).catch((error: unknown) => {
      deps.log.error({ err: error }, 'fast path failed');
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      }
      res.end('{"errors":[{"message":"Unexpected error."}]}');
    });
  };
  // the request line may be as long as MAX_REQUEST_BYTES allows (then 414 above), headers 16 KiB
  const server = createServer(
    { maxHeaderSize: deps.config.limits.maxRequestBytes + 16 * 1024 },
    handle,
  );
  server.on('upgrade', (req, socket, head) => {
    if (draining) {
      unavailable(socket);
      return;
    }
    loadWebSockets().then(
      (transport) => (draining ? unavailable(socket) : transport.handleUpgrade(req, socket, head)),
      (error: unknown) => {
        deps.log.error({ err: error }, 'WebSocket transport failed to load');
        unavailable(socket);
      },
    );
  });
  const drain = (graceMs: number): Promise<boolean> => {
    draining = true;
    server.close();
    server.closeIdleConnections();
    // answers still to be written tell their clients not to reuse the connection
    for (const res of inFlight) {
      if (!res.headersSent) {
        res.setHeader('connection', 'close');
      }
    }
    // Subscriptions never end by themselves. Their connections are cut, not completed: a
    // graphql-ws client reconnects on 1001 and an SSE client on a dropped stream, and both
    // subscribe again (on another replica); a `complete` would end their subscription for good.
    for (const res of inFlight) {
      if (isLiveResponse(res)) {
        res.destroy();
      }
    }
    const socketsClosed = webSockets?.then((transport) => transport.close());
    live.close();
    const answered = new Promise<void>((resolve) => {
      onIdle = resolve;
      if (inFlight.size === 0) {
        resolve();
      }
    });
    return new Promise<boolean>((resolve) => {
      let finished = false;
      const done = (drained: boolean) => {
        if (finished) {
          return;
        }
        finished = true;
        clearTimeout(timer);
        onIdle = undefined;
        server.closeAllConnections();
        void webSockets?.then((transport) => transport.terminate());
        resolve(drained);
      };
      const timer = setTimeout(() => done(false), graceMs);
      Promise.all([answered, socketsClosed]).then(
        () => done(true),
        () => done(false),
      );
    });
  };
  return { server, app, fastPath, live, drain };
}
