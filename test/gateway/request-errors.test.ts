import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

// Bad input that graphql-js rejects before any resolver runs (variable coercion) or that a
// resolver rejects before its first upstream call (an empty cursor): BAD_USER_INPUT (design §5),
// the same on every transport.

type Transport = 'POST (fast path)' | 'POST chunked (Yoga)' | 'GET';
const TRANSPORTS: Transport[] = ['POST (fast path)', 'POST chunked (Yoga)', 'GET'];

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

function send(
  gw: TestGateway,
  transport: Transport,
  query: string,
  variables: Record<string, unknown>,
): Promise<Answer> {
  const json = JSON.stringify({ query, variables });
  const search = new URLSearchParams({ query, variables: JSON.stringify(variables) });
  const url = transport === 'GET' ? `${gw.url}?${search}` : gw.url;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: transport === 'GET' ? 'GET' : 'POST',
        headers: { accept: 'application/graphql-response+json' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
          }),
        );
      },
    );
    req.on('error', reject);
    if (transport === 'GET') {
      req.end();
      return;
    }
    req.setHeader('content-type', 'application/json');
    if (transport === 'POST chunked (Yoga)') {
      req.setHeader('transfer-encoding', 'chunked');
    } else {
      req.setHeader('content-length', Buffer.byteLength(json));
    }
    req.end(json);
  });
}

const FLOWS = 'query ($n: Int, $a: String) { flows(first: $n, after: $a) { nodes { id } } }';

describe('request errors carry BAD_USER_INPUT on every transport', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  async function expectAnswer(
    transport: Transport,
    query: string,
    variables: Record<string, unknown>,
    expected: Answer,
  ) {
    const handle = vi.spyOn(gw.fastPath, 'handle');
    gw.resetCalls();
    expect(await send(gw, transport, query, variables)).toEqual(expected);
    expect(handle).toHaveBeenCalledTimes(transport === 'POST (fast path)' ? 1 : 0);
    handle.mockRestore();
    expect(gw.calls()).toEqual([]);
  }

  it.each(TRANSPORTS)('a variable of the wrong type (first: "x"), %s', async (transport) => {
    await expectAnswer(
      transport,
      FLOWS,
      { n: 'x' },
      {
        // a request error (no data) under application/graphql-response+json: 4xx (GraphQL over HTTP)
        status: 400,
        body: {
          errors: [
            {
              message:
                'Variable "$n" got invalid value "x"; Int cannot represent non-integer value: "x"',
              locations: [{ line: 1, column: 8 }],
              extensions: { code: 'BAD_USER_INPUT' },
            },
          ],
        },
      },
    );
  });

  it.each(TRANSPORTS)('a required variable missing and a null for a non-null, %s', async (t) => {
    await expectAnswer(
      t,
      'query ($s: String!, $id: ID!) { flow(selector: $s) { id } user(id: $id) { id } }',
      { id: null },
      {
        status: 400,
        body: {
          errors: [
            {
              message: 'Variable "$s" of required type "String!" was not provided.',
              locations: [{ line: 1, column: 8 }],
              extensions: { code: 'BAD_USER_INPUT' },
            },
            {
              message: 'Variable "$id" of non-null type "ID!" must not be null.',
              locations: [{ line: 1, column: 21 }],
              extensions: { code: 'BAD_USER_INPUT' },
            },
          ],
        },
      },
    );
  });

  it.each(TRANSPORTS)('after: "" is a malformed cursor, with no upstream call, %s', async (t) => {
    await expectAnswer(
      t,
      FLOWS,
      { n: 2, a: '' },
      {
        status: 200,
        body: {
          data: null,
          errors: [
            {
              message: 'Invalid cursor: use a cursor this API returned.',
              locations: [{ line: 1, column: 31 }],
              path: ['flows'],
              extensions: { code: 'BAD_USER_INPUT' },
            },
          ],
        },
      },
    );
  });

  it('after: null and no after still start at the beginning', async () => {
    gw.resetCalls();
    const [absent, none] = await Promise.all([
      gw.execute(FLOWS, { n: 2 }),
      gw.execute(FLOWS, { n: 2, a: null }),
    ]);
    expect(none).toEqual(absent);
    expect(absent.errors).toBeUndefined();
    expect(gw.calls()).toEqual(['GET /flows?limit=2', 'GET /flows?limit=2']);
  });
});
