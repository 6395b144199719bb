/** What one `npm run bench` measures; every field comes from a `BENCH_*` variable. */
export interface BenchConfig {
  /** The modes: added latency of every sandbox response, ms (`BENCH_LATENCY_MS`). @default [0, 20] */
  latenciesMs: number[];
  /** Size multiplier of the sandbox seed (`BENCH_SCALE`). @default 1 */
  scale: number;
  /** Seconds of each measured run (`BENCH_DURATION_S`). @default 3 (smoke 1) */
  durationS: number;
  /** Concurrent autocannon connections (`BENCH_CONNECTIONS`). @default 32 */
  connections: number;
  /** Requests of the counted (and warm-up) pass before each run (`BENCH_COUNTED`). @default connections (one each) */
  counted: number;
  /** Rounds per mode; each runs every scenario on every system in turn (`BENCH_ROUNDS`). @default 3 (smoke 1) */
  rounds: number;
  /** Scenarios put under load, comma-separated (`BENCH_SCENARIOS`); all are always verified. @default all (smoke S1,S4) */
  scenarios: string[];
  /** Seconds of the gateway's memory soak on S4 after the modes (`BENCH_SOAK_S`); 0 = none. @default 0 */
  soakS: number;
  /** The CI smoke (`BENCH_SMOKE=1`, `npm run bench:smoke`): the defaults above turn short. */
  smoke: boolean;
  /** Start the gateway with `--cpu-prof` into bench/results/prof (`BENCH_CPU_PROF=1`). */
  cpuProf: boolean;
  /**
   * The gateway's entry file (`BENCH_MAIN`), run instead of building this tree's: an older build
   * for a before/after measured side by side. @default dist/main.js after `npm run build`
   */
  gatewayMain?: string;
  /** Extra gateway environment: `BENCH_GATEWAY_UPSTREAM_CONCURRENCY=64` → `UPSTREAM_CONCURRENCY=64`. */
  gatewayEnv: Record<string, string>;
  /**
   * The scale-out figure (`BENCH_SCALE_OUT`): `also` (=1) after the modes, `only` alone, or
   * `off`. It needs `/usr/bin/redis-server`. @default off
   */
  scaleOut: 'off' | 'also' | 'only';
  /** Its measured window per setting, s (`BENCH_SCALE_OUT_S`). @default 10 */
  scaleOutS: number;
}

const GATEWAY_PREFIX = 'BENCH_GATEWAY_';

/** A non-negative number (an integer unless `integer` is false) from the environment. */
export function envNumber(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  integer = true,
): number {
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

const list = (raw: string | undefined): string[] =>
  (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function latencies(env: NodeJS.ProcessEnv): number[] {
  const given = list(env.BENCH_LATENCY_MS);
  const values = given.length === 0 ? [0, 20] : given.map(Number);
  if (values.some((v) => !Number.isInteger(v) || v < 0)) {
    throw new Error(`BENCH_LATENCY_MS must list integers ≥ 0, got '${env.BENCH_LATENCY_MS}'`);
  }
  return values;
}

const flag = (value: string | undefined): boolean => value === '1' || value === 'true';

function scaleOut(value: string | undefined): BenchConfig['scaleOut'] {
  if (value === 'only') {
    return 'only';
  }
  if (value === undefined || value === '' || value === '0' || value === 'false') {
    return 'off';
  }
  if (flag(value)) {
    return 'also';
  }
  throw new Error(`BENCH_SCALE_OUT must be 1, only or 0, got '${value}'`);
}

export function loadBenchConfig(env: NodeJS.ProcessEnv): BenchConfig {
  const smoke = flag(env.BENCH_SMOKE);
  const scenarios = list(env.BENCH_SCENARIOS);
  const connections = envNumber(env, 'BENCH_CONNECTIONS', 32);
  const config: BenchConfig = {
    latenciesMs: latencies(env),
    scale: envNumber(env, 'BENCH_SCALE', 1, false),
    durationS: envNumber(env, 'BENCH_DURATION_S', smoke ? 1 : 3),
    connections,
    counted: envNumber(env, 'BENCH_COUNTED', connections),
    rounds: envNumber(env, 'BENCH_ROUNDS', smoke ? 1 : 3),
    scenarios: scenarios.length > 0 || !smoke ? scenarios : ['S1', 'S4'],
    soakS: envNumber(env, 'BENCH_SOAK_S', 0),
    smoke,
    cpuProf: flag(env.BENCH_CPU_PROF),
    gatewayMain: env.BENCH_MAIN?.trim() || undefined,
    scaleOut: scaleOut(env.BENCH_SCALE_OUT),
    scaleOutS: envNumber(env, 'BENCH_SCALE_OUT_S', 10),
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
  if (config.rounds < 1 || config.scale <= 0 || config.latenciesMs.length === 0) {
    throw new Error('BENCH_ROUNDS must be ≥ 1, BENCH_SCALE > 0, BENCH_LATENCY_MS not empty');
  }
  return config;
}
