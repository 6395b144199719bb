import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byCreatedThenId, encodeCursor as upstreamCursor } from '../../src/sandbox/pagination.js';
import type { SandboxData } from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

// Relay pagination over the upstream's cursor pages (design §4 "Lists").

interface Conn {
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const PAGE = 'edges { cursor node { id } } pageInfo { hasNextPage endCursor }';

const ordered = <T extends { id: string; createdAt?: string }>(items: T[]) =>
  [...items].sort(byCreatedThenId);
const ids = (items: { id: string }[]) => items.map((i) => i.id);
const liveFlows = (data: SandboxData) => ordered(data.flows.filter((f) => !f.archivedAt));

describe('Relay pagination', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  /** Follows endCursor to the end; returns every node id and each page. */
  async function walk(
    query: string,
    variables: Record<string, unknown>,
    pick: (data: Record<string, unknown>) => Conn,
  ): Promise<{ seen: string[]; pages: Conn[] }> {
    const seen: string[] = [];
    const pages: Conn[] = [];
    let after: string | null = null;
    for (let i = 0; i < 100; i++) {
      const res = await gw.execute(query, { ...variables, after });
      expect(res.errors).toBeUndefined();
      const page = pick(res.data ?? {});
      pages.push(page);
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) {
        break;
      }
      after = page.pageInfo.endCursor;
    }
    return { seen, pages };
  }

  const FLOWS = `query($first: Int, $after: String, $all: Boolean) {
    flows(first: $first, after: $after, includeArchived: $all) { ${PAGE} }
  }`;
  const flowsOf = (d: Record<string, unknown>) => d.flows as Conn;

  it.each([
    7, 20, 100,
  ])('walks flows(first: %i) to the end, one upstream page per page', async (first) => {
    const expected = ids(liveFlows(gw.sandbox.data));
    gw.resetCalls();
    const { seen, pages } = await walk(FLOWS, { first }, flowsOf);
    expect(seen).toEqual(expected);
    expect(pages).toHaveLength(Math.ceil(expected.length / first));
    expect(pages.map((p) => p.pageInfo.hasNextPage)).toEqual(
      pages.map((_, i) => i < pages.length - 1),
    );
    // the last edge's cursor resumes at the upstream's next page, never re-reading this one
    expect(gw.calls()).toEqual(
      pages.map((_, i) =>
        i === 0
          ? `GET /flows?limit=${first}`
          : `GET /flows?cursor=${upstreamCursor(i * first)}&limit=${first}`,
      ),
    );
  });

  it('includeArchived adds the archived flows in their place', async () => {
    const all = ordered(gw.sandbox.data.flows);
    expect(all.some((f) => f.archivedAt)).toBe(true);
    const { seen } = await walk(FLOWS, { first: 100, all: true }, flowsOf);
    expect(seen).toEqual(ids(all));
  });

  it('a cursor from the middle of a page resumes right after its edge', async () => {
    const expected = ids(liveFlows(gw.sandbox.data));
    const first = flowsOf((await gw.execute(FLOWS, { first: 20 })).data ?? {});
    gw.resetCalls();
    const next = flowsOf(
      (await gw.execute(FLOWS, { first: 5, after: first.edges[6]?.cursor })).data ?? {},
    );
    expect(ids(next.edges.map((e) => e.node))).toEqual(expected.slice(7, 12));
    expect(gw.calls()).toEqual(['GET /flows?limit=12']);

    const second = flowsOf(
      (await gw.execute(FLOWS, { first: 20, after: first.pageInfo.endCursor })).data ?? {},
    );
    gw.resetCalls();
    const resumed = flowsOf(
      (await gw.execute(FLOWS, { first: 5, after: second.edges[3]?.cursor })).data ?? {},
    );
    expect(ids(resumed.edges.map((e) => e.node))).toEqual(expected.slice(24, 29));
    expect(gw.calls()).toEqual([`GET /flows?cursor=${upstreamCursor(20)}&limit=9`]);
  });

