import type { Measurement } from './measure.js';
import { SYSTEM_NAMES } from './requests.js';
import type { Cell } from './rounds.js';
import { cellTargets, formatChecks } from './targets.js';

type Metric =
  | 'requestsPerSecond'
  | 'p50Ms'
  | 'p99Ms'
  | 'cpuMsPerOp'
  | 'peakRssMb'
  | 'upstreamCallsPerOp';

const COLUMNS: { metric: Metric; title: string; digits: number; ratio: boolean }[] = [
  { metric: 'requestsPerSecond', title: 'req/s', digits: 0, ratio: true },
  { metric: 'p50Ms', title: 'p50 ms', digits: 1, ratio: false },
  { metric: 'p99Ms', title: 'p99 ms', digits: 1, ratio: false },
  { metric: 'cpuMsPerOp', title: 'CPU ms/op', digits: 2, ratio: true },
  { metric: 'peakRssMb', title: 'peak RSS MiB', digits: 0, ratio: false },
  { metric: 'upstreamCallsPerOp', title: 'calls/op', digits: 1, ratio: false },
];

const SHORT = { aggregator: 'agg', peer: 'peer' } as const;

/** Above this share of one core the sandbox, not the system under test, sets the pace. */
const UPSTREAM_BOUND = 0.75;

/** Cores the sandbox kept busy while serving this system (its CPU/op × the system's req/s). */
const sandboxLoad = (m: Measurement | undefined): number =>
  m ? (m.sandboxCpuMsPerOp * m.requestsPerSecond) / 1000 : 0;

/** Gateway ÷ other for the ratio columns ('' elsewhere, '–' when the other is 0). */
function ratioCells(gateway: Measurement, other: Measurement): string[] {
  return COLUMNS.map(({ metric, ratio }) => {
    if (!ratio) {
      return '';
    }
    return other[metric] === 0 ? '–' : `${(gateway[metric] / other[metric]).toFixed(2)}×`;
  });
}

/**
 * The one table: per mode and scenario a row per system (medians of the rounds), the ratios
 * gateway ÷ aggregator and gateway ÷ peer, and a line checking issue 7's targets.
 */
export function formatTable(cells: readonly Cell[]): string {
  const header = ['mode', 'scenario', 'system', ...COLUMNS.map((c) => c.title)];
  const blocks: (string[] | string)[][] = [];
  for (const cell of cells) {
    const rows: (string[] | string)[] = [];
    const lead = (i: number) => (i === 0 ? [`${cell.latencyMs} ms`, cell.scenario.name] : ['', '']);
    SYSTEM_NAMES.forEach((name) => {
      const m = cell.median[name];
      if (m) {
        rows.push([
          ...lead(rows.length),
          name,
          ...COLUMNS.map((c) => m[c.metric].toFixed(c.digits)),
        ]);
      }
    });
    const gateway = cell.median.gateway;
    for (const other of ['aggregator', 'peer'] as const) {
      const m = cell.median[other];
      if (gateway && m) {
        rows.push(['', '', `gw ÷ ${SHORT[other]}`, ...ratioCells(gateway, m)]);
      }
    }
    const checks = cellTargets(cell);
    if (checks.length > 0) {
      rows.push(`targets: ${formatChecks(checks)}`);
    }
    const upstreamLoad = sandboxLoad(cell.median.aggregator);
    if (upstreamLoad >= UPSTREAM_BOUND) {
      rows.push(
        `upstream-bound: the sandbox used ${(100 * upstreamLoad).toFixed(0)} % of a core under the aggregator; req/s ratios compress towards 1, compare CPU/op`,
      );
    }
    blocks.push(rows);
  }
  const tableRows = blocks.flat().filter((r): r is string[] => Array.isArray(r));
  const widths = header.map((h, i) =>
    Math.max(h.length, ...tableRows.map((r) => r[i]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i < 3 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const indent = ' '.repeat((widths[0] ?? 0) + (widths[1] ?? 0) + 4);
  const body = blocks.map((rows) =>
    rows.map((r) => (typeof r === 'string' ? `${indent}${r}` : line(r))).join('\n'),
  );
  return [line(header), rule, body.join(`\n${rule}\n`)].join('\n');
}
