import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { composeServices } from '@theguild/federation-composition';
import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printSubgraphContract, SCHEMA_FILE, sortDocument } from '../../scripts/schema-contract.js';
import { schema } from '../../src/schema/index.js';

const committed = readFileSync(SCHEMA_FILE, 'utf8');
const REGENERATE = 'is out of date with the code: run `npm run codegen` and commit the result';

describe('schema contract (schema/schema.graphql)', () => {
  it('matches the schema the code builds', () => {
    expect(committed, `${SCHEMA_FILE} ${REGENERATE}`).toBe(printSubgraphContract(schema));
  });

  it('is sorted: types, fields, arguments and enum values by name', () => {
    expect(print(sortDocument(parse(committed))), `${SCHEMA_FILE} is not sorted`).toBe(
      committed.trimEnd(),
    );
    expect(committed.split('\n').slice(0, 1)).toEqual([
      'extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])',
    ]);
  });

  it('declares the entities with @key(fields: "id") (design §4, FlowRun §9, Action and ActionRunLog §11)', () => {
    const keyed = [
      ...committed.matchAll(/^type (\w+)(?: implements [\w &]+)? @key\(fields: "id"\) \{$/gm),
    ].map((m) => m[1]);
    expect(keyed).toEqual([
      'Action',
      'ActionRunLog',
      'Connection',
      'Flow',
      'FlowRun',
      'Integration',
      'User',
    ]);
  });

  it('composes as a federation v2 subgraph without errors', () => {
    const result = composeServices([
      { name: 'membrane', url: 'http://membrane.invalid/graphql', typeDefs: parse(committed) },
    ]);
    expect(result.errors?.map((e) => e.message) ?? []).toEqual([]);
  });

  it('typed documents in test/gql are what codegen generates now (codegen --check)', () => {
    // the CLI itself: its in-process `generate(config, false)` omits the headers the CLI writes
    const run = spawnSync(
      process.execPath,
      ['node_modules/.bin/graphql-codegen', '--config', 'codegen.ts', '--check'],
      { encoding: 'utf8' },
    );
    const report = `${run.stdout}${run.stderr}`.trim().split('\n').slice(-6).join('\n');
    expect(run.status, `${report}\n(generated files ${REGENERATE})`).toBe(0);
  }, 60_000);
});
