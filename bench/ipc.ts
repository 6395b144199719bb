/** Messages between the driver and its children (over the Node IPC channel). */

/** argv[2] of the sandbox child, as JSON. */
export interface SandboxChildOptions {
  scale: number;
}

/** Sandbox ids the scenarios need, taken from the seed (all live, none archived). */
export interface SandboxFixtures {
  /** A connection-level flow with an integration, a connection and a user. */
  instanceFlowId: string;
  flowIds: string[];
  integrationIds: string[];
  connectionIds: string[];
  userIds: string[];
}

export interface SandboxReady {
  type: 'ready';
  url: string;
  adminToken: string;
  fixtures: SandboxFixtures;
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

/** Every logged call as `METHOD /path?sorted=query`, sorted: compares two systems' calls. */
export interface SandboxCalls {
  type: 'calls';
  calls: string[];
}

export type SandboxRequest =
  | { type: 'clear' }
  | { type: 'count' }
  | { type: 'calls' }
  /** Added to every response from now on (replaces the previous value). */
  | { type: 'latency'; ms: number };

export type SandboxReply =
  | SandboxReady
  | SandboxCount
  | SandboxCalls
  | { type: 'cleared' }
  | { type: 'latency-set'; ms: number };

/** A reference child (aggregator, peer) reports its port once it listens. */
export interface ChildListening {
  type: 'listening';
  port: number;
}

/** Environment a reference child reads. */
export const REFERENCE_ENV = {
  upstream: 'BENCH_UPSTREAM_URL',
  /** The aggregator's sockets towards the upstream: the gateway's `UPSTREAM_CONNECTIONS`. */
  connections: 'BENCH_UPSTREAM_CONNECTIONS',
} as const;

/** To the orphan guard: kill this process too if the driver goes away. */
export interface GuardWatch {
  type: 'watch';
  pid: number;
}
