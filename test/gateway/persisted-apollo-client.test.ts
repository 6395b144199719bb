import { createHash } from 'node:crypto';
import { ApolloClient, type DocumentNode, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { documentIdOf, FlowName, MANIFEST_PATH, someFlow } from '../support/persisted.js';

/** What one HTTP request of the client carried, and what came back. */
interface Exchange {
  method: string;
  hash?: string;
  query: boolean;
  status: number;
  code?: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Apollo Client 4 as an app sets it up for APQ: its persisted-query link in front of its HTTP
 * link (both unchanged), with `fetch` wrapped to record each exchange.
 */
function apolloClient(
  url: string,
  exchanges: Exchange[],
  options: { useGETForHashedQueries?: boolean; generateHash?: (doc: DocumentNode) => string } = {},
) {
  const recordingFetch: typeof fetch = async (input, init) => {
    const target = new URL(String(input));
    const params =
      init?.method === 'POST'
        ? (JSON.parse(String(init.body)) as Record<string, unknown>)
        : Object.fromEntries(
            [...target.searchParams].map(([k, v]) => [
              k,
              k === 'variables' || k === 'extensions' ? JSON.parse(v) : v,
            ]),
          );
    const res = await fetch(input, init);
    const body = (await res.clone().json()) as { errors?: { extensions?: { code?: string } }[] };
    const extensions = params.extensions as { persistedQuery?: { sha256Hash: string } } | undefined;
    exchanges.push({
      method: init?.method ?? 'GET',
      hash: extensions?.persistedQuery?.sha256Hash,
      query: typeof params.query === 'string',
      status: res.status,
      code: body.errors?.[0]?.extensions?.code,
    });
    return res;
  };
  const persisted = options.generateHash
    ? new PersistedQueryLink({ generateHash: options.generateHash })
    : new PersistedQueryLink({
        sha256,
        useGETForHashedQueries: options.useGETForHashedQueries ?? false,
      });
  return new ApolloClient({
    link: persisted.concat(new HttpLink({ uri: url, fetch: recordingFetch })),
    cache: new InMemoryCache(),
  });
}

// parse, not gql: codegen collects gql documents into the manifest, and these must stay out
const INTEGRATION = parse('query FirstIntegration { integrations(first: 1) { nodes { key } } }');

describe('Apollo Client persisted-query link against PERSISTED_OPERATIONS=allow', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { PERSISTED_OPERATIONS: 'allow' } });
  });
  afterAll(() => gw.close());

  it.each([
    ['POST', false],
    ['GET', true],
  ] as const)('hash (%s) → NOT_FOUND, hash + query registers, the next client sends the hash only', async (method, useGETForHashedQueries) => {
    const first: Exchange[] = [];
    const query = parse(`query By${method} { integrations(first: 1) { nodes { key } } }`);
    const result = await apolloClient(gw.url, first, { useGETForHashedQueries }).query({ query });
    expect(result.data).toEqual({
      integrations: {
        __typename: 'IntegrationConnection',
        nodes: [{ __typename: 'Integration', key: expect.any(String) }],
      },
    });
    const hash = first[0]?.hash;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    // the client asks for application/graphql-response+json first: the miss is a 404
    expect(first).toEqual([
      { method, hash, query: false, status: 404, code: 'PERSISTED_QUERY_NOT_FOUND' },
      { method: 'POST', hash, query: true, status: 200 },
    ]);
    const second: Exchange[] = [];
    await apolloClient(gw.url, second, { useGETForHashedQueries }).query({ query });
    expect(second).toEqual([{ method, hash, query: false, status: 200 }]);
  });
});

describe('Apollo Client persisted-query link against PERSISTED_OPERATIONS=require', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      env: { PERSISTED_OPERATIONS: 'require', PERSISTED_OPERATIONS_MANIFEST: MANIFEST_PATH },
    });
  });
  afterAll(() => gw.close());

  it('an unlisted document: the hash misses, the resent query is refused with PERSISTED_QUERY_ONLY', async () => {
    const exchanges: Exchange[] = [];
    gw.resetCalls();
    const failure = await apolloClient(gw.url, exchanges)
      .query({ query: INTEGRATION })
      .then(
        () => undefined,
        (error: { errors?: { extensions?: { code?: string } }[] }) => error,
      );
    expect(failure?.errors?.map((e) => e.extensions?.code)).toEqual(['PERSISTED_QUERY_ONLY']);
    const hash = exchanges[0]?.hash;
    expect(exchanges).toEqual([
      { method: 'POST', hash, query: false, status: 404, code: 'PERSISTED_QUERY_NOT_FOUND' },
      { method: 'POST', hash, query: true, status: 400, code: 'PERSISTED_QUERY_ONLY' },
    ]);
    expect(gw.calls()).toEqual([]);
  });

  it("a codegen document, hashed by its manifest id (codegen's __meta__.hash), runs", async () => {
    const flow = someFlow(gw);
    const exchanges: Exchange[] = [];
    const id = documentIdOf(FlowName);
    // as codegen's docs set Apollo up: the link sends the id the typed document carries
    const client = apolloClient(gw.url, exchanges, { generateHash: documentIdOf });
    const result = await client.query({ query: FlowName, variables: { selector: flow.id } });
    expect(result.data?.flow).toMatchObject({ id: flow.id, name: flow.name });
    expect(exchanges).toEqual([{ method: 'POST', hash: id, query: false, status: 200 }]);
  });
});
