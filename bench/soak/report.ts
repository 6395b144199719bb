import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../processes.js';
import type { SoakConfig } from './config.js';
import type { FaultKind } from './fault-kinds.js';
import type { GatewayLogs } from './gateway-process.js';
import type { Judgement } from './verdicts.js';

/** One pass/fail line of the soak. */
export interface Check {
  name: string;
  ok: boolean;
  /** The figure behind it, e.g. `0 of 10000`. */
  figure: string;
}

export interface HeapSample {
  /** `start` (after the warm-up), `25 %`… of the faulty run, `end` (after the idle pause). */
  at: string;
  heapMiB: number;
  rssMiB: number;
}

/** Everything one `npm run soak` measured (also written as JSON). */
export interface SoakReport {
  startedAt: string;
  seconds: number;
  config: SoakConfig;
  environment: { cpus: number; cpuModel: string; node: string; loadAverage1m: number[] };
  /** The faulty run (warm-up excluded). */
  main: Judgement & { seconds: number; operationsPerSecond: number; upstreamRequests: number };
  /** Warm-up, and the fault-free passes before and after: failures only. */
  others: { phase: string; operations: number; failures: number; examples: string[] }[];
  sockets: {
    baseline: number;
    peak: number;
    end: number;
    backToBaselineMs: number;
    accepted: number;
  };
  memory: { samples: HeapSample[]; heapGrowthMiB: number; peakRssMiB: number };
  /** `exit`: how the process ended, `exit 0` or a signal (after SIGTERM unless it exited before). */
  gateway: { exitedDuringRun: boolean; exit: string; logs: GatewayLogs };
  checks: Check[];
}

const mib = (n: number) => n.toFixed(1);
const sorted = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k} ${v}`)
    .join(' · ');

/** Per fault kind: how often injected, how many operations met it, how many showed its code. */
function faultTable(m: Judgement, kinds: readonly FaultKind[]): string {
  const rows = kinds.map((k) => {
    const seen = m.byFault[k.label] ?? { met: 0, withCode: 0 };
    const shown = k.code === undefined ? '(slower only)' : `${seen.withCode} ${k.code}`;
    const when = { always: '', writes: ' (GETs retry it)', 'body-read': '', never: '' }[k.surfaces];
    return [k.label, String(m.injected[k.label] ?? 0), String(seen.met), `${shown}${when}`];
  });
  const header = ['fault kind', 'injected', 'ops met', 'ops answered with its code'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** What `npm run soak` prints: the figures, the faults, then every check. */
export function formatReport(r: SoakReport, kinds: readonly FaultKind[]): string {
  const m = r.main;
  const injected = Object.values(m.injected).reduce((a, b) => a + b, 0);
  const lines = [
    `operations        ${m.operations} in ${m.seconds.toFixed(1)} s (${m.operationsPerSecond.toFixed(0)}/s, ${r.config.concurrency} at once) · ${sorted(m.byKind)}`,
    `latency           p50 ${m.latencyMs.p50.toFixed(0)} ms · p99 ${m.latencyMs.p99.toFixed(0)} ms · max ${m.latencyMs.max.toFixed(0)} ms`,
    `upstream          ${m.upstreamRequests} requests · ${injected} faults (${((100 * injected) / Math.max(1, m.upstreamRequests)).toFixed(2)} %) · ${m.metFault} operations met one`,
    `HTTP statuses     ${sorted(m.statuses)}`,
    `codes             ${sorted(m.codes)}`,
    `timeouts          ${m.timeouts.total} UPSTREAM_TIMEOUT: ${m.timeouts.withHangFault} met a hang, ${m.timeouts.atDeadlineOnly} waited behind others' hangs (at the deadline)`,
    `control reads     ${m.control.sent} sent · ${m.control.differing} differ from the fault-free answer · ${m.control.metFault} met a fault`,
    `answers           ${m.malformed} malformed · ${m.internal} INTERNAL_SERVER_ERROR · ${m.unexplained} with a code nothing explains · ${m.missing} without their intended code · ${m.unsurfaced} hid a fault (${m.excused} faults cut short by an earlier error's null)`,
    `gateway           ${r.gateway.exitedDuringRun ? `EXITED during the run (${r.gateway.exit})` : `alive to the end · SIGTERM → ${r.gateway.exit}`} · log lines by level ${sorted(r.gateway.logs.byLevel)} · warnings: ${sorted(r.gateway.logs.warnings) || 'none'}`,
    `crash / error     ${r.gateway.logs.crashLines.length} unhandled-rejection or exception lines · ${r.gateway.logs.bad.length} error/fatal/stderr lines`,
    `upstream sockets  baseline ${r.sockets.baseline} · peak ${r.sockets.peak} · end ${r.sockets.end} (after ${(r.sockets.backToBaselineMs / 1000).toFixed(1)} s idle) · ${r.sockets.accepted} opened in all`,
    `heap after GC     ${r.memory.samples.map((s) => `${s.at} ${mib(s.heapMiB)}`).join(' → ')} MiB (growth ${mib(r.memory.heapGrowthMiB)} MiB)`,
    `RSS               ${r.memory.samples.map((s) => `${s.at} ${mib(s.rssMiB)}`).join(' → ')} MiB · peak ${mib(r.memory.peakRssMiB)} MiB`,
    `other passes      ${r.others.map((o) => `${o.phase} ${o.operations} ops, ${o.failures} failed`).join(' · ')}`,
    `machine           ${r.environment.cpus} × ${r.environment.cpuModel} · Node ${r.environment.node} · load ${r.environment.loadAverage1m.map((l) => l.toFixed(2)).join(' → ')} · ${r.seconds.toFixed(0)} s in all`,
    '',
    faultTable(m, kinds),
    '',
    ...r.checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'}  ${c.name}: ${c.figure}`),
  ];
  const examples = [...m.examples, ...r.others.flatMap((o) => o.examples)];
  if (examples.length > 0) {
    lines.push('', 'examples:', ...examples.slice(0, 30).map((e) => `  ${e}`));
  }
  const bad = [...r.gateway.logs.crashLines, ...r.gateway.logs.bad];
  if (bad.length > 0) {
    lines.push('', 'gateway output:', ...bad.slice(0, 10).map((l) => `  ${l.slice(0, 400)}`));
  }
  return lines.join('\n');
}

export const environment = (load: number[]) => ({
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  node: process.versions.node,
  loadAverage1m: load,
});

/** Writes `bench/results/soak-<timestamp>.json`; returns the path. */
export function writeSoakReport(report: SoakReport): string {
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `soak-${report.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
