import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { composeSupergraph } from '../federation/compose.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

// GRAPHIQL and INTROSPECTION (design §10): both on by default; off, on every transport.

type Transport = 'POST (fast path)' | 'POST chunked (Yoga)' | 'GET';
const TRANSPORTS: Transport[] = ['POST (fast path)', 'POST chunked (Yoga)', 'GET'];

/** One operation over a real socket; says whether the fast path served it. */
function send(
  gw: TestGateway,
  transport: Transport,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ status: number; body: unknown; fast: boolean }> {
  const handle = vi.spyOn(gw.fastPath, 'handle');
  const json = JSON.stringify({ query, variables });
  const search = new URLSearchParams({ query, variables: JSON.stringify(variables) });
  const url = transport === 'GET' ? `${gw.url}?${search}` : gw.url;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: transport === 'GET' ? 'GET' : 'POST' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const fast = handle.mock.calls.length === 1;
        handle.mockRestore();
        resolve({
          status: res.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
          fast,
        });
      });
    });
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

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const SUGGESTING = '{ flows(firs: 1) { nodez { id } } }';
const SDL = '{ _service { sdl } }';

const introspectionRefused = (field: string, column: number) => ({
  message: `GraphQL introspection has been disabled, but the requested query contained the field "${field}".`,
  locations: [{ line: 1, column }],
  extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
});

describe('defaults: GraphiQL served, introspection and suggestions on', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('serves GraphiQL to a browser', async () => {
    const res = await fetch(gw.url, { headers: { accept: BROWSER_ACCEPT } });
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/html']);
    expect(await res.text()).toContain('<title>Membrane GraphQL gateway</title>');
  });

  it.each(TRANSPORTS)('answers __schema and suggests names, %s', async (transport) => {
    const schema = await send(gw, transport, '{ __schema { queryType { name } } }');
    expect(schema).toEqual({
      status: 200,
      body: { data: { __schema: { queryType: { name: 'Query' } } } },
      fast: transport === 'POST (fast path)',
    });
    const suggested = await send(gw, transport, SUGGESTING);
    expect(suggested.body).toEqual({
      errors: [
        {
          message: 'Unknown argument "firs" on field "Query.flows". Did you mean "first"?',
          locations: [{ line: 1, column: 9 }],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
        {
          message: 'Cannot query field "nodez" on type "FlowConnection". Did you mean "nodes"?',
          locations: [{ line: 1, column: 20 }],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ],
    });
  });
});

describe('GRAPHIQL=false, INTROSPECTION=false', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { GRAPHIQL: 'false', INTROSPECTION: 'false' } });
  });
  afterAll(() => gw.close());

  it('a browser GET /graphql gets Yoga’s answer to a GET without a query, not GraphiQL', async () => {
    const browser = await fetch(gw.url, { headers: { accept: BROWSER_ACCEPT } });
    expect([browser.status, browser.headers.get('content-type'), await browser.json()]).toEqual([
      200,
      'application/json; charset=utf-8',
      { errors: [{ message: 'Must provide query string.', extensions: { code: 'BAD_REQUEST' } }] },
    ]);
    // HTML alone is a media type the endpoint cannot answer in
    const html = await fetch(gw.url, { headers: { accept: 'text/html' } });
    expect([html.status, await html.text()]).toEqual([406, '']);
  });

  it.each(TRANSPORTS)('refuses __schema and __type before execution, %s', async (transport) => {
    gw.resetCalls();
    expect(await send(gw, transport, '{ __schema { queryType { name } } }')).toEqual({
      status: 200,
      body: {
        errors: [introspectionRefused('__schema', 3), introspectionRefused('queryType', 14)],
      },
      fast: transport === 'POST (fast path)',
    });
    expect((await send(gw, transport, '{ __type(name: "Flow") { name } }')).body).toEqual({
      errors: [introspectionRefused('__type', 3)],
    });
    expect(gw.calls()).toEqual([]);
  });

  it.each(TRANSPORTS)('keeps __typename and _service, %s', async (transport) => {
    expect((await send(gw, transport, '{ __typename }')).body).toEqual({
      data: { __typename: 'Query' },
    });
    expect((await send(gw, transport, SDL)).body).toEqual({
      data: {
        _service: {
          sdl: expect.stringContaining('type Flow implements Node\n  @key(fields: "id")\n{'),
        },
      },
    });
  });

  it.each(TRANSPORTS)('validation errors suggest no names, %s', async (transport) => {
    expect((await send(gw, transport, SUGGESTING)).body).toEqual({
      errors: [
        {
          message: 'Unknown argument "firs" on field "Query.flows".',
          locations: [{ line: 1, column: 9 }],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
        {
          message: 'Cannot query field "nodez" on type "FlowConnection".',
          locations: [{ line: 1, column: 20 }],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ],
    });
    const others = await send(
      gw,
      transport,
      '{ flows(layer: CONECTION) { nodes { ... on Flw { id } } } }',
    );
    expect(others.body).toEqual({
      errors: [
        {
          message: 'Value "CONECTION" does not exist in "ElementLayer" enum.',
          locations: [{ line: 1, column: 16 }],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
        {
          message: 'Unknown type "Flw".',
          locations: [{ line: 1, column: 44 }],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ],
    });
  });

  it.each(TRANSPORTS)('variable errors suggest no enum value, %s', async (transport) => {
    gw.resetCalls();
    const res = await send(
      gw,
      transport,
      'query ($l: ElementLayer) { flows(layer: $l) { nodes { id } } }',
      { l: 'CONECTION' },
    );
    expect(res.body).toEqual({
      errors: [
        {
          message:
            'Variable "$l" got invalid value "CONECTION"; Value "CONECTION" does not exist in "ElementLayer" enum.',
          locations: [{ line: 1, column: 8 }],
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
    expect(gw.calls()).toEqual([]);
  });

  it('serves routers the same subgraph SDL as with introspection on, and it composes', async () => {
    const open = await startTestGateway();
    try {
      const sdlOf = async (g: TestGateway) =>
        ((await g.execute<{ _service: { sdl: string } }>(SDL)).data?._service.sdl ?? '') as string;
      const hidden = await sdlOf(gw);
      expect(hidden).toBe(await sdlOf(open));
      expect(() =>
        composeSupergraph([{ name: 'membrane', url: gw.url, sdl: hidden }]),
      ).not.toThrow();
    } finally {
      await open.close();
    }
  });
});
