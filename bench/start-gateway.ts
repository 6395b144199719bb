import { join } from 'node:path';
import type { BenchConfig } from './config.js';
import { rssMb } from './proc-stats.js';
import { type Child, freePort, ROOT, spawnNode } from './processes.js';
import { requestFor, type System } from './requests.js';
import type { SandboxControl } from './sandbox-control.js';
import type { Scenario } from './scenarios.js';

export interface GatewayStart {
  system: System;
  /** Spawn → first GraphQL answer with data, ms (what a restart costs a deployment). */
  coldStartMs: number;
  /** VmRSS 1 s after that first answer, MiB. */
  idleRssMb: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls with a real operation until the gateway answers it with data; ms since `startedAt`. */
async function firstAnswer(child: Child, system: System, probe: Scenario, token: string) {
  const request = requestFor(system, probe, token);
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    if (child.proc.exitCode !== null || child.proc.signalCode !== null) {
      throw new Error(`gateway exited while starting:\n${child.tail() || '(no output)'}`);
    }
    const answered = await fetch(request.url, { ...request, signal: AbortSignal.timeout(2_000) })
      .then(async (res) => res.ok && ((await res.json()) as { data?: unknown }).data != null)
      .catch(() => false);
    if (answered) {
      return;
    }
    await sleep(5);
  }
  throw new Error(`gateway: no GraphQL answer within 30 s:\n${child.tail() || '(no output)'}`);
}

/**
 * The gateway as deployed: `node dist/main.js`, NODE_ENV=production, pointed at the sandbox
 * with its admin token. It has no IPC channel: the orphan guard covers the driver's death.
 */
export async function startGateway(
  sandbox: SandboxControl,
  config: BenchConfig,
  probe: Scenario,
): Promise<GatewayStart> {
  const port = await freePort();
  const profile = config.cpuProf
    ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'bench', 'results', 'prof')}`]
    : [];
  const startedAt = performance.now();
  const child = spawnNode({
    name: 'gateway',
    args: [...profile, config.gatewayMain ?? 'dist/main.js'],
    env: {
      HOST: '127.0.0.1',
      PORT: String(port),
      MEMBRANE_API_URL: sandbox.ready.url,
      MEMBRANE_API_TOKEN: sandbox.ready.adminToken,
      LOG_LEVEL: 'warn',
      ...config.gatewayEnv,
    },
  });
  const system: System = {
    name: 'gateway',
    child,
    url: `http://127.0.0.1:${port}`,
    speaks: 'graphql',
  };
  await firstAnswer(child, system, probe, sandbox.ready.adminToken);
  const coldStartMs = performance.now() - startedAt;
  await sleep(1_000);
  return { system, coldStartMs, idleRssMb: rssMb(child.pid) };
}
