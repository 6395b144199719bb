import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSchemaChanges, formatReport, readBaseline } from '../../scripts/check-schema.js';
import { SCHEMA_FILE } from '../../scripts/schema-contract.js';

const committed = readFileSync(SCHEMA_FILE, 'utf8');

/** Replaces exactly one occurrence, so a fixture edit can never silently miss. */
function edit(sdl: string, from: string, to: string): string {
  expect(sdl.split(from)).toHaveLength(2);
  return sdl.replace(from, to);
}

const FLOW = 'type Flow implements Node @key(fields: "id") {\n';

describe('schema:check (breaking-change detection)', () => {
  it('reports no change for the committed schema itself', async () => {
    const check = await checkSchemaChanges(committed, committed);
    expect(check).toEqual({ changes: [], breaking: [] });
    expect(formatReport(check, 'HEAD', false).at(-1)).toBe('no breaking changes');
  });

  it('a removed field is BREAKING', async () => {
    const broken = edit(committed, '  internalId: String\n  isActive', '  isActive');
    const check = await checkSchemaChanges(committed, broken);
    expect(check.breaking).toEqual([
      {
        level: 'BREAKING',
        type: 'FIELD_REMOVED',
        path: 'User.internalId',
        message: "Field 'internalId' was removed from object type 'User'",
      },
    ]);
  });

  it('a changed field type is BREAKING, an added field is not', async () => {
    const broken = edit(
      edit(committed, FLOW, `${FLOW}  added: String\n`),
      '  autoCreateInstances: Boolean\n',
      '  autoCreateInstances: String\n',
    );
    const check = await checkSchemaChanges(committed, broken);
    expect(check.changes.map((c) => [c.level, c.path])).toEqual([
      ['NON_BREAKING', 'Flow.added'],
      ['BREAKING', 'Flow.autoCreateInstances'],
    ]);
    expect(formatReport(check, 'HEAD', false)).toEqual([
      'schema:check against HEAD: 2 change(s)',
      "  NON_BREAKING Flow.added  Field 'added' was added to object type 'Flow'",
      "  BREAKING     Flow.autoCreateInstances  Field 'Flow.autoCreateInstances' changed type from 'Boolean' to 'String'",
      '1 BREAKING change(s)',
    ]);
  });

  it('a removed @key (the entity leaves federation) is BREAKING', async () => {
    const check = await checkSchemaChanges(
      committed,
      edit(committed, FLOW, 'type Flow implements Node {\n'),
    );
    expect(check.breaking.map((c) => [c.type, c.path])).toEqual([
      ['DIRECTIVE_USAGE_OBJECT_REMOVED', 'Flow.@key'],
    ]);
  });

  it('a removed enum value and a new required argument are BREAKING', async () => {
    const broken = edit(
      edit(
        committed,
        '  CONNECTION\n  INTEGRATION\n  UNIVERSAL\n',
        '  CONNECTION\n  INTEGRATION\n',
      ),
      'user(id: ID!): User',
      'user(id: ID!, tenant: String!): User',
    );
    const check = await checkSchemaChanges(committed, broken);
    expect(check.breaking.map((c) => [c.type, c.path])).toEqual([
      ['ENUM_VALUE_REMOVED', 'ElementLayer.UNIVERSAL'],
      ['FIELD_ARGUMENT_ADDED', 'Query.user.tenant'],
    ]);
  });

  it('reads the baseline from git, falling back to the working file', () => {
    expect(readBaseline('HEAD')).toEqual({ sdl: committed, source: `${SCHEMA_FILE} at HEAD` });
    expect(readBaseline('no-such-ref-for-schema-check')).toEqual({
      sdl: committed,
      source: `${SCHEMA_FILE} (working copy)`,
    });
  });
});
