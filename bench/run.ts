// `npm run bench`: sandbox, gateway and baseline as child processes on loopback, the same
// fixed scenarios against both, one table (gateway ÷ baseline) and bench/results/<time>.json.
import { join } from 'node:path';
import { type BenchConfig, loadBenchConfig } from './config.js';
import { BASELINE_ENV, type BaselineReady } from './ipc.js';
import { type Measurement, measure } from './measure.js';
import { lifetimePeakRssMb } from './proc-stats.js';
import {
  type Child,
  freePort,
  installCleanup,
  nextMessage,
  ROOT,
  spawnTs,
  stopAll,
  waitForHttp,
} from './processes.js';
import { buildReport, formatTable, type ScenarioResult, writeReport } from './report.js';
import { type SandboxControl, startSandboxChild } from './sandbox-control.js';
import { buildScenarios, type Scenario } from './scenarios.js';
import { baselineRequest, gatewayRequest, type System, type TargetRequest } from './targets.js';
import { type Verified, verifyScenario } from './verify.js';

const log = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};

/**
 * The gateway runs from source through tsx, like `npm start`: tsx only transpiles while
 * modules load, so steady-state throughput is the compiled code's; and compiling would
 * write dist/, which other work in this tree shares.
 */
async function startGateway(sandbox: SandboxControl, config: BenchConfig) {
  const port = await freePort();
  const child = spawnTs({
    name: 'gateway',
    script: 'bench/gateway-child.ts',
    env: {
      HOST: '127.0.0.1',
      PORT: String(port),
      MEMBRANE_API_URL: sandbox.ready.url,
      MEMBRANE_API_TOKEN: sandbox.ready.adminToken,
      LOG_LEVEL: 'warn',
      ...config.gatewayEnv,
    },
    nodeFlags: config.cpuProf
      ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'bench', 'results', 'prof')}`]
      : [],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(child, `${url}/healthz`);
  return { child, url };
}

async function startBaseline(sandbox: SandboxControl) {
  const child = spawnTs({
    name: 'baseline',
    script: 'bench/baseline.ts',
    env: {
      [BASELINE_ENV.upstream]: sandbox.ready.url,
      [BASELINE_ENV.token]: sandbox.ready.adminToken,
    },
  });
  const ready = await nextMessage(
    child,
    (m): m is BaselineReady => typeof m === 'object' && m !== null && 'port' in m,
  );
  const url = `http://127.0.0.1:${ready.port}`;
  await waitForHttp(child, `${url}/healthz`);
  return { child, url };
}

function selectScenarios(all: Scenario[], names: string[]): Scenario[] {
  const unknown = names.filter((n) => !all.some((s) => s.name === n));
  if (unknown.length > 0) {
    throw new Error(
      `unknown BENCH_SCENARIOS ${unknown.join(', ')}; known: ${all.map((s) => s.name).join(', ')}`,
    );
  }
  return names.length === 0 ? all : all.filter((s) => names.includes(s.name));
}

async function main(): Promise<void> {
  const config = loadBenchConfig(process.env);
  installCleanup();
  const startedAt = new Date();
  log(
    `latency ${config.latencyMs} ms, scale ${config.scale}, ${config.durationS} s × ${config.connections} connections per run`,
  );
  const sandbox = await startSandboxChild({ latencyMs: config.latencyMs, scale: config.scale });
  const [gateway, baseline] = await Promise.all([
    startGateway(sandbox, config),
    startBaseline(sandbox),
  ]);
  log(`sandbox ${sandbox.ready.url}, gateway ${gateway.url}, baseline ${baseline.url}`);

  const scenarios = selectScenarios(buildScenarios(sandbox.ready.instanceFlowId), config.scenarios);
  const requests = (s: Scenario): Record<System, TargetRequest> => ({
    gateway: gatewayRequest(gateway.url, s),
    baseline: baselineRequest(baseline.url, s),
  });
  const verified: Verified[] = [];
  const expected = new Map<string, Record<System, string>>();
  for (const scenario of scenarios) {
    const r = requests(scenario);
    const check = await verifyScenario(scenario, r.gateway, r.baseline);
    verified.push(check.summary);
    expected.set(scenario.name, check.expected);
  }
  log(`same data from both systems on ${verified.length} scenarios`);

  const results: ScenarioResult[] = [];
  const systems: [System, Child][] = [
    ['gateway', gateway.child],
    ['baseline', baseline.child],
  ];
  for (const scenario of scenarios) {
    const measured: Partial<Record<System, Measurement>> = {};
    for (const [system, child] of systems) {
      log(`${scenario.name}: ${system}…`);
      const body = expected.get(scenario.name)?.[system] ?? '';
      measured[system] = await measure(
        child.pid,
        requests(scenario)[system],
        body,
        sandbox,
        config,
      );
    }
    if (measured.gateway && measured.baseline) {
      results.push({ ...scenario, gateway: measured.gateway, baseline: measured.baseline });
    }
  }

  const failures = results.reduce((n, r) => n + r.gateway.failures + r.baseline.failures, 0);
  const report = buildReport({
    startedAt: startedAt.toISOString(),
    seconds: (Date.now() - startedAt.getTime()) / 1000,
    config,
    verified,
    results,
    lifetimePeakRssMb: {
      gateway: lifetimePeakRssMb(gateway.child.pid),
      baseline: lifetimePeakRssMb(baseline.child.pid),
      sandbox: lifetimePeakRssMb(sandbox.child.pid),
    },
    failures,
  });
  await stopAll();
  const file = writeReport(report);
  console.log(formatTable(results));
  console.log(
    `\nupstream latency ${config.latencyMs} ms · ${config.connections} connections · ${config.durationS} s per run · ratios are gateway ÷ baseline · ${report.seconds.toFixed(0)} s total`,
  );
  console.log(`results: ${file}`);
  if (failures > 0) {
    throw new Error(`${failures} requests failed during the measured runs (see ${file})`);
  }
}

main().catch(async (error: unknown) => {
  console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
  await stopAll(2_000);
  process.exit(1);
});
