// `npm run soak` (and `npm run soak:smoke` in CI): the gateway as deployed against the sandbox
// in its own process, faults of every kind on 2 % of upstream requests, a mix of reads, errors
// on purpose and mutation lanes at a bounded concurrency; every answer checked, then the
// gateway's process, logs, upstream sockets and heap. One table and bench/results/soak-*.json.
import { loadavg } from 'node:os';
import { buildGateway } from '../build.js';
import { lifetimePeakRssMb } from '../proc-stats.js';
import { installCleanup, stopAll } from '../processes.js';
import { soakChecks } from './checks.js';
import { loadSoakConfig } from './config.js';
import type { Outcome } from './drive.js';
import { runPhases } from './phases.js';
import { environment, formatReport, type SoakReport, writeSoakReport } from './report.js';
import { startSystems } from './systems.js';
import { judgeRun } from './verdicts.js';

const began = performance.now();
const log = (message: string): void => {
  process.stderr.write(`[soak +${((performance.now() - began) / 1000).toFixed(1)}s] ${message}\n`);
};

async function main(): Promise<number> {
  const config = loadSoakConfig(process.env);
  installCleanup();
  const startedAt = new Date();
  const loadAtStart = loadavg()[0] ?? 0;
  log(
    `${config.operations} operations · ${config.concurrency} at once · faults on ${config.faultRate * 100} % of upstream requests`,
  );
  await buildGateway();
  const systems = await startSystems(config);
  const { gateway, observer, sandbox } = systems;
  const phases = await runPhases(systems, config, log);
  systems.heap.close();
  await systems.client.close();
  const exitedDuringRun = gateway.exit() !== undefined;
  const peakRssMiB = lifetimePeakRssMb(gateway.child.pid);
  const accepted = (await sandbox.connections()).accepted;
  const exit = await gateway.stop();

  const judge = (outcomes: readonly Outcome[]) =>
    judgeRun({
      outcomes,
      faulted: observer.faulted,
      kinds: phases.kinds,
      timeoutMs: config.requestTimeoutMs,
      reference: phases.reference,
    });
  const others = [
    ['before', phases.before],
    ['warm-up', phases.warmUp],
    ['after', phases.after],
  ] as const;
  const { samples } = observer;
  const report: SoakReport = {
    startedAt: startedAt.toISOString(),
    seconds: (performance.now() - began) / 1000,
    config,
    environment: environment([loadAtStart, loadavg()[0] ?? 0]),
    main: {
      ...judge(phases.main),
      seconds: phases.mainSeconds,
      operationsPerSecond: phases.main.length / phases.mainSeconds,
      upstreamRequests: observer.requests.main ?? 0,
    },
    others: others.map(([phase, outcomes]) => {
      const j = judge(outcomes);
      const failures = j.malformed + j.unexplained + j.missing + j.unsurfaced + j.control.differing;
      return { phase, operations: outcomes.length, failures, examples: j.examples };
    }),
    sockets: {
      baseline: systems.baseline,
      peak: observer.peakSockets,
      end: phases.idle.open,
      backToBaselineMs: phases.idle.ms,
      accepted,
    },
    memory: {
      samples,
      heapGrowthMiB: (samples.at(-1)?.heapMiB ?? 0) - (samples[0]?.heapMiB ?? 0),
      peakRssMiB,
    },
    gateway: { exitedDuringRun, exit: exit.signal ?? `exit ${exit.code}`, logs: gateway.logs() },
    checks: [],
  };
  report.checks = soakChecks(report, phases.kinds);
  await stopAll();
  console.log(formatReport(report, phases.kinds));
  console.log(`results: ${writeSoakReport(report)}`);
  return report.checks.every((c) => c.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    console.error(
      `[soak] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    await stopAll(2_000);
    process.exit(1);
  },
);
