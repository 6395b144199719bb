import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build, stop } from 'esbuild';
import { ROOT } from './processes.js';

const run = promisify(execFile);

/**
 * `npm run build` (the esbuild bundle in dist/), so the gateway runs as it is deployed. A failed build stops
 * the benchmark with its messages: measuring a stale dist/ would be measuring other code.
 */
export async function buildGateway(): Promise<number> {
  const started = performance.now();
  try {
    await run('npm', ['run', 'build'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const output = error as { stdout?: string; stderr?: string };
    throw new Error(
      `npm run build failed:\n${[output.stdout, output.stderr].filter(Boolean).join('\n').trim()}`,
    );
  }
  return performance.now() - started;
}

/** Where the compiled references go (git-ignored); bare imports still resolve to node_modules. */
export const REFERENCE_BUILD_DIR = join(ROOT, 'bench', 'results', 'build');

/**
 * The aggregator and the peer compiled to plain JavaScript too, so every system runs without
 * a TypeScript loader (tsx alone adds ~35 MiB RSS and ~0.4 s of start). Only the bench's own
 * files are bundled; packages load from node_modules as they would in production.
 */
export async function buildReferences(): Promise<void> {
  await build({
    entryPoints: {
      aggregator: join(ROOT, 'bench', 'aggregator', 'server.ts'),
      peer: join(ROOT, 'bench', 'peer', 'server.ts'),
    },
    outdir: REFERENCE_BUILD_DIR,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
  });
  // esbuild keeps a service process for further builds: there are none
  await stop();
}