  it('every edge of a page resumes right after itself', async () => {
    const expected = ids(liveFlows(gw.sandbox.data));
    const page = flowsOf((await gw.execute(FLOWS, { first: 10 })).data ?? {});
    const answers = await Promise.all(
      page.edges.map((e) => gw.execute(FLOWS, { first: 2, after: e.cursor })),
    );
    expect(answers.map((a) => ids(flowsOf(a.data ?? {}).edges.map((e) => e.node)))).toEqual(
      page.edges.map((_, i) => expected.slice(i + 1, i + 3)),
    );
  });

  it('rejects first outside 1–100 and a malformed cursor before any upstream call', async () => {
    const malformed = [
      'nope',
      Buffer.from('[1,2]').toString('base64url'),
      '%%%',
      'W251bGwsLTFd',
      '',
    ];
    const cases: Record<string, unknown>[] = [
      { first: 0 },
      { first: -3 },
      { first: 101 },
      ...malformed.map((after) => ({ first: 5, after })),
    ];
    for (const variables of cases) {
      gw.resetCalls();
      const res = await gw.execute(FLOWS, variables);
      expect([variables, res.data, res.errors?.map((e) => e.extensions?.code)]).toEqual([
        variables,
        null,
        ['BAD_USER_INPUT'],
      ]);
      expect(gw.calls()).toEqual([]);
    }
  });

  it('integration { flows } paginates with the integration filter', async () => {
    const data = gw.sandbox.data;
    const integration = data.integrations[0];
    const expected = ids(liveFlows(data).filter((f) => f.integrationId === integration?.id));
    expect(expected.length).toBeGreaterThan(10);
    gw.resetCalls();
    const { seen, pages } = await walk(
      `query($s: String!, $after: String) { integration(selector: $s) { flows(first: 5, after: $after) { ${PAGE} } } }`,
      { s: integration?.id },
      (d) => (d.integration as { flows: Conn }).flows,
    );
    expect(seen).toEqual(expected);
    const lists = gw.calls().filter((c) => c.startsWith('GET /flows'));
    expect(lists).toHaveLength(pages.length);
    expect(lists[0]).toBe(`GET /flows?integrationId=${integration?.id}&limit=5`);
    expect(lists[1]).toBe(
      `GET /flows?cursor=${upstreamCursor(5)}&integrationId=${integration?.id}&limit=5`,
    );
  });

  it('user { connections } paginates one connection at a time', async () => {
    const data = gw.sandbox.data;
    const user = data.customers.find(
      (c) => data.connections.filter((x) => x.userId === c.id && !x.archivedAt).length >= 3,
    );
    const expected = ids(
      ordered(data.connections.filter((c) => c.userId === user?.id && !c.archivedAt)),
    );
    const { seen, pages } = await walk(
      `query($id: ID!, $after: String) { user(id: $id) { connections(first: 1, after: $after) { ${PAGE} } } }`,
      { id: user?.id },
      (d) => (d.user as { connections: Conn }).connections,
    );
    expect(seen).toEqual(expected);
    expect(pages).toHaveLength(expected.length);
  });

  it('flow { instances } paginates the children of a flow', async () => {
    const data = gw.sandbox.data;
    const childrenOf = (id: string) => liveFlows(data).filter((f) => f.flowId === id);
    const parent = data.flows.find((f) => !f.connectionId && childrenOf(f.id).length >= 3);
    const expected = ids(childrenOf(parent?.id ?? ''));
    const { seen } = await walk(
      `query($s: String!, $after: String) { flow(selector: $s) { instances(first: 2, after: $after) { ${PAGE} } } }`,
      { s: parent?.id },
      (d) => (d.flow as { instances: Conn }).instances,
    );
    expect(seen).toEqual(expected);
  });

  it('nested connections reject a bad first as well, nulling only their parent', async () => {
    const integration = gw.sandbox.data.integrations[0];
    gw.resetCalls();
    const res = await gw.execute(
      'query($s: String!) { integration(selector: $s) { id flows(first: 0) { nodes { id } } } }',
      { s: integration?.id },
    );
    expect(res.data).toEqual({ integration: null });
    expect(res.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
      ['integration.flows', 'BAD_USER_INPUT'],
    ]);
    expect(gw.calls()).toEqual([`GET /integrations/${integration?.id}`]);
  });
});
