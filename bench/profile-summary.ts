// `tsx bench/profile-summary.ts <file.cpuprofile>`: where a gateway profile's CPU time went,
// by package (or src/ folder) and by function (self time). Profiles come from BENCH_CPU_PROF=1.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './processes.js';
import { createSourceResolver } from './profile-sources.js';

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** `graphql-yoga`, `@whatwg-node/server`, `dist/schema`, `node:internal`, or `(program)`. */
function owner(url: string, functionName: string): string {
  if (url === '') {
    return functionName.startsWith('(') ? functionName : `(${functionName || 'native'})`;
  }
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (module?.[1]) {
    return module[1];
  }
  // the gateway runs compiled (dist/); sources appear when a profile comes from tsx
  const source = /\/(src|dist|bench)\/([^/]+)(\/)?/.exec(url);
  if (source?.[2]) {
    return source[3]
      ? `${source[1]}/${source[2]}`
      : `${source[1]}/${source[2].replace(/\.[jt]s$/, '')}`;
  }
  // node:internal/streams/writable → node:internal/streams; node:_http_server stays
  return url.startsWith('node:') ? url.split('/').slice(0, 2).join('/').replace(/\.js$/, '') : url;
}

function top(totals: Map<string, number>, all: number, count: number): string[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(
      ([name, us]) =>
        `${((100 * us) / all).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`,
    );
}

/** The main thread's profile of the newest process (a loader or worker thread writes a small one too). */
function latestProfile(): string {
  const dir = join(ROOT, 'bench', 'results', 'prof');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => ({ path: join(dir, f), pid: f.split('.')[3], stat: statSync(join(dir, f)) }))
    .sort((a, b) => b.stat.mtimeMs - a.stat.mtimeMs);
  const newest = files[0];
  if (!newest) {
    throw new Error(`no .cpuprofile in ${dir}: run with BENCH_CPU_PROF=1`);
  }
  const main = files.filter((f) => f.pid === newest.pid).sort((a, b) => b.stat.size - a.stat.size);
  return (main[0] ?? newest).path;
}

const file = process.argv[2] ?? latestProfile();
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const resolve = createSourceResolver();
const sourceOf = (frame: ProfileNode['callFrame']) =>
  resolve(frame.url, frame.lineNumber, frame.columnNumber);
const parent = new Map<number, number>();
for (const node of profile.nodes) {
  for (const child of node.children ?? []) {
    parent.set(child, node.id);
  }
}
/** Packages anywhere on the sample's stack: inclusive time, each counted once per sample. */
function stackOwners(id: number): Set<string> {
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const frame = byId.get(at)?.callFrame;
    if (frame?.url) {
      seen.add(owner(sourceOf(frame).url, frame.functionName));
    }
  }
  return seen;
}
const inclusive = new Map<string, number>();
const byOwner = new Map<string, number>();
const byFunction = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const node = byId.get(id);
  const us = profile.timeDeltas[i] ?? 0;
  if (!node) {
    return;
  }
  total += us;
  const { functionName } = node.callFrame;
  const { url, line: lineNumber } = sourceOf(node.callFrame);
  const where = owner(url, functionName);
  byOwner.set(where, (byOwner.get(where) ?? 0) + us);
  for (const name of stackOwners(id)) {
    inclusive.set(name, (inclusive.get(name) ?? 0) + us);
  }
  const name = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + us);
});
const idle = byOwner.get('(idle)') ?? 0;
console.log(
  `${file}\n${(total / 1000).toFixed(0)} ms sampled, ${((100 * idle) / total).toFixed(0)} % idle`,
);
console.log('\nself time by package / source folder:');
console.log(top(byOwner, total, 15).join('\n'));
console.log('\ninclusive time (package anywhere on the stack):');
console.log(top(inclusive, total, 20).join('\n'));
console.log('\nself time by function:');
console.log(top(byFunction, total, 25).join('\n'));
