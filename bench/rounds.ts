import type { BenchConfig } from './config.js';
import { unloadedP50 } from './latency-probe.js';
import { type Measurement, measure } from './measure.js';
import { requestFor, type System, type SystemName } from './requests.js';
import type { SandboxControl } from './sandbox-control.js';
import type { Scenario } from './scenarios.js';

/** One mode × scenario: every system's rounds and their medians. */
export interface Cell {
  latencyMs: number;
  scenario: Scenario;
  rounds: Partial<Record<SystemName, Measurement[]>>;
  median: Partial<Record<SystemName, Measurement>>;
  /** With added latency: p50 of requests sent one at a time, ms (nothing queues). */
  unloadedP50Ms: Partial<Record<SystemName, number>>;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The median of every metric on its own; failures and completed requests add up. */
export function medianOf(rounds: Measurement[]): Measurement {
  const of = (pick: (m: Measurement) => number) => median(rounds.map(pick));
  const first = rounds[0];
  if (first === undefined) {
    throw new Error('no rounds to take a median of');
  }
  return {
    requestsPerSecond: of((m) => m.requestsPerSecond),
    p50Ms: of((m) => m.p50Ms),
    p99Ms: of((m) => m.p99Ms),
    completed: rounds.reduce((n, m) => n + m.completed, 0),
    failures: rounds.reduce((n, m) => n + m.failures, 0),
    upstreamCallsPerOp: of((m) => m.upstreamCallsPerOp),
    upstreamByResource: first.upstreamByResource,
    peakRssMb: of((m) => m.peakRssMb),
    cpuMsPerOp: of((m) => m.cpuMsPerOp),
    sandboxCpuMsPerOp: of((m) => m.sandboxCpuMsPerOp),
  };
}

/**
 * One mode: `config.rounds` rounds, each running every scenario on every system in turn
 * (gateway, aggregator, peer, then the next scenario), so slow drifts of the machine spread
 * over all systems instead of favouring whichever ran first.
 */
export async function measureMode(options: {
  latencyMs: number;
  scenarios: readonly Scenario[];
  systems: readonly System[];
  /** Verified body per scenario name and system. */
  bodies: ReadonlyMap<string, Record<SystemName, string>>;
  token: string;
  sandbox: SandboxControl;
  config: BenchConfig;
  log: (message: string) => void;
}): Promise<Cell[]> {
  const { latencyMs, scenarios, systems, bodies, token, sandbox, config, log } = options;
  const busy = systems.map((s) => s.child.pid);
  const cells: Cell[] = scenarios.map((scenario) => ({
    latencyMs,
    scenario,
    rounds: {},
    median: {},
    unloadedP50Ms: {},
  }));
  if (latencyMs > 0) {
    log(`${latencyMs} ms · p50 one request at a time`);
    for (const cell of cells) {
      for (const system of systems) {
        const request = requestFor(system, cell.scenario, token);
        const body = bodies.get(cell.scenario.name)?.[system.name] ?? '';
        cell.unloadedP50Ms[system.name] = await unloadedP50(request, body);
      }
    }
  }
  for (let round = 1; round <= config.rounds; round++) {
    for (const cell of cells) {
      for (const system of systems) {
        log(
          `${latencyMs} ms · round ${round}/${config.rounds} · ${cell.scenario.name} · ${system.name}`,
        );
        const request = requestFor(system, cell.scenario, token);
        const body = bodies.get(cell.scenario.name)?.[system.name] ?? '';
        const measured = await measure(system.child.pid, request, body, sandbox, config, busy);
        cell.rounds[system.name] = [...(cell.rounds[system.name] ?? []), measured];
      }
    }
  }
  for (const cell of cells) {
    for (const system of systems) {
      cell.median[system.name] = medianOf(cell.rounds[system.name] ?? []);
    }
  }
  return cells;
}
