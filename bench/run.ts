// `npm run bench` (and `npm run bench:smoke`): the sandbox, the gateway as deployed, the
// optimal aggregator and the Apollo peer as child processes on loopback; identical answers
// first, then alternating rounds per mode; one table and bench/results/<time>.json.

import { buildGateway, buildReferences } from './build.js';
import { CACHE_SCENARIO, cacheTable, measureUpstreamCache } from './cache-scenario.js';
import { type BenchConfig, loadBenchConfig } from './config.js';
import { lifetimePeakRssMb } from './proc-stats.js';
import { installCleanup, stopAll } from './processes.js';
import { buildReport, loadAverage, type Report, writeReport } from './report.js';
import { type Cell, measureMode } from './rounds.js';
import { startSandboxChild } from './sandbox-control.js';
import { measureScaleOut, type ScaleOutFigure, type ScaleOutOptions } from './scale-out.js';
import { buildScenarios, selectScenarios } from './scenarios.js';
import { type Soak, soakGateway } from './soak.js';
import { startGateway } from './start-gateway.js';
import { startReferences } from './start-references.js';
import { table } from './summary.js';
import { verifyAll } from './verify.js';

const began = performance.now();
const log = (message: string): void => {
  const elapsed = ((performance.now() - began) / 1000).toFixed(1);
  process.stderr.write(`[bench +${elapsed}s] ${message}\n`);
};

async function main(): Promise<void> {
  const config = loadBenchConfig(process.env);
  installCleanup();
  const startedAt = new Date();
  const loadAtStart = loadAverage();
  log(
    `${config.smoke ? 'SMOKE · ' : ''}modes ${config.latenciesMs.join(', ')} ms · ${config.rounds} round(s) · ${config.durationS} s × ${config.connections} connections per run`,
  );
  if (config.scaleOut === 'only') {
    await scaleOutOnly(config);
    return;
  }
  const [buildMs] = await Promise.all([config.gatewayMain ? 0 : buildGateway(), buildReferences()]);
  log(`npm run build: ${(buildMs / 1000).toFixed(1)} s`);

  const sandbox = await startSandboxChild({ scale: config.scale });
  const token = sandbox.ready.adminToken;
  const scenarios = buildScenarios(sandbox.ready.fixtures);
  // C1 (the upstream cache) is a gateway-only figure of its own, run after the modes
  const named = config.scenarios.filter((name) => name !== CACHE_SCENARIO);
  const runsCache =
    config.scenarios.length === 0 ? !config.smoke : config.scenarios.includes(CACHE_SCENARIO);
  const measured =
    config.scenarios.length > 0 && named.length === 0 ? [] : selectScenarios(scenarios, named);
  // The gateway starts alone, so nothing else competes with its cold start.
  const probe = scenarios[0];
  if (probe === undefined) {
    throw new Error('no scenarios');
  }
  const gateway = await startGateway(sandbox, config, probe);
  log(
    `gateway: cold start ${gateway.coldStartMs.toFixed(0)} ms, idle RSS ${gateway.idleRssMb.toFixed(0)} MiB`,
  );
  const [aggregator, peer] = await startReferences(sandbox, config);
  const systems = [gateway.system, aggregator, peer];

  const busy = systems.map((s) => s.child.pid);
  const verified: Report['verified'] = [];
  const cells: Cell[] = [];
  for (const latencyMs of config.latenciesMs) {
    await sandbox.setLatency(latencyMs);
    const checked = await verifyAll(scenarios, systems, token, sandbox);
    verified.push({ latencyMs, scenarios: checked.verified });
    log(`${latencyMs} ms: all systems answer the same data on ${scenarios.length} scenarios`);
    for (const v of checked.verified.filter((v) => v.callsDiffer.length > 0)) {
      log(
        `WARNING ${v.scenario}: upstream calls of ${v.callsDiffer.join(', ')} differ from the gateway's`,
      );
    }
    const { bodies } = checked;
    const mode = { latencyMs, scenarios: measured, systems, bodies, token, sandbox, config, log };
    cells.push(...(await measureMode(mode)));
  }

  const s4 = scenarios.find((s) => s.name === 'S4');
  let soaked: Soak | undefined;
  if (config.soakS > 0 && s4) {
    log(`soak: S4 on the gateway for ${config.soakS} s…`);
    const { connections, soakS: seconds } = config;
    soaked = await soakGateway({
      gateway: gateway.system,
      s4,
      token,
      sandbox,
      seconds,
      connections,
      busy,
    });
  }

  const upstreamCache = runsCache
    ? await measureUpstreamCache({ sandbox, config, probe, token, log })
    : undefined;

  const failures =
    (upstreamCache?.figures.reduce((n, f) => n + f.failures, 0) ?? 0) +
    cells.reduce(
      (n, cell) => n + Object.values(cell.median).reduce((k, m) => k + (m?.failures ?? 0), 0),
      0,
    ) +
    (soaked?.failures ?? 0);
  const lifetime = {
    gateway: lifetimePeakRssMb(gateway.system.child.pid),
    aggregator: lifetimePeakRssMb(aggregator.child.pid),
    peer: lifetimePeakRssMb(peer.child.pid),
    sandbox: lifetimePeakRssMb(sandbox.child.pid),
  };
  // after the modes, with the other systems stopped: nothing competes with the replicas
  await stopAll(5_000, { keepGuard: config.scaleOut === 'also' });
  const scaleOut =
    config.scaleOut === 'also' ? await measureScaleOut(scaleOutOptions(config)) : undefined;
  if (scaleOut) {
    await stopAll();
  }
  const report = buildReport({
    startedAt,
    config,
    loadAtStart,
    gateway: {
      buildMs,
      coldStartMs: gateway.coldStartMs,
      idleRssMb: gateway.idleRssMb,
      soak: soaked,
    },
    verified,
    cells,
    lifetimePeakRssMb: lifetime,
    failures,
    upstreamCache,
  });
  const file = writeReport({ ...report, scaleOut });
  console.log(table(report, cells));
  if (upstreamCache) {
    console.log(`\n${cacheTable(upstreamCache)}`);
  }
  if (scaleOut) {
    console.log(formatScaleOut(scaleOut));
  }
  console.log(`results: ${file}`);
  if (failures > 0) {
    throw new Error(`${failures} requests failed or answered differently (see ${file})`);
  }
}

const scaleOutOptions = (config: BenchConfig): ScaleOutOptions => ({
  seconds: config.scaleOutS,
  pollMs: 250,
  gatewayMain: config.gatewayMain ?? 'dist/main.js',
  log,
});

const formatScaleOut = (figures: readonly ScaleOutFigure[]): string =>
  [
    'scale-out (30 SSE subscribers of one flow run, SUBSCRIPTION_POLL_MS=250): upstream GETs of the run per second',
    ...figures.map(
      (f) =>
        `  ${f.replicas} replica(s) ${f.redis ? 'sharing one Redis' : 'without Redis    '}  ${f.getsPerSecond.toFixed(2)} GET/s  (${f.gets} in ${f.seconds} s)`,
    ),
  ].join('\n');

/** BENCH_SCALE_OUT=only: the scale-out figure alone (the build, no other system). */
async function scaleOutOnly(config: BenchConfig): Promise<void> {
  if (!config.gatewayMain) {
    const buildMs = await buildGateway();
    log(`npm run build: ${(buildMs / 1000).toFixed(1)} s`);
  }
  const figures = await measureScaleOut(scaleOutOptions(config));
  await stopAll();
  console.log(formatScaleOut(figures));
}

main().catch(async (error: unknown) => {
  console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
  await stopAll(2_000);
  process.exit(1);
});
