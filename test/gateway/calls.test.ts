import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byCreatedThenId } from '../../src/sandbox/pagination.js';
import type { SandboxData, WireFlow } from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

// Upstream call counts (design §6): exact, from the sandbox's own request log.

const FLOW_WITH_RELATIONS = `query($s: String!) {
  flow(selector: $s) { id name integration { id name } user { id name } connection { id name } }
}`;

/** A live connection-level flow with its owner, connection and integration. */
function instanceOf(data: SandboxData): WireFlow & {
  connectionId: string;
  integrationId: string;
  userId: string;
} {
  const flow = data.flows.find(
    (f) => f.connectionId && f.integrationId && f.userId && !f.archivedAt,
  );
  if (!flow?.connectionId || !flow.integrationId || !flow.userId) {
    throw new Error('the seed has no connection-level flow');
  }
  return {
    ...flow,
    connectionId: flow.connectionId,
    integrationId: flow.integrationId,
    userId: flow.userId,
  };
}

const liveFlows = (data: SandboxData) =>
  data.flows.filter((f) => !f.archivedAt).sort(byCreatedThenId);

describe('upstream calls with the default embeds (refresh responses only)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('a flow with three relations costs the flow plus one GET per relation', async () => {
    const flow = instanceOf(gw.sandbox.data);
    gw.resetCalls();
    const res = await gw.execute(FLOW_WITH_RELATIONS, { s: flow.id });
    expect(res.errors).toBeUndefined();
    expect(gw.calls().sort()).toEqual(
      [
        `GET /flows/${flow.id}`,
        `GET /integrations/${flow.integrationId}`,
        `GET /customers/${flow.userId}`,
        `GET /connections/${flow.connectionId}`,
      ].sort(),
    );
  });

  it('refreshFlow is served entirely by the refresh response and its embeds', async () => {
    const flow = instanceOf(gw.sandbox.data);
    const parent = gw.sandbox.data.flows.find((f) => f.id === flow.flowId);
    const integration = gw.sandbox.data.integrations.find((i) => i.id === flow.integrationId);
    const connection = gw.sandbox.data.connections.find((c) => c.id === flow.connectionId);
    const user = gw.sandbox.data.customers.find((c) => c.id === flow.userId);
    gw.resetCalls();
    const res = await gw.execute(
      `mutation($s: String!, $c: ID!) {
        refreshFlow(selector: $s, layer: CONNECTION, connectionId: $c) {
          id state integration { name } user { name } connection { name } flow { name }
        }
      }`,
      { s: flow.flowId, c: flow.connectionId },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      refreshFlow: {
        id: flow.id,
        // the refresh re-validates; the live store holds the state it settled on
        state: gw.sandbox.data.flows.find((f) => f.id === flow.id)?.state,
        integration: { name: integration?.name },
        user: { name: user?.name },
        connection: { name: connection?.name },
        flow: { name: parent?.name },
      },
    });
    expect(gw.calls()).toEqual([
      `POST /flows/${flow.flowId}/refresh?connectionId=${flow.connectionId}&layer=connection`,
    ]);
  });

  it('a list with full integrations costs one list call plus one GET per distinct integration', async () => {
    const page = liveFlows(gw.sandbox.data).slice(0, 50);
    const distinct = [...new Set(page.flatMap((f) => (f.integrationId ? [f.integrationId] : [])))];
    gw.resetCalls();
    const res = await gw.execute<{
      flows: { nodes: { id: string; integration: { id: string; name: string } | null }[] };
    }>('{ flows(first: 50) { nodes { id integration { id name } } } }');
    expect(res.errors).toBeUndefined();
    const byId = new Map(gw.sandbox.data.integrations.map((i) => [i.id, i.name]));
    expect(res.data?.flows.nodes).toEqual(
      page.map((f) => ({
        id: f.id,
        integration: f.integrationId
          ? { id: f.integrationId, name: byId.get(f.integrationId) }
          : null,
      })),
    );
    const calls = gw.calls();
    expect(new Set(calls).size).toBe(calls.length);
    expect(calls.sort()).toEqual(
      ['GET /flows?limit=50', ...distinct.map((id) => `GET /integrations/${id}`)].sort(),
    );
  });

  it('selecting only the id of a relation costs nothing', async () => {
    const page = liveFlows(gw.sandbox.data).slice(0, 50);
    gw.resetCalls();
    const res = await gw.execute('{ flows(first: 50) { nodes { integration { id } } } }');
    expect(res.data).toEqual({
      flows: {
        nodes: page.map((f) => ({ integration: f.integrationId ? { id: f.integrationId } : null })),
      },
    });
    expect(gw.calls()).toEqual(['GET /flows?limit=50']);
  });

  it('one object reached through two paths is fetched once', async () => {
    const flow = instanceOf(gw.sandbox.data);
    gw.resetCalls();
    const res = await gw.execute(
      `query($s: String!, $i: String!) {
        flow(selector: $s) { integration { id name } }
        integration(selector: $i) { id name }
      }`,
      { s: flow.id, i: flow.integrationId },
    );
    const name = gw.sandbox.data.integrations.find((i) => i.id === flow.integrationId)?.name;
    const integration = { id: flow.integrationId, name };
    expect(res).toEqual({ status: 200, data: { flow: { integration }, integration } });
    expect(gw.calls().sort()).toEqual(
      [`GET /flows/${flow.id}`, `GET /integrations/${flow.integrationId}`].sort(),
    );
  });

  it('two flows of the same connection fetch that connection once', async () => {
    const instances = liveFlows(gw.sandbox.data).filter((f) => f.connectionId);
    const a = instances.find((f) =>
      instances.some((g) => g !== f && g.connectionId === f.connectionId),
    );
    const second = instances.find((f) => f !== a && f.connectionId === a?.connectionId);
    const connection = gw.sandbox.data.connections.find((c) => c.id === a?.connectionId);
    expect(second).toBeDefined();
    gw.resetCalls();
    const res = await gw.execute(
      `query($a: String!, $b: String!) {
        a: flow(selector: $a) { connection { id name } }
        b: flow(selector: $b) { connection { id name } }
      }`,
      { a: a?.id, b: second?.id },
    );
    const shown = { connection: { id: connection?.id, name: connection?.name } };
    expect(res).toEqual({ status: 200, data: { a: shown, b: shown } });
    expect(gw.calls().sort()).toEqual(
      [
        `GET /flows/${a?.id}`,
        `GET /flows/${second?.id}`,
        `GET /connections/${a?.connectionId}`,
      ].sort(),
    );
  });

  it('two aliases of the same list cost one call', async () => {
    gw.resetCalls();
    const res = await gw.execute<{
      a: { nodes: { id: string }[] };
      b: { nodes: { id: string }[] };
    }>('{ a: flows(first: 5) { nodes { id } } b: flows(first: 5) { nodes { id name } } }');
    expect(res.errors).toBeUndefined();
    const ids = liveFlows(gw.sandbox.data)
      .slice(0, 5)
      .map((f) => f.id);
    expect(res.data?.a.nodes.map((n) => n.id)).toEqual(ids);
    expect(res.data?.b.nodes.map((n) => n.id)).toEqual(ids);
    expect(gw.calls()).toEqual(['GET /flows?limit=5']);
  });
});

