import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

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

describe('the fast path answers exactly as Yoga does', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  const cases = Object.entries(bodies).flatMap(([what, body]) =>
    Object.entries(accepts).map(([accept, headers]) => ({ what, accept, body, headers })),
  );

  it.each(cases)('$what, $accept', async ({ body, headers }) => {
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
