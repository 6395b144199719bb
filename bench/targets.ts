import type { Measurement } from './measure.js';
import type { Cell } from './rounds.js';
import type { Soak } from './soak.js';

/** One of issue 7's targets, judged on one run: informational, never the exit code. */
export interface TargetCheck {
  what: string;
  actual: number;
  op: '≥' | '≤' | '=';
  limit: number;
  ok: boolean;
  /** The aggregator's figure, where it shows what is physically possible. */
  aggregator?: number;
}

/** Throughput floors at zero added latency: gateway ÷ aggregator and gateway ÷ peer (req/s). */
const RATIO_FLOORS: Record<string, { aggregator: number; peer: number }> = {
  S1: { aggregator: 0.5, peer: 1.5 },
  S2: { aggregator: 0.5, peer: 1.5 },
  S3: { aggregator: 0.6, peer: 1.5 },
  S4: { aggregator: 0.6, peer: 1.5 },
};
export const PEAK_RSS_MAX_MB = 200;
export const IDLE_RSS_MAX_MB = 100;
export const COLD_START_MAX_MS = 1_000;
export const SOAK_GROWTH_MAX = 1.1;
/** Slack over `levels × latency` for the gateway's p50 with added latency. */
const P50_SLACK_MS = 5;

const check = (
  what: string,
  actual: number,
  op: TargetCheck['op'],
  limit: number,
  aggregator?: number,
): TargetCheck => ({
  what,
  actual,
  op,
  limit,
  ok: op === '≥' ? actual >= limit : op === '≤' ? actual <= limit : Math.abs(actual - limit) < 1e-9,
  aggregator,
});

/** The checks of one cell; the ratios only at zero latency, p50 only with latency. */
export function cellTargets(cell: Cell): TargetCheck[] {
  const { gateway, aggregator, peer } = cell.median;
  if (!gateway) {
    return [];
  }
  const checks: TargetCheck[] = [];
  const floors = RATIO_FLOORS[cell.scenario.name];
  const ratio = (other: Measurement) => gateway.requestsPerSecond / other.requestsPerSecond;
  if (cell.latencyMs === 0 && floors) {
    if (aggregator) {
      checks.push(check('gw÷agg req/s', ratio(aggregator), '≥', floors.aggregator));
    }
    if (peer) {
      checks.push(check('gw÷peer req/s', ratio(peer), '≥', floors.peer));
    }
  }
  if (aggregator) {
    // the aggregator makes the minimum by construction
    checks.push(check('calls/op', gateway.upstreamCallsPerOp, '=', aggregator.upstreamCallsPerOp));
  }
  const unloaded = cell.unloadedP50Ms.gateway;
  if (cell.latencyMs > 0 && unloaded !== undefined) {
    const levels = cell.scenario.levels(gateway.upstreamCallsPerOp);
    const limit = levels * cell.latencyMs + P50_SLACK_MS;
    const what = `p50 1 conn (${levels} level${levels > 1 ? 's' : ''})`;
    checks.push(check(what, unloaded, '≤', limit, cell.unloadedP50Ms.aggregator));
  }
  const worstPeak = Math.max(...(cell.rounds.gateway ?? []).map((m) => m.peakRssMb));
  checks.push(check('peak RSS MiB', worstPeak, '≤', PEAK_RSS_MAX_MB));
  return checks;
}

/** The gateway process's own targets: cold start, idle memory, and the soak when it ran. */
export function processTargets(gateway: {
  coldStartMs: number;
  idleRssMb: number;
  soak?: Soak;
}): TargetCheck[] {
  const checks = [
    check('cold start ms', gateway.coldStartMs, '≤', COLD_START_MAX_MS),
    check('idle RSS MiB', gateway.idleRssMb, '≤', IDLE_RSS_MAX_MB),
  ];
  if (gateway.soak) {
    checks.push(check('soak RSS end÷10 s', gateway.soak.ratio, '≤', SOAK_GROWTH_MAX));
  }
  return checks;
}

const digits = (n: number): string => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2));

/** `gw÷agg req/s 0.18 ≥ 0.5 MISS · …` */
export function formatChecks(checks: readonly TargetCheck[]): string {
  return checks
    .map((c) => {
      const physical = c.aggregator === undefined ? '' : ` (agg ${digits(c.aggregator)})`;
      return `${c.what} ${digits(c.actual)} ${c.op} ${digits(c.limit)} ${c.ok ? 'ok' : 'MISS'}${physical}`;
    })
    .join(' · ');
}
