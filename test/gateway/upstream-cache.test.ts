import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

// The upstream GET cache in one process (no Redis): exact upstream calls from the sandbox's log.

const FLOWS_WITH_LOGOS = `{
  flows(first: 20) { nodes { id name integration { id name logoUri } } }
}`;
const FLOW = 'query($s: String!) { flow(selector: $s) { id name } }';
const RENAME = `mutation($s: String!, $name: String!) {
  updateFlow(selector: $s, input: { name: $name }) { id name }
}`;

const integrationGets = (calls: string[]) =>
  calls.filter((c) => c.startsWith('GET /integrations/'));

async function metric(gw: TestGateway, series: string): Promise<number> {
  const text = await (await fetch(gw.url.replace('/graphql', '/metrics'))).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

describe('UPSTREAM_CACHE_TTL_MS in one process', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      env: { UPSTREAM_CACHE_TTL_MS: '60000', EXPLAIN: 'true' },
    });
  });
  afterAll(() => gw.close());

  it('a page of flows reads each integration once; the next page read only the flows', async () => {
    gw.resetCalls();
    const first = await gw.execute(FLOWS_WITH_LOGOS);
    expect(first.errors).toBeUndefined();
    const firstCalls = gw.calls();
    const nodes = (first.data as { flows: { nodes: { integration: { id: string } | null }[] } })
      .flows.nodes;
    const integrations = new Set(nodes.flatMap((n) => (n.integration ? [n.integration.id] : [])));
    expect(integrations.size).toBeGreaterThan(1);
    expect(integrationGets(firstCalls).sort()).toEqual(
      [...integrations].map((id) => `GET /integrations/${id}`).sort(),
    );
    gw.resetCalls();
    const second = await gw.execute(FLOWS_WITH_LOGOS, undefined, {
      headers: { 'x-explain': '1' },
    });
    // flows are not cached by default, the catalog is
    expect(gw.calls()).toEqual(firstCalls.filter((c) => c.startsWith('GET /flows')));
    const { extensions, ...data } = second as typeof second & {
      extensions: { explain: Record<string, unknown> };
    };
    const { explain } = extensions;
    expect(data).toEqual(first);
    expect(explain.cached).toEqual(
      [...integrations].map(() => ({ method: 'GET', route: '/integrations/{id}' })),
    );
    expect(explain.calls).toEqual([
      { method: 'GET', route: '/flows', status: 200, ms: expect.any(Number), attempts: 1 },
    ]);
  });

  it('two credentials never share an entry', async () => {
    const query = '{ integrations(first: 5) { nodes { id name connection { id } } } }';
    await gw.execute(query);
    gw.resetCalls();
    const tenant = await gw.execute(query, undefined, { token: gw.sandbox.tokens.tenant });
    expect(tenant.errors).toBeUndefined();
    expect(gw.calls()).toEqual(['GET /integrations?limit=5']);
    gw.resetCalls();
    await gw.execute(query, undefined, { token: gw.sandbox.tokens.tenant });
    expect(gw.calls()).toEqual([]);
  });

  it('counts hits and misses in /metrics', async () => {
    const hits = 'gateway_upstream_cache_lookups_total{resource="integrations",result="hit"}';
    const misses = 'gateway_upstream_cache_lookups_total{resource="integrations",result="miss"}';
    const before = { hits: await metric(gw, hits), misses: await metric(gw, misses) };
    const id = gw.sandbox.data.integrations[0]?.id ?? '';
    await gw.execute('query($s: String!) { integration(selector: $s) { id } }', { s: id });
    await gw.execute('query($s: String!) { integration(selector: $s) { name } }', { s: id });
    const after = { hits: await metric(gw, hits), misses: await metric(gw, misses) };
    expect(after.hits + after.misses - before.hits - before.misses).toBe(2);
    expect(after.hits).toBeGreaterThan(before.hits);
  });
});

describe('UPSTREAM_CACHE_RESOURCES with flows: a write invalidates before its answer', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      env: { UPSTREAM_CACHE_TTL_MS: '60000', UPSTREAM_CACHE_RESOURCES: 'integrations,flows' },
    });
  });
  afterAll(() => gw.close());

  it('a read after updateFlow sees the new name, with one GET', async () => {
    const flow = gw.sandbox.data.flows.find((f) => !f.archivedAt);
    if (!flow) {
      throw new Error('no live flow in the seed');
    }
    await gw.execute(FLOW, { s: flow.id });
    gw.resetCalls();
    expect(await gw.execute(FLOW, { s: flow.id })).toEqual({
      status: 200,
      data: { flow: { id: flow.id, name: flow.name } },
    });
    expect(gw.calls()).toEqual([]);
    const renamed = await gw.execute(RENAME, { s: flow.id, name: 'Renamed through the cache' });
    expect(renamed.errors).toBeUndefined();
    gw.resetCalls();
    expect(await gw.execute(FLOW, { s: flow.id })).toEqual({
      status: 200,
      data: { flow: { id: flow.id, name: 'Renamed through the cache' } },
    });
    expect(gw.calls()).toEqual([`GET /flows/${flow.id}`]);
  });
});
