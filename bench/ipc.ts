/** Messages between the driver and the sandbox child (over the Node IPC channel). */

/** argv[2] of the sandbox child, as JSON. */
export interface SandboxChildOptions {
  latencyMs: number;
  scale: number;
}

export interface SandboxReady {
  type: 'ready';
  url: string;
  adminToken: string;
  /** A connection-level flow with an integration, a connection and a user. */
  instanceFlowId: string;
}

export interface SandboxCount {
  type: 'count';
  total: number;
  /** Calls per `METHOD /first-segment`, e.g. `GET /integrations`. */
  byResource: Record<string, number>;
  /** Calls that answered, but not 2xx. */
  failed: number;
  /** Calls not answered yet. */
  inFlight: number;
}

export type SandboxRequest = { type: 'clear' } | { type: 'count' };
export type SandboxReply = SandboxReady | SandboxCount | { type: 'cleared' };

/** The baseline child reports its port once it listens. */
export interface BaselineReady {
  type: 'ready';
  port: number;
}

/** Environment the baseline child reads. */
export const BASELINE_ENV = {
  upstream: 'BASELINE_UPSTREAM_URL',
  token: 'BASELINE_UPSTREAM_TOKEN',
} as const;
