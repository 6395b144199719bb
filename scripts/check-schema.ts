import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type Change, CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildASTSchema, parse } from 'graphql';
import { SCHEMA_FILE } from './schema-contract.js';

/**
 * `npm run schema:check`: breaking-change check of the schema the code builds now against the
 * committed contract. The baseline is `schema/schema.graphql` at git ref `SCHEMA_BASE` (default
 * `HEAD`; CI on a pull request sets e.g. `SCHEMA_BASE=origin/main`), or the working file when
 * git or the ref is unavailable. Exit 1 on a BREAKING change unless `ALLOW_BREAKING=1`.
 */

export interface SchemaChange {
  level: CriticalityLevel;
  type: string;
  path?: string;
  message: string;
}

export interface SchemaCheck {
  changes: SchemaChange[];
  breaking: SchemaChange[];
}

export interface Baseline {
  sdl: string;
  /** Where the baseline came from, for the report. */
  source: string;
}

// Subgraph SDL uses federation directives it does not define (they come from the `@link`).
const build = (sdl: string) => buildASTSchema(parse(sdl), { assumeValidSDL: true });

// Inspector rates a removed directive as dangerous; a removed @key takes the entity out of
// federation, so routers can no longer join it from other subgraphs: that breaks clients.
const level = (change: Change): CriticalityLevel =>
  /^DIRECTIVE_USAGE_\w+_REMOVED$/.test(change.type) && change.path?.endsWith('.@key')
    ? CriticalityLevel.Breaking
    : change.criticality.level;

/** Every change from `baseline` to `current`, with its criticality; breaking ones apart. */
export async function checkSchemaChanges(baseline: string, current: string): Promise<SchemaCheck> {
  const changes = (await diff(build(baseline), build(current))).map((c) => ({
    level: level(c),
    type: c.type,
    path: c.path,
    message: c.message,
  }));
  return { changes, breaking: changes.filter((c) => c.level === CriticalityLevel.Breaking) };
}

/** The committed contract at `ref`, or the working file when git cannot provide it. */
export function readBaseline(ref = 'HEAD', cwd = process.cwd()): Baseline {
  try {
    const sdl = execFileSync('git', ['show', `${ref}:${SCHEMA_FILE}`], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return { sdl, source: `${SCHEMA_FILE} at ${ref}` };
  } catch {
    return {
      sdl: readFileSync(`${cwd}/${SCHEMA_FILE}`, 'utf8'),
      source: `${SCHEMA_FILE} (working copy)`,
    };
  }
}

/** The report lines: one per change, then the verdict. */
export function formatReport(check: SchemaCheck, source: string, allowBreaking: boolean): string[] {
  const lines = [`schema:check against ${source}: ${check.changes.length} change(s)`];
  for (const c of check.changes) {
    lines.push(`  ${c.level.padEnd(12)} ${c.path ?? ''}  ${c.message}`);
  }
  if (check.breaking.length === 0) {
    lines.push('no breaking changes');
  } else {
    lines.push(
      `${check.breaking.length} BREAKING change(s)${allowBreaking ? ' (allowed by ALLOW_BREAKING=1)' : ''}`,
    );
  }
  return lines;
}

async function main(): Promise<number> {
  // loaded here, not at the top: tests import the functions without building the schema
  const { printSubgraphContract } = await import('./schema-contract.js');
  const { schema } = await import('../src/schema/index.js');
  const baseline = readBaseline(process.env.SCHEMA_BASE || 'HEAD');
  const check = await checkSchemaChanges(baseline.sdl, printSubgraphContract(schema));
  const allowBreaking = process.env.ALLOW_BREAKING === '1';
  for (const line of formatReport(check, baseline.source, allowBreaking)) {
    console.log(line);
  }
  return check.breaking.length > 0 && !allowBreaking ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
