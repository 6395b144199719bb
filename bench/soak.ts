import autocannon, { type Result } from 'autocannon';
import { rssMb } from './proc-stats.js';
import { requestFor, type System, type TargetRequest } from './requests.js';
import type { SandboxControl } from './sandbox-control.js';
import type { Scenario } from './scenarios.js';
import { verifyScenario } from './verify.js';

/** The gateway's memory over a long run: a plateau is fine, growth to the end is a leak. */
export interface Soak {
  seconds: number;
  requestsPerSecond: number;
  failures: number;
  /** VmRSS after the first 10 s, MiB. */
  rssAt10sMb: number;
  rssAtEndMb: number;
  /** End ÷ 10 s: issue 7 wants ≤ 1.10. */
  ratio: number;
  /** One VmRSS sample per second, MiB. */
  samplesMb: number[];
}

/** Drives `request` for `seconds` at `connections`, sampling the process's VmRSS every second. */
export async function soak(
  pid: number,
  request: TargetRequest,
  expectBody: string,
  seconds: number,
  connections: number,
): Promise<Soak> {
  const samplesMb: number[] = [];
  const timer = setInterval(() => samplesMb.push(rssMb(pid)), 1_000);
  const result = await new Promise<Result>((resolve, reject) => {
    autocannon({ ...request, expectBody, connections, duration: seconds, timeout: 10 }).then(
      resolve,
      reject,
    );
  });
  clearInterval(timer);
  const rssAt10sMb = samplesMb[Math.min(9, samplesMb.length - 1)] ?? 0;
  const rssAtEndMb = samplesMb.at(-1) ?? 0;
  return {
    seconds,
    requestsPerSecond: result.requests.total / result.duration,
    failures: result.errors + result.timeouts + result.non2xx + result.mismatches,
    rssAt10sMb,
    rssAtEndMb,
    ratio: rssAt10sMb > 0 ? rssAtEndMb / rssAt10sMb : 0,
    samplesMb,
  };
}

/** The soak of issue 7: S4 on the gateway at zero added latency, its body verified first. */
export async function soakGateway(options: {
  gateway: System;
  s4: Scenario;
  token: string;
  sandbox: SandboxControl;
  seconds: number;
  connections: number;
  busy: readonly number[];
}): Promise<Soak> {
  const { gateway, s4, token, sandbox } = options;
  await sandbox.settle(options.busy);
  await sandbox.setLatency(0);
  const { bodies } = await verifyScenario(s4, [gateway], token, sandbox);
  const request = requestFor(gateway, s4, token);
  return soak(gateway.child.pid, request, bodies.gateway, options.seconds, options.connections);
}
