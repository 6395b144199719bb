import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AppDeps, createApp } from './app.js';
import { createFastPath, type FastPath } from './fast-path.js';
import { createMetrics } from './metrics.js';

export interface GatewayServer {
  server: Server;
  /** The Yoga instance behind it (for `app.fetch` in tests). */
  app: ReturnType<typeof createApp>;
  fastPath: FastPath;
}

/**
 * The gateway's HTTP server: small JSON POSTs take the fast path, everything else (GET,
 * GraphiQL, health, metrics, CORS, odd bodies) Yoga's Node adapter. Every response is timed
 * once, here.
 */
export function createGatewayServer(deps: AppDeps): GatewayServer {
  const metrics = createMetrics();
  const app = createApp(deps, metrics);
  const fastPath = createFastPath(app, {
    cors: deps.config.http.corsOrigins.length > 0,
    origin: `http://${deps.config.http.host}:${deps.config.http.port}`,
    maxRequestBytes: deps.config.limits.maxRequestBytes,
  });
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observeRequest(req.method ?? 'GET', res.statusCode, seconds);
    });
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
  return { server: createServer(handle), app, fastPath };
}
