import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { CacheBench } from './cache-scenario.js';
import type { BenchConfig } from './config.js';
import { ROOT } from './processes.js';
import type { SystemName } from './requests.js';
import type { Cell } from './rounds.js';
import type { ScaleOutFigure } from './scale-out.js';
import type { Soak } from './soak.js';
import { cellTargets, processTargets, type TargetCheck } from './targets.js';
import type { Verified } from './verify.js';

/** Everything needed to compare runs later (bench/results/<timestamp>.json). */
export interface Report {
  startedAt: string;
  seconds: number;
  config: BenchConfig;
  environment: {
    node: string;
    cpus: number;
    cpuModel: string;
    /** 1-minute load average before and after: above `cpus`, other work competed for the CPU. */
    loadAverage1m: { start: number; end: number };
    gatewayRuntime: string;
  };
  gateway: {
    buildMs: number;
    coldStartMs: number;
    idleRssMb: number;
    soak?: Soak;
    targets: TargetCheck[];
  };
  verified: { latencyMs: number; scenarios: Verified[] }[];
  cells: (Omit<Cell, 'scenario'> & {
    scenario: string;
    title: string;
    levels: number | null;
    targets: TargetCheck[];
  })[];
  lifetimePeakRssMb: Record<SystemName | 'sandbox', number>;
  failures: number;
  /** C1: the gateway without and with the upstream cache (when it ran). */
  upstreamCache?: CacheBench;
  /** BENCH_SCALE_OUT: upstream GETs per second of one run's 30 subscribers, by replicas. */
  scaleOut?: ScaleOutFigure[];
}

export const loadAverage = (): number => loadavg()[0] ?? 0;

export function buildReport(fields: {
  startedAt: Date;
  config: BenchConfig;
  loadAtStart: number;
  gateway: { buildMs: number; coldStartMs: number; idleRssMb: number; soak?: Soak };
  verified: Report['verified'];
  cells: readonly Cell[];
  lifetimePeakRssMb: Report['lifetimePeakRssMb'];
  failures: number;
  upstreamCache?: CacheBench;
}): Report {
  return {
    startedAt: fields.startedAt.toISOString(),
    seconds: (Date.now() - fields.startedAt.getTime()) / 1000,
    config: fields.config,
    environment: {
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      loadAverage1m: { start: fields.loadAtStart, end: loadAverage() },
      gatewayRuntime: 'node dist/main.js (npm run build), NODE_ENV=production',
    },
    gateway: { ...fields.gateway, targets: processTargets(fields.gateway) },
    verified: fields.verified,
    cells: fields.cells.map((cell) => ({
      ...cell,
      scenario: cell.scenario.name,
      title: cell.scenario.title,
      levels: cell.median.gateway
        ? cell.scenario.levels(cell.median.gateway.upstreamCallsPerOp)
        : null,
      targets: cellTargets(cell),
    })),
    lifetimePeakRssMb: fields.lifetimePeakRssMb,
    failures: fields.failures,
    ...(fields.upstreamCache && { upstreamCache: fields.upstreamCache }),
  };
}

/** Writes `bench/results/<timestamp>.json`; returns the path. */
export function writeReport(report: Report): string {
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${report.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
