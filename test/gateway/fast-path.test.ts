import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  apq,
  documentIdOf,
  FlowName,
  MANIFEST_PATH,
  sha256,
  UNLISTED,
} from '../support/persisted.js';

interface Answer {
  status: number;
  headers: Record<string, string | undefined>;
  body: string;
}

/**
 * One POST over a real socket. With a declared length a small JSON body takes the fast path;
 * sent chunked (no length) the same request is Yoga's own, which the fast path must equal.
 */
function post(url: string, body: string, headers: Record<string, string>, chunked: boolean) {
  return new Promise<Answer>((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: {
            'content-type': res.headers['content-type'],
            allow: res.headers.allow,
            'cache-control': res.headers['cache-control'],
            'content-length': res.headers['content-length'],
          },
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    if (chunked) {
      req.setHeader('transfer-encoding', 'chunked');
    } else {
      req.setHeader('content-length', Buffer.byteLength(body));
    }
    req.end(body);
  });
}

const JSON_TYPE = { 'content-type': 'application/json' };

const bodies: Record<string, string> = {
  'a query': JSON.stringify({ query: '{ flows(first: 2) { nodes { id name state } } }' }),
  'a query with variables and an operation name': JSON.stringify({
    query: 'query A($n: Int) { flows(first: $n) { nodes { id } } } query B { __typename }',
    variables: { n: 1 },
    operationName: 'A',
  }),
  'a field error (not found)': JSON.stringify({ query: '{ flow(selector: "nope") { id } }' }),
  'a bad argument': JSON.stringify({ query: '{ flows(first: 0) { nodes { id } } }' }),
  'a validation error': JSON.stringify({ query: '{ flows { nope } }' }),
  'a syntax error': JSON.stringify({ query: '{ flows(' }),
  'a variable of the wrong type': JSON.stringify({
    query: 'query ($n: Int) { flows(first: $n) { nodes { id } } }',
    variables: { n: 'three' },
  }),
  'an unknown operation name': JSON.stringify({ query: '{ __typename }', operationName: 'Nope' }),
  'a depth above the limit': JSON.stringify({
    query: `{ ${'flows { nodes { flow { '.repeat(5)}id${' } } }'.repeat(5)} }`,
  }),
  'a failing mutation': JSON.stringify({
    query: 'mutation { refreshFlow(selector: "nope") { id } }',
  }),
  'a subscription (none in the schema)': JSON.stringify({ query: 'subscription { x }' }),
  'variables as a list': JSON.stringify({ query: '{ __typename }', variables: [1] }),
  'an unknown parameter': JSON.stringify({ query: '{ __typename }', nope: 1 }),
  'no query': JSON.stringify({ variables: {} }),
  'a query that is not a string': JSON.stringify({ query: 1 }),
  'a batch (a list of operations)': JSON.stringify([{ query: '{ __typename }' }]),
  'not JSON': '{ query',
  'JSON null': 'null',
};

const FLOW_NAME = documentIdOf(FlowName);
/** Persisted-operation requests (a flow that does not exist: the answer needs no seed data). */
const persistedBodies: Record<string, string> = {
  'a documentId': JSON.stringify({ documentId: FLOW_NAME, variables: { selector: 'nope' } }),
  'an APQ hash': JSON.stringify({
    extensions: apq(FLOW_NAME.slice(7)),
    variables: { selector: 'nope' },
  }),
  'an unknown documentId': JSON.stringify({ documentId: `sha256:${sha256('none')}` }),
  'an unknown APQ hash': JSON.stringify({ extensions: apq(sha256('none')) }),
  'an APQ hash with its query': JSON.stringify({
    query: UNLISTED,
    extensions: apq(sha256(UNLISTED)),
  }),
  'an APQ hash with another query': JSON.stringify({
    query: UNLISTED,
    extensions: apq(sha256('x')),
  }),
  'a documentId with a query': JSON.stringify({ documentId: FLOW_NAME, query: UNLISTED }),
  'a documentId that is not a string': JSON.stringify({ documentId: 1 }),
};

