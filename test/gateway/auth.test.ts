import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byCreatedThenId } from '../../src/sandbox/pagination.js';
import type { SandboxData, WireCustomer } from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

// Credentials and tenant isolation (design §3).

const LISTS = `{
  connections(first: 100) { nodes { id userId user { id name } } }
  flows(layer: CONNECTION, first: 100) { nodes { id userId connection { id userId } } }
}`;

interface Lists {
  connections: { nodes: { id: string; userId: string; user: { id: string; name: string } }[] };
  flows: { nodes: { id: string; userId: string; connection: { id: string; userId: string } }[] };
}

/** Two customers that both own live connections and connection-level flows. */
function twoTenants(data: SandboxData): [WireCustomer, WireCustomer] {
  const owners = data.customers.filter(
    (c) =>
      data.connections.filter((x) => x.userId === c.id && !x.archivedAt).length >= 2 &&
      data.flows.some((f) => f.userId === c.id && !f.archivedAt),
  );
  const [a, b] = owners;
  if (!a || !b) {
    throw new Error('the seed needs two tenants with data');
  }
  return [a, b];
}

/** What a tenant should see, in the sandbox's list order. */
function expectedFor(data: SandboxData, customer: WireCustomer): Lists {
  const user = { id: customer.id, name: customer.name };
  const connections = data.connections
    .filter((c) => c.userId === customer.id && !c.archivedAt)
    .sort(byCreatedThenId);
  const flows = data.flows
    .filter((f) => f.connectionId && f.userId === customer.id && !f.archivedAt)
    .sort(byCreatedThenId);
  return {
    connections: { nodes: connections.map((c) => ({ id: c.id, userId: c.userId, user })) },
    flows: {
      nodes: flows.map((f) => ({
        id: f.id,
        userId: customer.id,
        connection: { id: f.connectionId ?? '', userId: customer.id },
      })),
    },
  };
}

describe('credentials', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it("sends the client's Authorization header upstream exactly as given", async () => {
    const tenant = gw.sandbox.tokens.tenant;
    for (const value of [`Bearer ${tenant}`, `bearer ${tenant}`]) {
      gw.resetCalls();
      const res = await gw.execute(
        '{ flows(first: 3) { nodes { id integration { name } } } connections(first: 2) { nodes { id user { name } } } }',
        undefined,
        { headers: { authorization: value } },
      );
      expect(res.errors).toBeUndefined();
      const records = gw.records();
      expect(records.length).toBeGreaterThan(2);
      expect(new Set(records.map((r) => r.authorization))).toEqual(new Set([value]));
    }
  });

  it('falls back to the server token when the request has no header', async () => {
    gw.resetCalls();
    const res = await gw.execute('{ users(first: 2) { nodes { id } } }');
    expect(res.data).toEqual({
      users: {
        nodes: [...gw.sandbox.data.customers]
          .filter((c) => !c.archivedAt)
          .sort(byCreatedThenId)
          .slice(0, 2)
          .map((c) => ({ id: c.id })),
      },
    });
    expect(gw.records().map((r) => [r.path, r.authorization])).toEqual([
      ['/customers', `Bearer ${gw.sandbox.tokens.admin}`],
    ]);
  });
});

describe('without a server token', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ fallback: 'none' });
  });
  afterAll(() => gw.close());

  it('a request without a header fails with UNAUTHENTICATED and calls nothing', async () => {
    const flow = gw.sandbox.data.flows[0];
    gw.resetCalls();
    const res = await gw.execute(
      'query($s: String!) { flow(selector: $s) { id } flows(first: 5) { nodes { id } } }',
      { s: flow?.id },
      { token: null },
    );
    expect(res.data).toBeNull();
    expect(res.errors?.map((e) => [e.path, e.extensions?.code]).sort()).toEqual([
      [['flow'], 'UNAUTHENTICATED'],
      [['flows'], 'UNAUTHENTICATED'],
    ]);
    expect(gw.calls()).toEqual([]);
  });

  it('a nullable field alone becomes null with UNAUTHENTICATED', async () => {
    gw.resetCalls();
    const res = await gw.execute('{ user(id: "abc") { id } }', undefined, { token: null });
    expect(res.data).toEqual({ user: null });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(gw.calls()).toEqual([]);
  });

  it("the client's own header still works", async () => {
    gw.resetCalls();
    const res = await gw.execute('{ flows(first: 1) { nodes { id } } }', undefined, {
      token: gw.sandbox.tokens.admin,
    });
    expect(res.errors).toBeUndefined();
    expect(gw.calls()).toEqual(['GET /flows?limit=1']);
  });
});

describe('tenant isolation', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('concurrent tenants each see only their own connections and flows', async () => {
    const tenants = twoTenants(gw.sandbox.data);
    const tokens = tenants.map((c) => gw.sandbox.tokens.forTenant(c.internalId));
    const expected = tenants.map((c) => expectedFor(gw.sandbox.data, c));
    expect(expected[0]).not.toEqual(expected[1]);
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all(
        [0, 1, 0, 1].map((i) => gw.execute<Lists>(LISTS, undefined, { token: tokens[i] })),
      );
      for (const [n, res] of answers.entries()) {
        const tenant = tenants[n % 2] as WireCustomer;
        expect(res.errors).toBeUndefined();
        const userIds = [
          ...(res.data?.connections.nodes.flatMap((c) => [c.userId, c.user.id]) ?? []),
          ...(res.data?.flows.nodes.flatMap((f) => [f.userId, f.connection.userId]) ?? []),
        ];
        expect(new Set(userIds)).toEqual(new Set([tenant.id]));
        expect(res.data).toEqual(expected[n % 2]);
      }
    }
  });

  it("a tenant asking for another tenant's connection or flow gets null and NOT_FOUND", async () => {
    const [mine, theirs] = twoTenants(gw.sandbox.data);
    const other = gw.sandbox.data.connections.find((c) => c.userId === theirs.id && !c.archivedAt);
    const otherFlow = gw.sandbox.data.flows.find((f) => f.userId === theirs.id && !f.archivedAt);
    gw.resetCalls();
    const res = await gw.execute(
      'query($c: ID!, $f: String!, $u: ID!) { connection(id: $c) { id } flow(selector: $f) { id } user(id: $u) { id } }',
      { c: other?.id, f: otherFlow?.id, u: theirs.id },
      { token: gw.sandbox.tokens.forTenant(mine.internalId) },
    );
    expect(res.data).toEqual({ connection: null, flow: null, user: null });
    expect(res.errors?.map((e) => [e.path?.join('.'), e.extensions?.code]).sort()).toEqual([
      ['connection', 'NOT_FOUND'],
      ['flow', 'NOT_FOUND'],
      ['user', 'NOT_FOUND'],
    ]);
    expect(gw.calls().sort()).toEqual(
      [
        `GET /connections/${other?.id}`,
        `GET /flows/${otherFlow?.id}`,
        `GET /customers/${theirs.id}`,
      ].sort(),
    );
  });
});
