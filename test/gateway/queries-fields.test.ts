import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFullyPopulatedFlow } from '../../src/sandbox/seed.js';
import type {
  WireConnection,
  WireCustomer,
  WireFlow,
  WireIntegration,
} from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  CONNECTION_SELECTION,
  expectedConnection,
  expectedFlow,
  expectedIntegration,
  expectedUser,
  FLOW_SELECTION,
  INTEGRATION_SELECTION,
  USER_SELECTION,
} from './wire-fields.js';

/** Every scalar field of the four entities equals the stored value (the seed's showcase chain). */
describe('scalar fields of fully populated objects', () => {
  let gw: TestGateway;
  let flow: WireFlow;
  let integration: WireIntegration;
  let connection: WireConnection;
  let user: WireCustomer;
  beforeAll(async () => {
    gw = await startTestGateway();
    const data = gw.sandbox.data;
    flow = findFullyPopulatedFlow(data);
    const find = <T extends { id: string }>(items: T[], id: string | undefined): T => {
      const found = items.find((item) => item.id === id);
      if (!found) {
        throw new Error(`no item ${id}`);
      }
      return found;
    };
    integration = find(data.integrations, flow.integrationId);
    connection = find(data.connections, flow.connectionId);
    user = find(data.customers, flow.userId);
  });
  afterAll(() => gw.close());

  it('answers every Flow field of the showcase flow with one GET', async () => {
    gw.resetCalls();
    const res = await gw.execute(
      `query($s: String!) { flow(selector: $s) { ${FLOW_SELECTION} } }`,
      {
        s: flow.id,
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.flow).toEqual(expectedFlow(flow));
    expect(gw.calls()).toEqual([`GET /flows/${flow.id}`]);
  });

  it('carries every key of the refresh example on the showcase flow', () => {
    // the GraphQL selection covers every stored key (39 plain keys; embeds are relations)
    const selected = new Set(FLOW_SELECTION.split(/[\s{}]+/));
    expect(Object.keys(flow).filter((key) => !selected.has(key))).toEqual([]);
    expect(Object.keys(flow)).toHaveLength(39);
  });

  it('answers every Integration field, with enum authType and dates as ISO strings', async () => {
    gw.resetCalls();
    const res = await gw.execute<{ integration: Record<string, unknown> }>(
      `query($s: String!) { integration(selector: $s) { ${INTEGRATION_SELECTION} } }`,
      { s: integration.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.integration).toEqual(expectedIntegration(integration));
    expect(res.data?.integration.authType).toBe('OAUTH1');
    expect(res.data?.integration.createdAt).toBe(integration.createdAt);
    expect(gw.calls()).toEqual([`GET /integrations/${integration.id}`]);
  });

  it('maps every auth type of the seed to its UPPER_SNAKE value', async () => {
    const res = await gw.execute<{ integrations: { nodes: { id: string; authType: string }[] } }>(
      '{ integrations(first: 100, includeArchived: true) { nodes { id authType } } }',
    );
    expect(res.errors).toBeUndefined();
    const byId = new Map(res.data?.integrations.nodes.map((n) => [n.id, n.authType]));
    for (const i of gw.sandbox.data.integrations) {
      expect(byId.get(i.id)).toBe(i.authType?.toUpperCase().replace('-', '_'));
    }
    expect([...byId.values()]).toContain('CLIENT_CREDENTIALS');
    expect([...byId.values()]).toContain('OAUTH2');
  });

  it('answers every Connection field, including errors, requestError and clientAction', async () => {
    gw.resetCalls();
    const res = await gw.execute<{ connection: Record<string, unknown> }>(
      `query($id: ID!) { connection(id: $id) { ${CONNECTION_SELECTION} } }`,
      { id: connection.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.connection).toEqual(expectedConnection(connection));
    expect(res.data?.connection.clientAction).toEqual({
      type: 'CONNECT',
      description: 'Reconnect the account: the app revoked access.',
      uiUrl: `https://ui.getmembrane.com/connections/${connection.id}/reconnect`,
      agentInstructions: 'Ask the user to reconnect their account.',
      handoffAgentInstructions: null,
    });
    expect(gw.calls()).toEqual([`GET /connections/${connection.id}`]);
  });

  it('answers every User field, including a numeric aiCreditsRolling30DayLimit', async () => {
    gw.resetCalls();
    const res = await gw.execute<{ user: Record<string, unknown> }>(
      `query($id: ID!) { user(id: $id) { ${USER_SELECTION} } }`,
      { id: user.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.user).toEqual(expectedUser(user));
    expect(res.data?.user.aiCreditsRolling30DayLimit).toBe(1000);
    expect(gw.calls()).toEqual([`GET /customers/${user.id}`]);
  });

  it('answers the same fields for every flow of a list page', async () => {
    const res = await gw.execute<{ flows: { nodes: Record<string, unknown>[] } }>(
      `{ flows(first: 100, includeArchived: true) { nodes { ${FLOW_SELECTION} } } }`,
    );
    expect(res.errors).toBeUndefined();
    const byId = new Map(gw.sandbox.data.flows.map((f) => [f.id, f]));
    const nodes = res.data?.flows.nodes ?? [];
    expect(nodes).toHaveLength(100);
    for (const node of nodes) {
      const stored = byId.get(String(node.id));
      expect(stored && node).toEqual(stored && expectedFlow(stored));
    }
  });
});
