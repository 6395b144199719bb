import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultRule } from '../../src/sandbox/index.js';
import { byCreatedThenId } from '../../src/sandbox/pagination.js';
import type { SandboxData, WireFlow } from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

// Relations in both directions, with exact ids from the sandbox's data (design §4).

const ordered = <T extends { id: string; createdAt?: string }>(items: T[]) =>
  [...items].sort(byCreatedThenId);
const idsOf = (items: { id: string }[]) => items.map((i) => ({ id: i.id }));
const USER_FAULT: FaultRule = { kind: 'status', status: 500, path: /^\/customers\//, times: 1 };

/** An integration-level flow derived from a universal flow, with at least two live instances. */
function parentFlow(data: SandboxData): WireFlow {
  const live = (f: WireFlow) => !f.archivedAt;
  const children = (f: WireFlow) => data.flows.filter((i) => i.flowId === f.id && live(i));
  const flow = data.flows.find(
    (f) =>
      f.integrationId && !f.connectionId && f.universalFlowId && live(f) && children(f).length > 1,
  );
  if (!flow) {
    throw new Error('the seed has no parent flow with instances');
  }
  return flow;
}

describe('relations', () => {
  let gw: TestGateway;
  let data: SandboxData;
  beforeAll(async () => {
    gw = await startTestGateway();
    data = gw.sandbox.data;
  });
  afterAll(() => gw.close());

  /** Runs an operation that must succeed and returns its data. */
  async function dataOf(query: string, variables: Record<string, unknown>) {
    const res = await gw.execute(query, variables);
    expect(res.errors).toBeUndefined();
    return res.data;
  }

  it('an integration-level flow: integration, universal flow and instances; no connection, user or parent', async () => {
    const flow = parentFlow(data);
    const got = await dataOf(
      `query($s: String!) { flow(selector: $s) {
        id integration { id } connection { id } user { id } flow { id }
        universalFlow { id isUniversal } instances(first: 100) { nodes { id flowId } }
      } }`,
      { s: flow.id },
    );
    const instances = ordered(data.flows.filter((f) => f.flowId === flow.id && !f.archivedAt));
    expect(got).toEqual({
      flow: {
        id: flow.id,
        integration: { id: flow.integrationId },
        connection: null,
        user: null,
        flow: null,
        universalFlow: { id: flow.universalFlowId, isUniversal: true },
        instances: { nodes: instances.map((i) => ({ id: i.id, flowId: flow.id })) },
      },
    });
  });

  it('a connection-level flow: integration, connection, user, parent and universal flow', async () => {
    const parent = parentFlow(data);
    const flow = data.flows.find((f) => f.flowId === parent.id && !f.archivedAt);
    const connection = data.connections.find((c) => c.id === flow?.connectionId);
    const user = data.customers.find((c) => c.id === flow?.userId);
    const got = await dataOf(
      `query($s: String!) { flow(selector: $s) {
        integration { id key } connection { id userId } user { id internalId }
        flow { id integrationId } universalFlow { id } instances(first: 5) { nodes { id } }
      } }`,
      { s: flow?.id },
    );
    const integration = data.integrations.find((i) => i.id === parent.integrationId);
    expect(got).toEqual({
      flow: {
        integration: { id: integration?.id, key: integration?.key },
        connection: { id: connection?.id, userId: user?.id },
        user: { id: user?.id, internalId: user?.internalId },
        flow: { id: parent.id, integrationId: parent.integrationId },
        universalFlow: { id: parent.universalFlowId },
        instances: { nodes: [] },
      },
    });
  });

  it('appliedToIntegrations comes from the refresh response, with its integrations', async () => {
    const universal = data.flows.find((f) => f.id === parentFlow(data).universalFlowId);
    const versions = data.flows.filter((f) => f.universalFlowId === universal?.id);
    const applied = ordered(
      versions.filter((f) => f.integrationId && !f.connectionId && !f.archivedAt),
    );
    expect(applied.length).toBeGreaterThan(1);
    gw.resetCalls();
    const res = await gw.execute(
      `mutation($s: String!) { refreshFlow(selector: $s) {
        id appliedToIntegrations { element { id universalFlowId } integration { id name } }
      } }`,
      { s: universal?.id },
    );
    const names = new Map(data.integrations.map((i) => [i.id, i.name]));
    expect(res.data).toEqual({
      refreshFlow: {
        id: universal?.id,
        appliedToIntegrations: applied.map((f) => ({
          element: { id: f.id, universalFlowId: universal?.id },
          integration: { id: f.integrationId, name: names.get(f.integrationId ?? '') },
        })),
      },
    });
    expect(gw.calls()).toEqual([`POST /flows/${universal?.id}/refresh`]);
  });

  it('integration: its flows and connections; no own connection for an admin', async () => {
    const integration = data.integrations[2];
    const got = await dataOf(
      `query($s: String!) { integration(selector: $s) {
        id connection { id }
        flows(first: 100) { nodes { id } } connections(first: 100) { nodes { id } }
      } }`,
      { s: integration?.key },
    );
    const flows = data.flows.filter((f) => f.integrationId === integration?.id && !f.archivedAt);
    const connections = data.connections.filter(
      (c) => c.integrationId === integration?.id && !c.archivedAt,
    );
    expect(flows.length).toBeGreaterThan(0);
    expect(connections.length).toBeGreaterThan(0);
    expect(got).toEqual({
      integration: {
        id: integration?.id,
        connection: null,
        flows: { nodes: idsOf(ordered(flows)) },
        connections: { nodes: idsOf(ordered(connections)) },
      },
    });
  });

  it("integration.connection is the tenant's own connection, served by the embed", async () => {
    const connection = ordered(data.connections.filter((c) => !c.archivedAt))[0];
    const user = data.customers.find((c) => c.id === connection?.userId);
    const integration = data.integrations.find((i) => i.id === connection?.integrationId);
    const own = ordered(
      data.connections.filter(
        (c) => c.userId === user?.id && c.integrationId === integration?.id && !c.archivedAt,
      ),
    );
    gw.resetCalls();
    const res = await gw.execute(
      `query($s: String!) { integration(selector: $s) {
        connection { id name userId } connections(first: 100) { nodes { id userId } }
      } }`,
      { s: integration?.id },
      { token: gw.sandbox.tokens.forTenant(user?.internalId ?? '') },
    );
    expect(res.data).toEqual({
      integration: {
        connection: { id: own[0]?.id, name: own[0]?.name, userId: user?.id },
        connections: { nodes: own.map((c) => ({ id: c.id, userId: user?.id })) },
      },
    });
    expect(gw.calls().sort()).toEqual(
      [
        `GET /integrations/${integration?.id}`,
        `GET /connections?integrationId=${integration?.id}&limit=100`,
      ].sort(),
    );
  });

  it('connection: its integration, user and flows', async () => {
    const connection = data.connections.find(
      (c) => !c.archivedAt && data.flows.filter((f) => f.connectionId === c.id).length >= 2,
    );
    const got = await dataOf(
      `query($id: ID!) { connection(id: $id) {
        id integration { id } user { id } flows(first: 100) { nodes { id connectionId } }
      } }`,
      { id: connection?.id },
    );
    const flows = ordered(
      data.flows.filter((f) => f.connectionId === connection?.id && !f.archivedAt),
    );
    expect(got).toEqual({
      connection: {
        id: connection?.id,
        integration: { id: connection?.integrationId },
        user: { id: connection?.userId },
        flows: { nodes: flows.map((f) => ({ id: f.id, connectionId: connection?.id })) },
      },
    });
  });

  it('user: its connections and flows', async () => {
    const user = data.customers.find(
      (u) => data.connections.filter((c) => c.userId === u.id && !c.archivedAt).length >= 2,
    );
    const got = await dataOf(
      `query($id: ID!) { user(id: $id) {
        id connections(first: 100) { nodes { id user { id } } } flows(first: 100) { nodes { id userId } }
      } }`,
      { id: user?.id },
    );
    const connections = ordered(
      data.connections.filter((c) => c.userId === user?.id && !c.archivedAt),
    );
    const flows = ordered(data.flows.filter((f) => f.userId === user?.id && !f.archivedAt));
    expect(flows.length).toBeGreaterThan(0);
    expect(got).toEqual({
      user: {
        id: user?.id,
        connections: { nodes: connections.map((c) => ({ id: c.id, user: { id: user?.id } })) },
        flows: { nodes: flows.map((f) => ({ id: f.id, userId: user?.id })) },
      },
    });
  });

  it('a failing relation nulls only itself; its siblings still resolve', async () => {
    const flow = data.flows.find((f) => f.connectionId && !f.archivedAt);
    const integration = data.integrations.find((i) => i.id === flow?.integrationId);
    const connection = data.connections.find((c) => c.id === flow?.connectionId);
    const remove = gw.sandbox.faults.add(USER_FAULT);
    try {
      const res = await gw.execute(
        `query($s: String!) { flow(selector: $s) {
          id integration { id name } user { id name } connection { id name }
        } }`,
        { s: flow?.id },
      );
      expect(res.data).toEqual({
        flow: {
          id: flow?.id,
          integration: { id: integration?.id, name: integration?.name },
          user: null,
          connection: { id: connection?.id, name: connection?.name },
        },
      });
      expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
        [['flow', 'user'], 'UPSTREAM_ERROR'],
      ]);
      expect(res.errors?.[0]?.extensions?.upstream).toMatchObject({ status: 500 });
    } finally {
      remove();
    }
  });
});
