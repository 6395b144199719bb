import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmbedMode } from './embeds.js';
import { FaultRegistry, type FaultRule } from './faults.js';
import { FlowRunEngine } from './flow-runs.js';
import { Refresher } from './refresh.js';
import { actionRunLogRoutes } from './routes/action-run-logs.js';
import { actionRoutes } from './routes/actions.js';
import { connectionRoutes } from './routes/connections.js';
import { customerRoutes } from './routes/customers.js';
import { flowRunRoutes } from './routes/flow-runs.js';
import { flowRoutes } from './routes/flows.js';
import { integrationRoutes } from './routes/integrations.js';
import { createHandler } from './server.js';
import { Store } from './store.js';
import { mintTokens } from './tokens.js';
import type { RecordedRequest, SandboxData } from './types.js';

export type { FaultRule } from './faults.js';

/** How to start a sandbox. Every field is optional. */
export interface SandboxOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 0 (a free port) */
  port?: number;
  /** Seed of the generated data and of the fault PRNG. @default 1 */
  seed?: number;
  /** Size multiplier of the generated data. @default 1 */
  scale?: number;
  /** 'refresh': only refresh responses carry embeds; 'all': every flow/connection read does. @default 'refresh' */
  embeds?: EmbedMode;
  /** HS256 secret tokens are signed with (a local demo secret). @default 'sandbox-workspace-secret' */
  workspaceSecret?: string;
  /** Added to every response. @default 0 */
  latencyMs?: number;
  /** Faults active from the start. */
  faults?: FaultRule[];
  /** Serve this data instead of `generateSeed` (tests with special data). */
  data?: SandboxData;
  /** 0: refresh answers with the final state; >0: answers BUILDING, final state after that many ms. @default 0 */
  refreshBuildMs?: number;
  /**
   * Milliseconds per step of a flow run (queued → running node by node → completed | failed).
   * 0: runs move only when `sandbox.flowRuns.step()` is called (tests). @default 300
   */
  flowRunStepMs?: number;
  /** Entries the request log keeps; past it the oldest tenth is dropped (a long-running sandbox must not grow). @default 100000 */
  requestLogLimit?: number;
}

export interface Sandbox {
  /** 'http://127.0.0.1:PORT', no trailing slash. */
  url: string;
  /** The live store: changes made by PATCH/refresh are visible here. */
  data: SandboxData;
  tokens: { admin: string; tenant: string; forTenant(tenantKey: string): string };
  /** Every request received, in order. */
  requests: RecordedRequest[];
  clearRequests(): void;
  faults: { add(rule: FaultRule): () => void; clear(): void };
  /** TCP connections from clients: open now, and accepted since the start (a client's pool shows here). */
  connections(): { open: number; accepted: number };
  /** The flow-run clock: `step(n)` moves every unfinished run n steps on; `pending()` counts them. */
  flowRuns: { step(count?: number): void; pending(): number };
  /** Closes the server and all its sockets promptly. */
  close(): Promise<void>;
}

export const DEFAULT_WORKSPACE_SECRET = 'sandbox-workspace-secret';

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = options.seed ?? 1;
  // Loaded lazily: tests that bring their own data never pay for generating the seed.
  const data =
    options.data ?? (await import('./seed.js')).generateSeed({ seed, scale: options.scale ?? 1 });
  const secret = options.workspaceSecret ?? DEFAULT_WORKSPACE_SECRET;
  const store = new Store(data);
  const faults = new FaultRegistry(seed, options.faults);
  const refresher = new Refresher(store, options.refreshBuildMs ?? 0);
  const flowRuns = new FlowRunEngine(store, options.flowRunStepMs ?? 300);
  // Mutated in place (clearRequests too), so `sandbox.requests` stays the same array.
  const requests: RecordedRequest[] = [];
  const server = createServer(
    createHandler({
      store,
      secret: new TextEncoder().encode(secret),
      routes: [
        ...flowRoutes,
        ...flowRunRoutes,
        ...actionRoutes,
        ...actionRunLogRoutes,
        ...integrationRoutes,
        ...connectionRoutes,
        ...customerRoutes,
      ],
      embeds: options.embeds ?? 'refresh',
      latencyMs: options.latencyMs ?? 0,
      faults,
      refresher,
      flowRuns,
      requests,
      requestLogLimit: options.requestLogLimit ?? 100_000,
    }),
  );
  const sockets = { open: 0, accepted: 0 };
  server.on('connection', (socket) => {
    sockets.open += 1;
    sockets.accepted += 1;
    socket.once('close', () => {
      sockets.open -= 1;
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    data,
    tokens: mintTokens(data, secret),
    requests,
    clearRequests() {
      requests.length = 0;
    },
    faults: { add: (rule) => faults.add(rule), clear: () => faults.clear() },
    connections: () => ({ ...sockets }),
    flowRuns: { step: (count) => flowRuns.step(count), pending: () => flowRuns.pending() },
    close() {
      refresher.stop();
      flowRuns.close();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
