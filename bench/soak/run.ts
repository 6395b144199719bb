// `npm run soak` (and `npm run soak:smoke` in CI): the gateway as deployed against the sandbox
// in its own process, faults of every kind on 2 % of upstream requests, a mix of reads, errors
// on purpose and mutation lanes at a bounded concurrency; every answer checked, then the
// gateway's process, logs, upstream sockets and heap. One table and bench/results/soak-*.json.
import { loadavg } from 'node:os';
import { buildGateway } from '../build.js';
import { lifetimePeakRssMb } from '../proc-stats.js';
import { installCleanup, stopAll } from '../processes.js';
import { soakChecks } from './checks.js';
import { createClient } from './client.js';
import { loadSoakConfig } from './config.js';
import { drive, type Outcome } from './drive.js';
import { faultKinds, faultRules } from './fault-kinds.js';
import { startGatewayProcess } from './gateway-process.js';
import { openHeapProbe } from './heap.js';
import { Lane } from './lanes.js';
import { createMix } from './mix.js';
import { Observer } from './observer.js';
import { controlOperations, controlPaths, mixedOperations } from './operations.js';
import { controlReference, sequentialPass } from './passes.js';
import { prepare } from './prepare.js';
import { environment, formatReport, type SoakReport, writeSoakReport } from './report.js';
import { startSoakSandbox } from './sandbox-control.js';
import { judgeRun } from './verdicts.js';

const began = performance.now();
const log = (message: string): void => {
  process.stderr.write(`[soak +${((performance.now() - began) / 1000).toFixed(1)}s] ${message}\n`);
};

/** Beyond the deadline, an answer that has not come is a hung response. */
const GIVE_UP_MARGIN_MS = 10_000;
/** The longest idle pause waited for the sockets: keep-alive (4 s) and a margin. */
const IDLE_LIMIT_MS = 15_000;

async function main(): Promise<number> {
  const config = loadSoakConfig(process.env);
  installCleanup();
  const startedAt = new Date();
  const loadAtStart = loadavg()[0] ?? 0;
  log(
    `${config.operations} operations · ${config.concurrency} at once · faults on ${config.faultRate * 100} % of upstream requests`,
  );
  await buildGateway();
  // runs are stepped by hand only: a lane's run is still running when the lane stops it
  const sandbox = await startSoakSandbox({
    SANDBOX_SEED: String(config.seed),
    SANDBOX_FLOW_RUN_STEP_MS: '600000',
  });
  const { fixtures, adminToken, tenantToken } = sandbox.ready;
  const gateway = await startGatewayProcess({
    MEMBRANE_API_URL: sandbox.ready.url,
    MEMBRANE_API_TOKEN: adminToken,
    LOG_LEVEL: 'warn',
    REQUEST_TIMEOUT_MS: String(config.requestTimeoutMs),
  });
  const baseline = (await sandbox.connections()).open;
  const heap = await openHeapProbe(gateway.inspectorUrl);
  const observer = new Observer(sandbox, heap, gateway.child.pid);
  const client = createClient({
    url: gateway.url,
    tokens: { admin: adminToken, tenant: tenantToken },
    connections: config.concurrency,
    giveUpMs: config.requestTimeoutMs + GIVE_UP_MARGIN_MS,
  });
  const secrets = [sandbox.ready.url, new URL(sandbox.ready.url).host, adminToken, tenantToken];

  const prepared = await prepare(client);
  const controls = controlOperations(fixtures);
  const mixed = mixedOperations(fixtures, prepared);
  const lanes = fixtures.laneFlowIds.map((id, i) => new Lane(i, id));
  const checked = [...mixed, ...controls];
  const before = await sequentialPass({
    client,
    phase: 'before',
    operations: checked,
    lane: lanes[0] as Lane,
    secrets,
  });
  const reference = controlReference(before);
  log(`fault-free pass: ${before.length} answers; ${reference.size} control answers kept`);

  const kinds = faultKinds(config.requestTimeoutMs);
  await sandbox.setFaults(faultRules(kinds, config.faultRate, controlPaths(fixtures)));
  const mix = createMix({
    seed: config.seed,
    controlEvery: config.controlEvery,
    controls,
    mixed,
    lanes,
  });
  const run = (phase: string, count: number, onAnswer?: (done: number) => Promise<void>) =>
    drive({ client, phase, count, concurrency: config.concurrency, pick: mix, secrets, onAnswer });
  observer.start();
  const warmUp = await run('warm-up', Math.max(200, Math.round(config.operations / 20)));
  await observer.sample('start');
  log(`warm-up: ${warmUp.length} operations; faulty run of ${config.operations}…`);
  const marks = new Map(
    [0.25, 0.5, 0.75].map((f) => [Math.round(f * config.operations), `${f * 100} %`]),
  );
  const mainStarted = performance.now();
  const main = await run('main', config.operations, async (done) => {
    const mark = marks.get(done);
    if (mark !== undefined) {
      await observer.sample(mark);
    }
  });
  const mainSeconds = (performance.now() - mainStarted) / 1000;
  await observer.stop();
  await sandbox.setFaults([]);
  log(`faulty run done in ${mainSeconds.toFixed(1)} s; idle until the upstream sockets are back…`);
  const idle = await observer.idleUntilBaseline(baseline, IDLE_LIMIT_MS);
  await observer.sample('end');
  const after = await sequentialPass({
    client,
    phase: 'after',
    operations: checked,
    lane: lanes[1] as Lane,
    secrets,
  });
  await observer.harvest();
  heap.close();
  await client.close();

  const exitedDuringRun = gateway.exit() !== undefined;
  const peakRssMiB = lifetimePeakRssMb(gateway.child.pid);
  const exit = await gateway.stop();
  const judge = (outcomes: readonly Outcome[]) =>
    judgeRun({
      outcomes,
      faulted: observer.faulted,
      kinds,
      timeoutMs: config.requestTimeoutMs,
      reference,
    });
  const mainJudged = judge(main);
  const others = [
    ['before', before],
    ['warm-up', warmUp],
    ['after', after],
  ] as const;
  const samples = observer.samples;
  const report: SoakReport = {
    startedAt: startedAt.toISOString(),
    seconds: (performance.now() - began) / 1000,
    config,
    environment: environment([loadAtStart, loadavg()[0] ?? 0]),
    main: {
      ...mainJudged,
      seconds: mainSeconds,
      operationsPerSecond: main.length / mainSeconds,
      upstreamRequests: observer.requests.main ?? 0,
    },
    others: others.map(([phase, outcomes]) => {
      const j = judge(outcomes);
      const failures = j.malformed + j.unexplained + j.missing + j.unsurfaced + j.control.differing;
      return { phase, operations: outcomes.length, failures, examples: j.examples };
    }),
    sockets: {
      baseline,
      peak: observer.peakSockets,
      end: idle.open,
      backToBaselineMs: idle.ms,
      accepted: (await sandbox.connections()).accepted,
    },
    memory: {
      samples,
      heapGrowthMiB: (samples.at(-1)?.heapMiB ?? 0) - (samples[0]?.heapMiB ?? 0),
      peakRssMiB,
    },
    gateway: {
      exitedDuringRun,
      exit: exit.signal ?? `exit ${exit.code}`,
      logs: gateway.logs(),
    },
    checks: [],
  };
  report.checks = soakChecks(report, kinds);
  await stopAll();
  console.log(formatReport(report, kinds));
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
