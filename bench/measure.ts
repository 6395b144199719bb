import autocannon, { type Result } from 'autocannon';
import type { BenchConfig } from './config.js';
import { countedPass } from './counted-pass.js';
import { cpuMs, sampleRss } from './proc-stats.js';
import type { TargetRequest } from './requests.js';
import type { SandboxControl } from './sandbox-control.js';

/** One system on one scenario. */
export interface Measurement {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers inside the measured window. */
  completed: number;
  /** Socket errors, timeouts, non-2xx answers and bodies unlike the verified one. */
  failures: number;
  /** Exact, from the counted pass: sandbox calls ÷ completed requests. */
  upstreamCallsPerOp: number;
  upstreamByResource: Record<string, number>;
  /** Highest VmRSS sampled during the run, MiB. */
  peakRssMb: number;
  /** CPU (user + system) of the system's process per answer in the window, ms. */
  cpuMsPerOp: number;
  /** CPU of the sandbox per answer, ms (JSON only: shows when the upstream limits). */
  sandboxCpuMsPerOp: number;
}

const failures = (r: Result): number => r.errors + r.timeouts + r.non2xx + r.mismatches;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

interface Mark {
  at: number;
  answers: number;
  cpu: number;
  sandboxCpu: number;
}

/**
 * A counted pass first (exactly `config.counted` requests: warms the process up and gives the
 * exact upstream calls per operation; any failed or different answer throws), then the timed
 * run. Its figures come from a window that opens once the connections are in steady state
 * (after one and a half request times): the ramp-up, when CPU is spent before the first answers,
 * and the requests abandoned at the end would otherwise bias CPU/op by up to `connections`
 * requests, which is a lot for a slow scenario.
 */
export async function measure(
  pid: number,
  request: TargetRequest,
  expectBody: string,
  sandbox: SandboxControl,
  config: BenchConfig,
  busy: readonly number[],
): Promise<Measurement> {
  await sandbox.settle(busy);
  await sandbox.clear();
  const countedAt = performance.now();
  const counted = await countedPass(request, expectBody, config.counted, config.connections);
  const requestMs =
    (performance.now() - countedAt) / Math.ceil(config.counted / config.connections);
  const calls = await sandbox.count();
  if (counted.failures > 0 || calls.failed > 0 || calls.inFlight > 0) {
    throw new Error(
      `${request.url}: the counted pass had ${counted.failures} failed or different answers and ${calls.failed} failed upstream calls (${calls.inFlight} still in flight)`,
    );
  }
  const perOp = (n: number): number => n / counted.completed;
  // every counted request was answered and no call is in flight: nothing more will arrive
  await sandbox.clear();

  const rampMs = Math.min(750, Math.max(250, 1.5 * requestMs));
  const latencies: number[] = [];
  let answers = 0;
  let windowOpen = false;
  const mark = (): Mark => ({
    at: performance.now(),
    answers,
    cpu: cpuMs(pid),
    sandboxCpu: cpuMs(sandbox.child.pid),
  });
  const rss = sampleRss(pid);
  const run = autocannon({
    ...request,
    expectBody,
    connections: config.connections,
    timeout: 10,
    duration: config.durationS + rampMs / 1000,
    // autocannon stops only on a sampling tick: 100 ms keeps the run close to its duration
    sampleInt: 100,
  });
  run.on('response', (_client, _status, _bytes, responseTimeMs) => {
    answers += 1;
    if (windowOpen) {
      latencies.push(responseTimeMs);
    }
  });
  const opened = sleep(rampMs).then(() => {
    windowOpen = true;
    return mark();
  });
  const timed = await new Promise<Result>((resolve, reject) => {
    run.then(resolve, reject);
  });
  const closed = mark();
  const open = await opened;
  const peakRssMb = rss.stop();
  await sandbox.clear();

  const inWindow = closed.answers - open.answers;
  latencies.sort((a, b) => a - b);
  const per = (used: number) => (inWindow > 0 ? used / inWindow : 0);
  return {
    requestsPerSecond: inWindow / ((closed.at - open.at) / 1000),
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    completed: inWindow,
    failures: failures(timed),
    upstreamCallsPerOp: perOp(calls.total),
    upstreamByResource: Object.fromEntries(
      Object.entries(calls.byResource).map(([k, n]) => [k, perOp(n)]),
    ),
    peakRssMb,
    cpuMsPerOp: per(closed.cpu - open.cpu),
    sandboxCpuMsPerOp: per(closed.sandboxCpu - open.sandboxCpu),
  };
}
