/** What one `npm run bench` measures; every field comes from a `BENCH_*` variable. */
export interface BenchConfig {
  /** Added to every sandbox response (`BENCH_LATENCY_MS`). @default 20 */
  latencyMs: number;
  /** Size multiplier of the sandbox seed (`BENCH_SCALE`). @default 1 */
  scale: number;
  /** Seconds of each measured run (`BENCH_DURATION_S`). @default 8 */
  durationS: number;
  /** Concurrent autocannon connections (`BENCH_CONNECTIONS`). @default 20 */
  connections: number;
  /** Requests of the counted (and warm-up) pass before each run (`BENCH_COUNTED`). @default 40 */
  counted: number;
  /** Only these scenarios, comma-separated names (`BENCH_SCENARIOS`); empty = all. */
  scenarios: string[];
  /** Start the gateway with `--cpu-prof` into bench/results/prof (`BENCH_CPU_PROF=1`). */
  cpuProf: boolean;
  /** Extra gateway environment: `BENCH_GATEWAY_UPSTREAM_CONCURRENCY=64` → `UPSTREAM_CONCURRENCY=64`. */
  gatewayEnv: Record<string, string>;
}

const GATEWAY_PREFIX = 'BENCH_GATEWAY_';

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number, integer = true): number {
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

export function loadBenchConfig(env: NodeJS.ProcessEnv): BenchConfig {
  const config: BenchConfig = {
    latencyMs: positive(env, 'BENCH_LATENCY_MS', 20),
    scale: positive(env, 'BENCH_SCALE', 1, false),
    durationS: positive(env, 'BENCH_DURATION_S', 8),
    connections: positive(env, 'BENCH_CONNECTIONS', 20),
    counted: positive(env, 'BENCH_COUNTED', 40),
    scenarios: (env.BENCH_SCENARIOS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    cpuProf: env.BENCH_CPU_PROF === '1' || env.BENCH_CPU_PROF === 'true',
    gatewayEnv: Object.fromEntries(
      Object.entries(env).flatMap(([key, value]) =>
        key.startsWith(GATEWAY_PREFIX) && value !== undefined
          ? [[key.slice(GATEWAY_PREFIX.length), value]]
          : [],
      ),
    ),
  };
  if (config.connections < 1 || config.durationS < 1 || config.counted < config.connections) {
    throw new Error(
      'BENCH_CONNECTIONS and BENCH_DURATION_S must be ≥ 1, BENCH_COUNTED ≥ connections',
    );
  }
  if (config.scale <= 0) {
    throw new Error('BENCH_SCALE must be > 0');
  }
  return config;
}
