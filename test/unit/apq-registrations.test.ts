import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { usePersistedOperations } from '../../src/http/use-persisted-operations.js';
import { apq, NOT_FOUND, sha256 } from '../support/persisted.js';

/** Yoga with the gateway's persisted-operations plugins over a one-field schema (no upstream). */
function app(registrations: { maxDocuments: number; maxChars: number }) {
  const yoga = createYoga({
    schema: createSchema({ typeDefs: 'type Query { hello: String }', resolvers: {} }),
    extraParamNames: ['documentId'],
    plugins: usePersistedOperations({ mode: 'allow', manifest: new Map(), registrations }),
  });
  const post = async (body: object) =>
    (
      await yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).json();
  return {
    register: (query: string) => post({ query, extensions: apq(sha256(query)) }),
    byHash: (query: string) => post({ extensions: apq(sha256(query)) }),
  };
}

/** A document of exactly `chars` characters. */
const doc = (name: string, chars: number) => {
  const text = `query ${name} { hello }`;
  return `${text}${' '.repeat(chars - text.length)}`;
};

const HELLO = { data: { hello: null } };

describe('APQ registrations under allow: bounded per process, least recently used out first', () => {
  it('keeps at most maxDocuments', async () => {
    const { register, byHash } = app({ maxDocuments: 2, maxChars: 1000 });
    const [a, b, c] = ['A', 'B', 'C'].map((n) => doc(n, 20)) as [string, string, string];
    for (const query of [a, b]) {
      expect(await register(query)).toEqual(HELLO);
    }
    expect(await byHash(a)).toEqual(HELLO); // a is now the most recently used
    expect(await register(c)).toEqual(HELLO);
    expect(await byHash(b)).toEqual(NOT_FOUND);
    expect(await byHash(a)).toEqual(HELLO);
    expect(await byHash(c)).toEqual(HELLO);
  });

  it('keeps at most maxChars of documents, and never one larger than that (it still runs)', async () => {
    const { register, byHash } = app({ maxDocuments: 100, maxChars: 100 });
    const [a, b] = [doc('A', 60), doc('B', 60)];
    await register(a);
    await register(b);
    expect(await byHash(a)).toEqual(NOT_FOUND);
    expect(await byHash(b)).toEqual(HELLO);
    const huge = doc('Huge', 101);
    expect(await register(huge)).toEqual(HELLO);
    expect(await byHash(huge)).toEqual(NOT_FOUND);
    expect(await byHash(b)).toEqual(HELLO);
  });
});
