import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config.js';
import type { FastPath } from '../../src/http/fast-path.js';
import { createGatewayServer } from '../../src/http/server.js';
import { createLogger } from '../../src/logger.js';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../src/sandbox/index.js';
import type { RecordedRequest } from '../../src/sandbox/types.js';
import type { Tracing } from '../../src/tracing/tracing.js';
import { createDispatcher } from '../../src/upstream/dispatcher.js';

export interface GraphQLResponse<D = Record<string, unknown>> {
  status: number;
  data?: D | null;
  errors?: {
    message: string;
    path?: (string | number)[];
    extensions?: Record<string, unknown>;
  }[];
}

export interface ExecuteOptions {
  /** A bearer token; `null` sends no Authorization header. Default: no header (fallback applies). */
  token?: string | null;
  headers?: Record<string, string>;
}

export interface TestGateway {
  url: string;
  sandbox: Sandbox;
  /** The server's fast path (to spy on which requests took it). */
  fastPath: FastPath;
  execute<D = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: ExecuteOptions,
  ): Promise<GraphQLResponse<D>>;
  /** Upstream calls the sandbox saw since the last `resetCalls()` (as `METHOD /path?query`). */
  calls(): string[];
  /** The raw records, for header assertions. */
  records(): RecordedRequest[];
  resetCalls(): void;
  close(): Promise<void>;
}

export interface TestGatewayOptions {
  sandbox?: SandboxOptions;
  /** Extra gateway env (e.g. EXPOSE_SECRETS). Retries are off unless set here. */
  env?: Record<string, string>;
  /** Token used when a request has no Authorization header: 'admin' (default) or none. */
  fallback?: 'admin' | 'none';
  /** OpenTelemetry tracing (`startTracing`); off when absent, as without an OTLP endpoint. */
  tracing?: Tracing;
}

const describeCall = (r: RecordedRequest) => {
  const query = new URLSearchParams(Object.entries(r.query).sort(([a], [b]) => a.localeCompare(b)));
  const text = query.toString();
  return `${r.method} ${r.path}${text ? `?${text}` : ''}`;
};

/** The real gateway on a loopback port, in front of a real sandbox on another one. */
export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const sandbox = await startSandbox(options.sandbox);
  const config = loadConfig({
    MEMBRANE_API_URL: sandbox.url,
    UPSTREAM_RETRIES: '0',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const dispatcher = createDispatcher({ connections: 16, keepAliveTimeoutMs: 500 });
  const { server, fastPath } = createGatewayServer({
    config,
    upstreamUrl: sandbox.url,
    fallbackToken: options.fallback === 'none' ? undefined : sandbox.tokens.admin,
    dispatcher,
    log: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    tracing: options.tracing,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return {
    url,
    sandbox,
    fastPath,
    async execute(query, variables, { token, headers } = {}) {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    },
    calls: () => sandbox.requests.map(describeCall),
    records: () => [...sandbox.requests],
    resetCalls: () => sandbox.clearRequests(),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dispatcher.close();
      await sandbox.close();
    },
  };
}
