import { type Client, createClient } from './client.js';
import type { SoakConfig } from './config.js';
import { type GatewayProcess, startGatewayProcess } from './gateway-process.js';
import { type HeapProbe, openHeapProbe } from './heap.js';
import { Observer } from './observer.js';
import { type SoakSandbox, startSoakSandbox } from './sandbox-control.js';

/** Beyond the deadline, an answer that has not come is a hung response. */
const GIVE_UP_MARGIN_MS = 10_000;

/** The processes of one soak and the driver's handles on them. */
export interface Systems {
  sandbox: SoakSandbox;
  gateway: GatewayProcess;
  heap: HeapProbe;
  observer: Observer;
  client: Client;
  /** Upstream connections open before any traffic. */
  baseline: number;
  /** What no answer may contain: the upstream's URL and host, the tokens. */
  secrets: string[];
}

/** The sandbox, then the gateway (built already) pointed at it, and the driver's probes. */
export async function startSystems(config: SoakConfig): Promise<Systems> {
  const sandbox = await startSoakSandbox({
    SANDBOX_SEED: String(config.seed),
    // runs step by the clock only every 10 minutes: a lane's run is still running when the
    // lane stops it
    SANDBOX_FLOW_RUN_STEP_MS: '600000',
  });
  const { url, adminToken, tenantToken } = sandbox.ready;
  const gateway = await startGatewayProcess({
    MEMBRANE_API_URL: url,
    MEMBRANE_API_TOKEN: adminToken,
    LOG_LEVEL: 'warn',
    REQUEST_TIMEOUT_MS: String(config.requestTimeoutMs),
  });
  const baseline = (await sandbox.connections()).open;
  const heap = await openHeapProbe(gateway.inspectorUrl);
  return {
    sandbox,
    gateway,
    heap,
    observer: new Observer(sandbox, heap, gateway.child.pid),
    client: createClient({
      url: gateway.url,
      tokens: { admin: adminToken, tenant: tenantToken },
      connections: config.concurrency,
      giveUpMs: config.requestTimeoutMs + GIVE_UP_MARGIN_MS,
    }),
    baseline,
    secrets: [url, new URL(url).host, adminToken, tenantToken],
  };
}