const accepts: Record<string, Record<string, string>> = {
  'no Accept': {},
  'Accept */*': { accept: '*/*' },
  'Accept application/json': { accept: 'application/json' },
  'Accept application/graphql-response+json': { accept: 'application/graphql-response+json' },
  'both, response+json first': {
    accept: 'application/graphql-response+json, application/json;q=0.9',
  },
  'both, json first': { accept: 'application/json, application/graphql-response+json' },
  'a wildcard first': { accept: '*/*, application/graphql-response+json' },
};

const cases = (shapes: Record<string, string>) =>
  Object.entries(shapes).flatMap(([what, body]) =>
    Object.entries(accepts).map(([accept, headers]) => ({ what, accept, body, headers })),
  );

/** The same request chunked (Yoga's own path) and with a length (the fast path): one answer. */
async function expectSameAnswer(gw: TestGateway, body: string, headers: Record<string, string>) {
  const all = { ...JSON_TYPE, ...headers };
  const handle = vi.spyOn(gw.fastPath, 'handle');
  const yoga = await post(gw.url, body, all, true);
  expect(handle).not.toHaveBeenCalled();
  const fast = await post(gw.url, body, all, false);
  expect(handle).toHaveBeenCalledTimes(1);
  handle.mockRestore();
  expect({ ...fast, headers: { ...fast.headers, 'content-length': undefined } }).toEqual({
    ...yoga,
    headers: { ...yoga.headers, 'content-length': undefined },
  });
  expect(fast.headers['content-length']).toBe(String(Buffer.byteLength(fast.body)));
  return fast;
}

describe('the fast path answers exactly as Yoga does', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it.each(cases({ ...bodies, ...persistedBodies }))('$what, $accept', async ({ body, headers }) => {
    await expectSameAnswer(gw, body, headers);
  });

  it('leaves other shapes to Yoga: event streams, other content types, GET, big bodies', async () => {
    const handle = vi.spyOn(gw.fastPath, 'handle');
    const body = JSON.stringify({ query: '{ __typename }' });
    const sse = await post(gw.url, body, { ...JSON_TYPE, accept: 'text/event-stream' }, false);
    expect(sse.headers['content-type']).toBe('text/event-stream');
    expect(sse.body).toContain('"data":{"__typename":"Query"}');
    const form = await post(
      gw.url,
      'query=%7B__typename%7D',
      {
        'content-type': 'application/x-www-form-urlencoded',
      },
      false,
    );
    expect(form.status).toBe(415);
    const get = await fetch(`${gw.url}?query=${encodeURIComponent('{ __typename }')}`);
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
    const padded = JSON.stringify({ query: `{ __typename }#${' '.repeat(70_000)}` });
    const big = await post(gw.url, padded, JSON_TYPE, false);
    expect(JSON.parse(big.body)).toEqual({ data: { __typename: 'Query' } });
    expect(handle).not.toHaveBeenCalled();
    handle.mockRestore();
  });
});

describe.each(['allow', 'require'])('the fast path under PERSISTED_OPERATIONS=%s', (mode) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      env: { PERSISTED_OPERATIONS: mode, PERSISTED_OPERATIONS_MANIFEST: MANIFEST_PATH },
    });
  });
  afterAll(() => gw.close());

  it.each(
    cases({ ...persistedBodies, 'a query': bodies['a query'] ?? '' }),
  )('$what, $accept', async ({ body, headers }) => {
    await expectSameAnswer(gw, body, headers);
  });

  it('cannot be used to send a raw document past require', async () => {
    gw.resetCalls();
    const answer = await expectSameAnswer(gw, JSON.stringify({ query: UNLISTED }), {});
    const code = (JSON.parse(answer.body) as { errors?: { extensions: { code: string } }[] })
      .errors?.[0]?.extensions.code;
    expect(code).toBe(mode === 'require' ? 'PERSISTED_QUERY_ONLY' : undefined);
    expect(gw.calls()).toHaveLength(mode === 'require' ? 0 : 2);
  });
});
