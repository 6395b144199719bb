import { envNumber } from '../config.js';
/** What one `npm run soak` does; every field comes from a `SOAK_*` variable. */
export interface SoakConfig {
  /** Operations of the faulty run, warm-up and checks not counted (`SOAK_OPERATIONS`). @default 10000 */
  operations: number;
  /** Operations in flight at once (`SOAK_CONCURRENCY`). @default 16 */
  concurrency: number;
  /** Share of upstream requests that get a fault, all kinds together (`SOAK_FAULT_RATE`). @default 0.02 */
  faultRate: number;
  /**
   * The gateway's `REQUEST_TIMEOUT_MS` (`SOAK_REQUEST_TIMEOUT_MS`); the hang faults last twice as
   * long, so they end as UPSTREAM_TIMEOUT at this deadline. @default 3000
   */
  requestTimeoutMs: number;
  /** Seed of the sandbox data and of its fault draws (`SOAK_SEED`). @default 1 */
  seed: number;
  /** Every how many operations one of the fault-free control reads is sent (`SOAK_CONTROL_EVERY`). @default 20 */
  controlEvery: number;
  /** Allowed growth of the gateway's heap after GC, end over start, MiB (`SOAK_HEAP_GROWTH_MIB`). @default 8 */
  heapGrowthMib: number;
}

export function loadSoakConfig(env: NodeJS.ProcessEnv): SoakConfig {
  const config: SoakConfig = {
    operations: envNumber(env, 'SOAK_OPERATIONS', 10_000),
    concurrency: envNumber(env, 'SOAK_CONCURRENCY', 16),
    faultRate: envNumber(env, 'SOAK_FAULT_RATE', 0.02, false),
    requestTimeoutMs: envNumber(env, 'SOAK_REQUEST_TIMEOUT_MS', 3_000),
    seed: envNumber(env, 'SOAK_SEED', 1),
    controlEvery: envNumber(env, 'SOAK_CONTROL_EVERY', 20),
    heapGrowthMib: envNumber(env, 'SOAK_HEAP_GROWTH_MIB', 8, false),
  };
  if (config.operations < 100 || config.concurrency < 1 || config.controlEvery < 2) {
    throw new Error('SOAK_OPERATIONS must be ≥ 100, SOAK_CONCURRENCY ≥ 1, SOAK_CONTROL_EVERY ≥ 2');
  }
  if (config.faultRate > 0.5 || config.requestTimeoutMs < 500) {
    throw new Error('SOAK_FAULT_RATE must be ≤ 0.5 and SOAK_REQUEST_TIMEOUT_MS ≥ 500');
  }
  return config;
}
