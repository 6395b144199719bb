import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

describe('operation limits and service endpoints', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      env: { MAX_ESTIMATED_UPSTREAM_CALLS: '100', MAX_UPSTREAM_CALLS: '3' },
    });
  });
  afterAll(() => gw.close());

  it('rejects a document whose worst case exceeds the estimate budget, before any call', async () => {
    gw.resetCalls();
    const res = await gw.execute(
      '{ integrations(first: 10) { nodes { flows(first: 20) { nodes { user { name } } } } } }',
    );
    expect(res.data ?? null).toBeNull();
    // 1 list of integrations + 10 lists of flows + one user per flow (200)
    expect(res.errors?.[0]?.extensions).toEqual({
      code: 'OPERATION_LIMIT',
      estimatedUpstreamCalls: 211,
    });
    expect(gw.calls()).toEqual([]);
  });

  it('answers that rejection as a request error: 400 for graphql-response+json (found by the soak)', async () => {
    const query =
      '{ integrations(first: 10) { nodes { flows(first: 20) { nodes { user { name } } } } } }';
    for (const [accept, status] of [
      ['application/graphql-response+json', 400],
      ['application/json', 200],
    ] as const) {
      const res = await gw.execute(query, undefined, { headers: { accept } });
      expect(res).toEqual({
        status,
        errors: [
          {
            message:
              'This operation could need up to 211 upstream calls (limit 100): ask for smaller pages or fewer relations.',
            extensions: { code: 'OPERATION_LIMIT', estimatedUpstreamCalls: 211 },
          },
        ],
      });
    }
  });

  it('stops calling upstream after MAX_UPSTREAM_CALLS and still returns the rest', async () => {
    const flows = gw.sandbox.data.flows.filter((f) => f.connectionId && !f.archivedAt).slice(0, 5);
    const query = `{ ${flows.map((f, i) => `f${i}: flow(selector: "${f.id}") { id }`).join(' ')} }`;
    gw.resetCalls();
    const res = await gw.execute<Record<string, { id: string } | null>>(query);
    expect(gw.calls()).toHaveLength(3);
    const answered = Object.values(res.data ?? {}).filter((v) => v !== null);
    expect(answered).toHaveLength(3);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual([
      'OPERATION_LIMIT',
      'OPERATION_LIMIT',
    ]);
  });

  it('limits depth, aliases and tokens with OPERATION_LIMIT and no upstream call', async () => {
    gw.resetCalls();
    const deep = `{ flows { nodes { ${'flow { '.repeat(12)}id${' }'.repeat(12)} } } }`;
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: user(id: "u") { id }`).join(' ')} }`;
    const tokens = `{ ${Array.from({ length: 3100 }, () => '__typename').join(' ')} }`;
    const expected = [
      [deep, 'Query depth limit of 12 exceeded, found 15.'],
      [aliases, 'Aliases limit of 30 exceeded, found 31.'],
      [tokens, 'Syntax Error: Token limit of 3000 exceeded.'],
    ];
    for (const [query, message] of expected) {
      const res = await gw.execute(query ?? '');
      expect(res.errors).toEqual([{ message, extensions: { code: 'OPERATION_LIMIT' } }]);
    }
    expect(gw.calls()).toEqual([]);
  });

  it('serves liveness, readiness and metrics', async () => {
    const base = gw.url.replace(/\/graphql$/, '');
    expect((await gw.execute('{ __typename }')).data).toEqual({ __typename: 'Query' });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^gateway_upstream_calls_total\{method="GET"\} \d+$/m);
    expect(metrics).toContain('gateway_http_request_duration_seconds_bucket');
    expect(metrics).toMatch(/^gateway_graphql_operations_total\{type="query",result="ok"\} \d+$/m);
  });

  it('counts the codes of requests refused before execution, which run no operation', async () => {
    const base = gw.url.replace(/\/graphql$/, '');
    const count = async (code: string) => {
      const text = await (await fetch(`${base}/metrics`)).text();
      const line = new RegExp(`^gateway_graphql_errors_total\\{code="${code}"\\} (\\d+)$`, 'm');
      return Number(line.exec(text)?.[1] ?? 0);
    };
    const [parse, validation] = [
      await count('GRAPHQL_PARSE_FAILED'),
      await count('GRAPHQL_VALIDATION_FAILED'),
    ];
    await gw.execute('{ flow(');
    await gw.execute('{ flw { id } }');
    await gw.execute('{ flw { id } }');
    expect([await count('GRAPHQL_PARSE_FAILED'), await count('GRAPHQL_VALIDATION_FAILED')]).toEqual(
      [parse + 1, validation + 2],
    );
  });

  it('reports not ready when the upstream is gone', async () => {
    const other = await startTestGateway();
    const base = other.url.replace(/\/graphql$/, '');
    await other.sandbox.close();
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    await other.close().catch(() => undefined);
  });
});
