import type { Report } from './report.js';
import type { Cell } from './rounds.js';
import { formatTable } from './table.js';
import { formatChecks } from './targets.js';

/** What `npm run bench` prints: the table, the gateway process's figures, the settings. */
export function table(report: Report, cells: readonly Cell[]): string {
  const { gateway, config, environment } = report;
  const soak = gateway.soak
    ? ` · soak ${gateway.soak.seconds} s on S4: RSS ${gateway.soak.rssAt10sMb.toFixed(0)} MiB at 10 s → ${gateway.soak.rssAtEndMb.toFixed(0)} MiB at the end (${gateway.soak.ratio.toFixed(2)}×), ${gateway.soak.requestsPerSecond.toFixed(0)} req/s`
    : '';
  const differ = report.verified.flatMap(({ latencyMs, scenarios }) =>
    scenarios
      .filter((v) => v.callsDiffer.length > 0)
      .map((v) => `${latencyMs} ms ${v.scenario}: ${v.callsDiffer.join(', ')}`),
  );
  return [
    cells.length > 0 ? formatTable(cells) : '(no scenario was put under load)',
    '',
    `gateway process: cold start ${gateway.coldStartMs.toFixed(0)} ms · idle RSS ${gateway.idleRssMb.toFixed(0)} MiB${soak}`,
    `gateway targets: ${formatChecks(gateway.targets)}`,
    ...(differ.length > 0
      ? [`WARNING upstream calls differ from the gateway's: ${differ.join('; ')}`]
      : []),
    `medians of ${config.rounds} round(s) · ${config.durationS} s × ${config.connections} connections per run · ratios gateway ÷ other (CPU/op: > 1 = the gateway spends more) · targets are issue 7's, informational`,
    `${environment.cpus} × ${environment.cpuModel} · load average ${environment.loadAverage1m.start.toFixed(2)} → ${environment.loadAverage1m.end.toFixed(2)} · ${report.seconds.toFixed(0)} s in all`,
  ].join('\n');
}