describe('upstream calls when every read carries its embeds', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ sandbox: { embeds: 'all' } });
  });
  afterAll(() => gw.close());

  it('a flow with three relations costs exactly one call', async () => {
    const flow = instanceOf(gw.sandbox.data);
    const user = gw.sandbox.data.customers.find((c) => c.id === flow.userId);
    const integration = gw.sandbox.data.integrations.find((i) => i.id === flow.integrationId);
    const connection = gw.sandbox.data.connections.find((c) => c.id === flow.connectionId);
    gw.resetCalls();
    const res = await gw.execute(FLOW_WITH_RELATIONS, { s: flow.id });
    expect(res.data).toEqual({
      flow: {
        id: flow.id,
        name: flow.name,
        integration: { id: integration?.id, name: integration?.name },
        user: { id: user?.id, name: user?.name },
        connection: { id: connection?.id, name: connection?.name },
      },
    });
    expect(gw.calls()).toEqual([`GET /flows/${flow.id}`]);
  });
});

describe('operations that need no upstream data', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ fallback: 'none' });
  });
  afterAll(() => gw.close());

  it('answers { __typename } without a credential and without a call', async () => {
    gw.resetCalls();
    const res = await gw.execute('{ __typename }', undefined, { token: null });
    expect(res).toEqual({ status: 200, data: { __typename: 'Query' } });
    expect(gw.calls()).toEqual([]);
  });

  it('answers introspection without a credential and without a call', async () => {
    gw.resetCalls();
    const res = await gw.execute<{ __schema: { queryType: { name: string } }; __type: unknown }>(
      '{ __schema { queryType { name } mutationType { name } } __type(name: "Flow") { name kind } }',
      undefined,
      { token: null },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      __schema: { queryType: { name: 'Query' }, mutationType: { name: 'Mutation' } },
      __type: { name: 'Flow', kind: 'OBJECT' },
    });
    expect(gw.calls()).toEqual([]);
  });
});
