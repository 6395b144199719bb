import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { BenchConfig } from './config.js';
import type { Measurement } from './measure.js';
import { ROOT } from './processes.js';
import type { Verified } from './verify.js';

/** Both systems on one scenario. */
export interface ScenarioResult {
  name: string;
  description: string;
  gateway: Measurement;
  baseline: Measurement;
}

type Metric =
  | 'requestsPerSecond'
  | 'p50Ms'
  | 'p99Ms'
  | 'upstreamCallsPerOp'
  | 'cpuMsPerOp'
  | 'peakRssMb';

const COLUMNS: { metric: Metric; title: string; digits: number }[] = [
  { metric: 'requestsPerSecond', title: 'req/s', digits: 0 },
  { metric: 'p50Ms', title: 'p50 ms', digits: 1 },
  { metric: 'p99Ms', title: 'p99 ms', digits: 1 },
  { metric: 'upstreamCallsPerOp', title: 'calls/op', digits: 1 },
  { metric: 'cpuMsPerOp', title: 'CPU ms/op', digits: 2 },
  { metric: 'peakRssMb', title: 'peak RSS MiB', digits: 0 },
];

const ratio = (gateway: number, baseline: number): number | null =>
  baseline === 0 ? null : gateway / baseline;

/** Gateway ÷ baseline for every metric (null when the baseline's figure is 0). */
export function ratios(result: ScenarioResult): Record<Metric, number | null> {
  return Object.fromEntries(
    COLUMNS.map(({ metric }) => [metric, ratio(result.gateway[metric], result.baseline[metric])]),
  ) as Record<Metric, number | null>;
}

/** The one table: per scenario a gateway row, a baseline row and the gateway ÷ baseline row. */
export function formatTable(results: ScenarioResult[]): string {
  const header = ['scenario', 'system', ...COLUMNS.map((c) => c.title)];
  const rows: string[][] = [];
  for (const result of results) {
    const fixed = (m: Measurement) => COLUMNS.map((c) => m[c.metric].toFixed(c.digits));
    const r = ratios(result);
    rows.push([result.name, 'gateway', ...fixed(result.gateway)]);
    rows.push(['', 'baseline', ...fixed(result.baseline)]);
    rows.push([
      '',
      'gw ÷ base',
      ...COLUMNS.map((c) => {
        const value = r[c.metric];
        return value === null ? '–' : `${value.toFixed(2)}×`;
      }),
    ]);
  }
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const body = rows.map((row, i) => (i > 0 && i % 3 === 0 ? `${rule}\n${line(row)}` : line(row)));
  return [line(header), rule, ...body].join('\n');
}

/** Everything needed to compare runs later. */
export interface Report {
  startedAt: string;
  seconds: number;
  config: BenchConfig;
  environment: {
    node: string;
    cpus: number;
    cpuModel: string;
    /** 1-minute load average at the end: above `cpus`, other work competed for the CPU. */
    loadAverage1m: number;
    gatewayRuntime: string;
  };
  verified: Verified[];
  results: (ScenarioResult & { ratios: Record<Metric, number | null> })[];
  lifetimePeakRssMb: { gateway: number; baseline: number; sandbox: number };
  failures: number;
}

export function buildReport(
  fields: Omit<Report, 'environment' | 'results'> & { results: ScenarioResult[] },
): Report {
  return {
    ...fields,
    environment: {
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      loadAverage1m: loadavg()[0] ?? 0,
      gatewayRuntime: 'node --import tsx bench/gateway-child.ts → src/main.ts (child process)',
    },
    results: fields.results.map((r) => ({ ...r, ratios: ratios(r) })),
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
