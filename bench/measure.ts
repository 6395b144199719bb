import autocannon, { type Options, type Result } from 'autocannon';
import type { BenchConfig } from './config.js';
import { cpuMs, sampleRss } from './proc-stats.js';
import type { SandboxControl } from './sandbox-control.js';
import type { TargetRequest } from './targets.js';

/** One system on one scenario. */
export interface Measurement {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  completed: number;
  /** Socket errors, timeouts, non-2xx answers and bodies unlike the verified one. */
  failures: number;
  /** Exact, from the counted pass: sandbox calls ÷ completed requests. */
  upstreamCallsPerOp: number;
  upstreamByResource: Record<string, number>;
  /** Highest VmRSS sampled during the measured run, MiB. */
  peakRssMb: number;
  /** CPU (user + system) of the system's process per completed request, ms. */
  cpuMsPerOp: number;
  /** CPU of the sandbox per completed request, ms (JSON only: shows when the upstream limits). */
  sandboxCpuMsPerOp: number;
}

function run(options: Options): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon(options).then(resolve, reject);
  });
}

const failures = (r: Result): number => r.errors + r.timeouts + r.non2xx + r.mismatches;

/**
 * A counted pass first (exactly `config.counted` requests: warms the process up and gives the
 * exact upstream calls per operation), then the timed run with CPU and RSS sampling.
 */
export async function measure(
  pid: number,
  request: TargetRequest,
  expectBody: string,
  sandbox: SandboxControl,
  config: BenchConfig,
): Promise<Measurement> {
  const base: Options = { ...request, expectBody, connections: config.connections, timeout: 10 };

  await sandbox.settle();
  await sandbox.clear();
  const counted = await run({ ...base, amount: config.counted });
  const calls = await sandbox.count();
  if (failures(counted) > 0 || calls.failed > 0 || calls.inFlight > 0) {
    throw new Error(
      `${request.url}: the counted pass had ${failures(counted)} failed or different answers and ${calls.failed} failed upstream calls`,
    );
  }
  const perOp = (n: number): number => n / counted.requests.total;

  await sandbox.settle();
  await sandbox.clear();
  const cpuBefore = cpuMs(pid);
  const sandboxCpuBefore = cpuMs(sandbox.child.pid);
  const rss = sampleRss(pid);
  const timed = await run({ ...base, duration: config.durationS });
  const cpuUsed = cpuMs(pid) - cpuBefore;
  const sandboxCpuUsed = cpuMs(sandbox.child.pid) - sandboxCpuBefore;
  const peakRssMb = rss.stop();
  await sandbox.clear();

  return {
    requestsPerSecond: timed.requests.total / timed.duration,
    p50Ms: timed.latency.p50,
    p99Ms: timed.latency.p99,
    completed: timed.requests.total,
    failures: failures(timed),
    upstreamCallsPerOp: perOp(calls.total),
    upstreamByResource: Object.fromEntries(
      Object.entries(calls.byResource).map(([k, n]) => [k, perOp(n)]),
    ),
    peakRssMb,
    cpuMsPerOp: timed.requests.total > 0 ? cpuUsed / timed.requests.total : 0,
    sandboxCpuMsPerOp: timed.requests.total > 0 ? sandboxCpuUsed / timed.requests.total : 0,
  };
}
