import { judge, type MetFault } from './attribution.js';
import type { Outcome } from './drive.js';
import type { FaultKind } from './fault-kinds.js';
import type { FaultedRequest } from './ipc.js';

/** The answers of a run judged together: counts, and a few examples of each failure. */
export interface Judgement {
  operations: number;
  byKind: Record<string, number>;
  statuses: Record<string, number>;
  /** Operations answering with each code. */
  codes: Record<string, number>;
  /** Upstream requests with each fault applied (a retried request counts per attempt). */
  injected: Record<string, number>;
  /** Operations that met at least one fault. */
  metFault: number;
  /** Per fault kind: operations that met it, and of those how many answered with its code. */
  byFault: Record<string, { met: number; withCode: number }>;
  malformed: number;
  unexplained: number;
  missing: number;
  unsurfaced: number;
  /** Faults not shown because an earlier error had nulled their part of the answer. */
  excused: number;
  /** Operations answering INTERNAL_SERVER_ERROR (a bug, whatever else). */
  internal: number;
  timeouts: { total: number; withHangFault: number; atDeadlineOnly: number };
  control: { sent: number; differing: number; metFault: number };
  latencyMs: { p50: number; p99: number; max: number };
  examples: string[];
}

const count = (into: Record<string, number>, key: string): void => {
  into[key] = (into[key] ?? 0) + 1;
};

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

/**
 * Judges every answer: well-formed (see `checkAnswer`), its codes explained by the operation or
 * the faults its request id met, each fault the gateway cannot retry shown with its code, and
 * each control read equal to its fault-free `reference` answer.
 */
export function judgeRun(options: {
  outcomes: readonly Outcome[];
  faulted: readonly FaultedRequest[];
  kinds: readonly FaultKind[];
  timeoutMs: number;
  /** Control name + media type → the fault-free answer (`Outcome.canonical`). */
  reference: ReadonlyMap<string, string>;
}): Judgement {
  const kinds = new Map(options.kinds.map((k) => [k.label, k]));
  const hangs = new Set(
    options.kinds.filter((k) => k.code === 'UPSTREAM_TIMEOUT').map((k) => k.label),
  );
  const judged = new Set(options.outcomes.map((o) => o.requestId));
  const byRequest = new Map<string, MetFault[]>();
  const injected: Record<string, number> = {};
  for (const r of options.faulted) {
    if (r.requestId !== undefined && judged.has(r.requestId)) {
      for (const label of r.faults) {
        count(injected, label);
      }
      const list = byRequest.get(r.requestId) ?? [];
      list.push({ method: r.method, path: r.path, labels: r.faults });
      byRequest.set(r.requestId, list);
    }
  }
  const j: Judgement = {
    operations: options.outcomes.length,
    byKind: {},
    statuses: {},
    codes: {},
    injected,
    metFault: 0,
    byFault: {},
    malformed: 0,
    unexplained: 0,
    missing: 0,
    unsurfaced: 0,
    excused: 0,
    internal: 0,
    timeouts: { total: 0, withHangFault: 0, atDeadlineOnly: 0 },
    control: { sent: 0, differing: 0, metFault: 0 },
    latencyMs: { p50: 0, p99: 0, max: 0 },
    examples: [],
  };
  const example = (o: Outcome, what: string): void => {
    if (j.examples.length < 30) {
      j.examples.push(`${o.requestId} ${o.name} (${o.accept}): ${what}`);
    }
  };
  for (const o of options.outcomes) {
    const faults = byRequest.get(o.requestId) ?? [];
    count(j.byKind, o.kind);
    count(j.statuses, String(o.status ?? 'none'));
    for (const code of o.codes) {
      count(j.codes, code);
    }
    if (faults.length > 0) {
      j.metFault += 1;
    }
    for (const label of new Set(faults.flatMap((f) => f.labels))) {
      const entry = j.byFault[label] ?? { met: 0, withCode: 0 };
      entry.met += 1;
      const code = kinds.get(label)?.code;
      if (code !== undefined && o.codes.includes(code)) {
        entry.withCode += 1;
      }
      j.byFault[label] = entry;
    }
    if (o.problems.length > 0) {
      j.malformed += 1;
      example(o, o.problems.join('; '));
    }
    if (o.codes.includes('INTERNAL_SERVER_ERROR')) {
      j.internal += 1;
    }
    if (o.codes.includes('UPSTREAM_TIMEOUT')) {
      j.timeouts.total += 1;
      if (faults.some((f) => f.labels.some((l) => hangs.has(l)))) {
        j.timeouts.withHangFault += 1;
      } else {
        j.timeouts.atDeadlineOnly += 1;
      }
    }
    const verdict = judge({ ...o, faults, timeoutMs: options.timeoutMs }, kinds);
    if (verdict.unexplained.length > 0) {
      j.unexplained += 1;
      example(o, `unexplained ${verdict.unexplained} (faults: ${describe(faults)})`);
    }
    if (verdict.missing.length > 0) {
      j.missing += 1;
      example(o, `missing ${verdict.missing}, answered ${o.codes}`);
    }
    j.excused += verdict.excused.length;
    if (verdict.unsurfaced.length > 0) {
      j.unsurfaced += 1;
      example(o, `fault without its code: ${verdict.unsurfaced} (answered ${o.codes})`);
    }
    if (o.kind === 'control') {
      j.control.sent += 1;
      if (faults.length > 0) {
        j.control.metFault += 1;
        example(o, `a control read met faults: ${describe(faults)}`);
      }
      if (o.canonical !== options.reference.get(`${o.name} ${o.accept}`)) {
        j.control.differing += 1;
        example(o, `differs from the fault-free answer: ${o.canonical?.slice(0, 300)}`);
      }
    }
  }
  const times = options.outcomes.map((o) => o.elapsedMs).sort((a, b) => a - b);
  j.latencyMs = {
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    max: times.at(-1) ?? 0,
  };
  return j;
}

const describe = (faults: readonly MetFault[]): string =>
  faults.map((f) => `${f.method} ${f.path} ${f.labels.join('+')}`).join(', ') || 'none';
