import type { FaultKind } from './fault-kinds.js';
import type { Check, SoakReport } from './report.js';

/** Below this many operations a kind of fault may by chance never be drawn: not a failure. */
const ALL_KINDS_FROM = 10_000;

/** Every pass/fail line of the soak, from what it measured. */
export function soakChecks(r: SoakReport, kinds: readonly FaultKind[]): Check[] {
  const m = r.main;
  const zero = (name: string, n: number, of = m.operations): Check => ({
    name,
    ok: n === 0,
    figure: `${n} of ${of}`,
  });
  const missingKinds = kinds.filter((k) => (m.injected[k.label] ?? 0) === 0).map((k) => k.label);
  const allowedGrowth = Math.max(r.config.heapGrowthMib, 0.1 * (r.memory.samples[0]?.heapMiB ?? 0));
  const otherFailures = r.others.reduce((n, o) => n + o.failures, 0);
  return [
    { name: 'operations', ok: m.operations >= r.config.operations, figure: String(m.operations) },
    {
      name: 'the gateway never exited, and drained on SIGTERM',
      ok: !r.gateway.exitedDuringRun && r.gateway.exit === 'exit 0',
      figure: r.gateway.exitedDuringRun
        ? `exited during the run (${r.gateway.exit})`
        : r.gateway.exit,
    },
    zero('unhandled rejections and uncaught exceptions', r.gateway.logs.crashLines.length, 0),
    zero('error or fatal log lines, stderr lines', r.gateway.logs.bad.length, 0),
    zero('malformed answers (GraphQL over HTTP, codes, statuses, leaks)', m.malformed),
    zero('INTERNAL_SERVER_ERROR', m.internal),
    zero('codes that neither the operation nor its faults explain', m.unexplained),
    zero('fault-free answers without their intended code', m.missing),
    zero('faults the gateway cannot retry, answered without their code', m.unsurfaced),
    zero('control reads unlike the fault-free answer', m.control.differing, m.control.sent),
    zero('control reads that met a fault', m.control.metFault, m.control.sent),
    zero(
      'failures in the warm-up and the fault-free passes before and after',
      otherFailures,
      r.others.reduce((n, o) => n + o.operations, 0),
    ),
    {
      name: `every kind of fault injected${m.operations < ALL_KINDS_FROM ? ` (informational below ${ALL_KINDS_FROM} operations)` : ''}`,
      ok: m.operations < ALL_KINDS_FROM || missingKinds.length === 0,
      figure:
        missingKinds.length === 0 ? `${kinds.length} kinds` : `none of ${missingKinds.join(', ')}`,
    },
    {
      name: 'upstream sockets back to the baseline after an idle pause',
      ok: r.sockets.end <= r.sockets.baseline,
      figure: `${r.sockets.end} (baseline ${r.sockets.baseline})`,
    },
    {
      name: `heap after GC grows by at most ${allowedGrowth.toFixed(1)} MiB`,
      ok: r.memory.heapGrowthMiB <= allowedGrowth,
      figure: `${r.memory.heapGrowthMiB.toFixed(1)} MiB`,
    },
  ];
}
