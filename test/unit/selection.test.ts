import { buildSchema, type GraphQLResolveInfo, graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectedFields, selectsAny, selectsOnly } from '../../src/schema/selection.js';

const schema = buildSchema(`
  interface Named { name: String }
  type Thing implements Named { id: ID name: String more: String other: Thing }
  type Query { thing: Thing named: Named }
`);

/** Runs `source` and returns the resolve info of every `thing`/`named` field, by response key. */
async function infos(source: string): Promise<Map<string, GraphQLResolveInfo>> {
  const seen = new Map<string, GraphQLResolveInfo>();
  const capture = (_: unknown, __: unknown, info: GraphQLResolveInfo) => {
    seen.set(String(info.path.key), info);
    return { __typename: 'Thing' };
  };
  const result = await graphql({
    schema,
    source,
    rootValue: { thing: capture, named: capture },
    typeResolver: () => 'Thing',
  });
  expect(result.errors).toBeUndefined();
  return seen;
}

async function fieldsOf(source: string, key = 'thing'): Promise<string[]> {
  const info = (await infos(source)).get(key);
  if (!info) {
    throw new Error(`no field ${key}`);
  }
  return [...selectedFields(info)].sort();
}

describe('selectedFields', () => {
  it('names the fields directly below, not their subfields', async () => {
    expect(await fieldsOf('{ thing { id name other { more } } }')).toEqual(['id', 'name', 'other']);
  });

  it('uses field names, not aliases', async () => {
    expect(await fieldsOf('{ thing { a: id b: name c: name } }')).toEqual(['id', 'name']);
  });

  it('leaves out __typename', async () => {
    expect(await fieldsOf('{ thing { __typename } }')).toEqual([]);
    expect(await fieldsOf('{ thing { t: __typename id } }')).toEqual(['id']);
  });

  it('reads named fragments, nested fragments and a fragment spread twice', async () => {
    const source = `
      { thing { ...A ...A id } }
      fragment A on Thing { name ...B }
      fragment B on Thing { more __typename }
    `;
    expect(await fieldsOf(source)).toEqual(['id', 'more', 'name']);
  });

  it('reads inline fragments, with and without a type condition', async () => {
    const source = '{ thing { ... on Thing { more } ... { name } ... on Named { __typename } } }';
    expect(await fieldsOf(source)).toEqual(['more', 'name']);
  });

  it('reads fragments on an interface field', async () => {
    const source =
      '{ named { name ... on Thing { id } ...T } } fragment T on Thing { other { id } }';
    expect(await fieldsOf(source, 'named')).toEqual(['id', 'name', 'other']);
  });

  it('merges every field node of the same response key', async () => {
    const source = '{ thing { id } thing { name } ... { thing { more } } }';
    expect(await fieldsOf(source)).toEqual(['id', 'more', 'name']);
  });

  it('keeps aliases of the same field apart', async () => {
    const seen = await infos('{ a: thing { id } b: thing { name more } }');
    expect([...selectedFields(seen.get('a') as GraphQLResolveInfo)]).toEqual(['id']);
    expect([...selectedFields(seen.get('b') as GraphQLResolveInfo)].sort()).toEqual([
      'more',
      'name',
    ]);
  });
});

describe('selectsOnly / selectsAny', () => {
  const ID_ONLY = new Set(['id']);
  const FULL_ONLY = new Set(['more']);

  const info = async (source: string) => (await infos(source)).get('thing') as GraphQLResolveInfo;

  it('an id-only selection, however it is spelled, is id-only', async () => {
    for (const source of [
      '{ thing { id } }',
      '{ thing { key: id __typename } }',
      '{ thing { ...F } } fragment F on Thing { id }',
      '{ thing { ... on Thing { id } } }',
      '{ thing { __typename } }',
    ]) {
      expect([source, selectsOnly(await info(source), ID_ONLY)]).toEqual([source, true]);
    }
  });

  it('any other field, even hidden in a fragment, is not id-only', async () => {
    for (const source of [
      '{ thing { id name } }',
      '{ thing { id ...F } } fragment F on Thing { other { id } }',
      '{ thing { id ... on Thing { n: name } } }',
    ]) {
      expect([source, selectsOnly(await info(source), ID_ONLY)]).toEqual([source, false]);
    }
  });

  it('selectsAny finds a listed field through aliases and fragments', async () => {
    expect(selectsAny(await info('{ thing { id name } }'), FULL_ONLY)).toBe(false);
    expect(selectsAny(await info('{ thing { m: more } }'), FULL_ONLY)).toBe(true);
    const nested = '{ thing { ...F } } fragment F on Thing { ... on Thing { more } }';
    expect(selectsAny(await info(nested), FULL_ONLY)).toBe(true);
    expect(selectsAny(await info('{ thing { other { more } } }'), FULL_ONLY)).toBe(false);
  });
});
