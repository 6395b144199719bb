import type { BenchConfig } from './config.js';
import { unloadedP50 } from './latency-probe.js';
import { measure } from './measure.js';
import type { TargetRequest } from './requests.js';
import type { SandboxControl } from './sandbox-control.js';
import type { Scenario } from './scenarios.js';
import { startGateway } from './start-gateway.js';

/** The scenario's name in `BENCH_SCENARIOS` (it is not one of the three-system cells). */
export const CACHE_SCENARIO = 'C1';

/** Issue 13's figure: Membrane-like latency, where the catalog costs a second round. */
const LATENCY_MS = 50;
const QUERY = 'query C1 { flows(first: 20) { nodes { id name integration { name logoUri } } } }';

/** One gateway, with or without UPSTREAM_CACHE_TTL_MS, on the warm page read repeatedly. */
export interface CacheFigure {
  cache: 'off' | 'on';
  /** One request at a time: the latency a reader sees (one round of upstream latency per level). */
  unloadedP50Ms: number;
  /** Under `BENCH_CONNECTIONS` concurrent readers. */
  p50Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  upstreamCallsPerOp: number;
  upstreamByResource: Record<string, number>;
  failures: number;
}

export interface CacheBench {
  latencyMs: number;
  query: string;
  figures: CacheFigure[];
}

/**
 * C1: a page of 20 flows with their integration's name and logo, read again and again, by the
 * gateway without and with the upstream cache (in process: the integrations; the flows are
 * not cached). Without it each read is two rounds of upstream latency (the page, then its
 * integrations); warm, with it, one. Both must answer byte for byte the same.
 */
export async function measureUpstreamCache(options: {
  sandbox: SandboxControl;
  config: BenchConfig;
  probe: Scenario;
  token: string;
  log: (message: string) => void;
}): Promise<CacheBench> {
  const { sandbox, config, probe, token, log } = options;
  await sandbox.setLatency(LATENCY_MS);
  const figures: CacheFigure[] = [];
  let expected: string | undefined;
  for (const cache of ['off', 'on'] as const) {
    const gatewayEnv = {
      ...config.gatewayEnv,
      UPSTREAM_CACHE_TTL_MS: cache === 'on' ? '600000' : '0',
    };
    const { system } = await startGateway(sandbox, { ...config, gatewayEnv }, probe);
    try {
      const request: TargetRequest = {
        url: `${system.url}/graphql`,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          authorization: `Bearer ${token}`,
        },
        body: JSON.stringify({ query: QUERY }),
      };
      // the first read fills the cache; every measured one after it is warm
      const body = await (await fetch(request.url, request)).text();
      expected ??= body;
      if (body !== expected || !body.startsWith('{"data":{"flows"')) {
        throw new Error(`C1: the gateway with the cache ${cache} answered differently: ${body}`);
      }
      log(`${LATENCY_MS} ms · ${CACHE_SCENARIO} · gateway, upstream cache ${cache}`);
      const unloadedP50Ms = await unloadedP50(request, expected);
      const m = await measure(system.child.pid, request, expected, sandbox, config, [
        system.child.pid,
      ]);
      figures.push({
        cache,
        unloadedP50Ms,
        p50Ms: m.p50Ms,
        p99Ms: m.p99Ms,
        requestsPerSecond: m.requestsPerSecond,
        upstreamCallsPerOp: m.upstreamCallsPerOp,
        upstreamByResource: m.upstreamByResource,
        failures: m.failures,
      });
    } finally {
      system.child.proc.kill('SIGTERM');
    }
  }
  return { latencyMs: LATENCY_MS, query: QUERY, figures };
}

/** The figures as lines for the terminal. */
export function cacheTable(bench: CacheBench): string {
  const rows = bench.figures.map(
    (f) =>
      `| ${f.cache} | ${f.unloadedP50Ms.toFixed(1)} | ${f.p50Ms.toFixed(1)} | ${f.p99Ms.toFixed(1)} | ${f.requestsPerSecond.toFixed(0)} | ${f.upstreamCallsPerOp.toFixed(2)} |`,
  );
  return [
    `${CACHE_SCENARIO} at ${bench.latencyMs} ms upstream latency: flows(first: 20) with integration { name logoUri }`,
    '| upstream cache | p50 ms, one at a time | p50 ms loaded | p99 ms loaded | req/s | upstream calls/op |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
