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

function number(env: NodeJS.ProcessEnv, name: string, fallback: number, integer = true): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new Error(
      `${name} must be a ${integer ? 'non-negative integer' : 'number ≥ 0'}, got '${raw}'`,
    );
  }
  return value;
}

export function loadSoakConfig(env: NodeJS.ProcessEnv): SoakConfig {
  const config: SoakConfig = {
    operations: number(env, 'SOAK_OPERATIONS', 10_000),
    concurrency: number(env, 'SOAK_CONCURRENCY', 16),
    faultRate: number(env, 'SOAK_FAULT_RATE', 0.02, false),
    requestTimeoutMs: number(env, 'SOAK_REQUEST_TIMEOUT_MS', 3_000),
    seed: number(env, 'SOAK_SEED', 1),
    controlEvery: number(env, 'SOAK_CONTROL_EVERY', 20),
    heapGrowthMib: number(env, 'SOAK_HEAP_GROWTH_MIB', 8, false),
  };
  if (config.operations < 100 || config.concurrency < 1 || config.controlEvery < 2) {
    throw new Error('SOAK_OPERATIONS must be ≥ 100, SOAK_CONCURRENCY ≥ 1, SOAK_CONTROL_EVERY ≥ 2');
  }
  if (config.faultRate > 0.5 || config.requestTimeoutMs < 500) {
    throw new Error('SOAK_FAULT_RATE must be ≤ 0.5 and SOAK_REQUEST_TIMEOUT_MS ≥ 500');
  }
  return config;
}
