import { setFlagsFromString } from 'node:v8';
import { loadConfig } from './config.js';
import { createGatewayServer } from './http/server.js';
import { createLogger, prettyStream } from './logger.js';
import type { Sandbox } from './sandbox/index.js';
import { tracingRequested } from './tracing/requested.js';
import { createDispatcher } from './upstream/dispatcher.js';

/**
 * While full GCs are cheap, V8 lets the old generation grow to about 4× what survived the last
 * one: under load, 250–300 MiB of RSS for ~35 MiB live. Growing by half keeps the gateway under
 * ~170 MiB for a little more GC work (bench/README.md). It is a growth rate, not a limit: no
 * operation can fail for it. The flag given on the command line, if any, wins.
 */
function moderateHeapGrowth(): void {
  if (!process.execArgv.some((arg) => arg.startsWith('--heap-growing-percent'))) {
    setFlagsFromString('--heap-growing-percent=50');
  }
}

/** The process edge: config → (embedded sandbox) → app → listen → graceful shutdown. */
async function main(): Promise<void> {
  moderateHeapGrowth();
  const config = loadConfig(process.env);
  const format = config.logFormat ?? (process.stdout.isTTY ? 'pretty' : 'json');
  const log = createLogger(config.logLevel, format === 'pretty' ? await prettyStream() : undefined);
  let sandbox: Sandbox | undefined;
  if (!config.upstream.url) {
    // No upstream configured: run against the embedded Membrane sandbox on a free loopback port.
    // Loaded only then: a gateway in front of a real upstream carries no seed code.
    const [{ sandboxOptionsFromEnv }, { startSandbox }] = await Promise.all([
      import('./sandbox/env-options.js'),
      import('./sandbox/index.js'),
    ]);
    const options = sandboxOptionsFromEnv(process.env);
    sandbox = await startSandbox({ ...options, port: process.env.SANDBOX_PORT ? options.port : 0 });
  }
  // OpenTelemetry loads only when an OTLP endpoint is configured: otherwise no tracing code runs
  const tracing = tracingRequested(process.env)
    ? (await import('./tracing/start-tracing.js')).startTracing(process.env, log)
    : undefined;
  const upstreamUrl = sandbox?.url ?? config.upstream.url ?? '';
  const fallbackToken = config.upstream.token ?? sandbox?.tokens.admin;
  const dispatcher = createDispatcher({ connections: config.upstream.connections });
  // only with REDIS_URL: without it no Redis code loads and nothing is shared
  const redis = config.redis.url
    ? (await import('./redis/shared-redis.js')).connectSharedRedis({
        url: config.redis.url,
        keyPrefix: config.redis.keyPrefix,
        logger: log,
      })
    : undefined;
  const gateway = createGatewayServer({
    config,
    upstreamUrl,
    fallbackToken,
    dispatcher,
    log,
    tracing,
    redis,
  });
  const { server } = gateway;
  await new Promise<void>((resolve) => server.listen(config.http.port, config.http.host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  const shownHost = config.http.host === '0.0.0.0' ? 'localhost' : config.http.host;
  const graphiql = `http://${shownHost}:${port}/graphql`;
  log.info({ graphiql }, 'gateway ready: open GraphiQL');
  if (sandbox && format === 'pretty') {
    // for a person at a terminal: each value on its own line, ready to copy (and no token in
    // any log line)
    process.stdout.write(
      [
        '',
        `  GraphiQL      ${graphiql}`,
        `  Sandbox       ${sandbox.url}  (embedded Membrane sandbox; requests without Authorization use the admin token)`,
        `  Admin token   ${sandbox.tokens.admin}`,
        `  Tenant token  ${sandbox.tokens.tenant}  (tenant scoping)`,
        '',
        '',
      ].join('\n'),
    );
  } else if (sandbox) {
    // JSON logs are read by programs: the one line that carries the sandbox's tokens
    log.info(
      {
        sandbox: sandbox.url,
        adminToken: sandbox.tokens.admin,
        tenantToken: sandbox.tokens.tenant,
      },
      'embedded Membrane sandbox (requests without Authorization use the admin token; send the tenant token to see tenant scoping)',
    );
  } else {
    log.info(
      { upstream: upstreamUrl, fallbackToken: Boolean(fallbackToken) },
      'upstream configured',
    );
  }
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting at once');
      process.exit(1);
    }
    stopping = true;
    const graceMs = config.http.shutdownGraceMs;
    log.info(
      { signal, graceMs },
      'draining: operations in flight finish, new connections are refused',
    );
    const drained = await gateway.drain(graceMs);
    if (!drained) {
      log.warn({ graceMs }, 'grace period over: the remaining connections were closed');
    }
    await Promise.allSettled([
      drained ? dispatcher.close() : dispatcher.destroy(),
      sandbox?.close(),
      // after the drain: the live hub has released its leases
      redis?.close(),
      // the spans of the operations just drained are exported before the exit
      tracing?.shutdown(),
    ]);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
