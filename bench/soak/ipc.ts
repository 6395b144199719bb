import type { SoakFixtures } from './fixtures.js';

/** Messages between the soak driver and its sandbox child (over the Node IPC channel). */

export interface SoakSandboxReady {
  type: 'ready';
  url: string;
  adminToken: string;
  tenantToken: string;
  fixtures: SoakFixtures;
}

/** An upstream request that met a fault, as the sandbox's request log has it. */
export interface FaultedRequest {
  requestId?: string;
  method: string;
  path: string;
  faults: string[];
}

export interface Harvest {
  type: 'harvest';
  /** Requests logged since the last harvest, by the soak phase in their request id. */
  requests: Record<string, number>;
  faulted: FaultedRequest[];
}

export interface SandboxConnections {
  type: 'connections';
  open: number;
  accepted: number;
}

export type SoakSandboxRequest =
  /** `rules`: the soak's fault rules in `SANDBOX_FAULTS` form; none switches them off. */
  | { type: 'faults'; rules: object[] }
  /** The faulted requests logged since the last harvest; the log is emptied. */
  | { type: 'harvest' }
  | { type: 'connections' };

export type SoakSandboxReply =
  | SoakSandboxReady
  | Harvest
  | SandboxConnections
  | { type: 'faults-set'; rules: number };
