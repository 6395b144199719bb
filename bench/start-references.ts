import { join } from 'node:path';
import { REFERENCE_BUILD_DIR } from './build.js';
import type { BenchConfig } from './config.js';
import { type ChildListening, REFERENCE_ENV } from './ipc.js';
import { isType, nextMessage, spawnNode } from './processes.js';
import type { System } from './requests.js';
import type { SandboxControl } from './sandbox-control.js';

async function startReference(
  name: 'aggregator' | 'peer',
  sandbox: SandboxControl,
  config: BenchConfig,
): Promise<System> {
  const child = spawnNode({
    name,
    args: [join(REFERENCE_BUILD_DIR, `${name}.js`)],
    env: {
      [REFERENCE_ENV.upstream]: sandbox.ready.url,
      // the aggregator mirrors the gateway's socket bound, also when BENCH_GATEWAY_ changes it
      [REFERENCE_ENV.connections]: config.gatewayEnv.UPSTREAM_CONNECTIONS ?? '64',
    },
    ipc: true,
  });
  const { port } = await nextMessage(child, isType<ChildListening>('listening'), 30_000);
  return {
    name,
    child,
    url: `http://127.0.0.1:${port}`,
    speaks: name === 'peer' ? 'graphql' : 'json',
  };
}

/** The optimal aggregator and the Apollo peer (compiled by `buildReferences`), side by side. */
export function startReferences(
  sandbox: SandboxControl,
  config: BenchConfig,
): Promise<[System, System]> {
  return Promise.all([
    startReference('aggregator', sandbox, config),
    startReference('peer', sandbox, config),
  ]);
}
