import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSeed } from '../../src/sandbox/seed.js';
import type {
  SandboxData,
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
  live,
  one,
  USER_SELECTION,
} from './wire-fields.js';

/** Values a newer API could send: unknown enum values and fields this gateway never heard of. */
const FUTURE = { futureField: { nested: [1, 2] }, aiSummary: 'added in 2027' };

const BARE_FLOW = { id: '5c000000000000000000000a', name: 'Bare flow' };
const ODD_DATES_FLOW = {
  id: '5c000000000000000000000e',
  name: 'Odd dates',
  createdAt: 'last tuesday',
  updatedAt: '2025-03-04T05:06:07+02:00',
};
const BARE_INTEGRATION = { id: '5c000000000000000000000b', name: 'Bare integration' };
const BARE_USER = { id: '5c000000000000000000000c', name: 'Bare user', internalId: 'bare-user' };
const BARE_CONNECTION = {
  id: '5c000000000000000000000d',
  name: 'Bare connection',
  userId: BARE_USER.id,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-02T00:00:00.000Z',
};

/** The generated seed with one object of each kind changed to carry future values. */
function futureData() {
  const data: SandboxData = generateSeed();
  const flow = one(
    data.flows.filter((f) => f.integrationId && !f.connectionId && live(f)),
    'flow',
  );
  Object.assign(flow, FUTURE, {
    state: 'PAUSED',
    errors: [{ message: 'Quantum failure', type: 'quantum', key: 'entangled' }],
  });
  const integration = one(
    data.integrations.filter((i) => i.id === flow.integrationId),
    'integration',
  );
  Object.assign(integration, FUTURE, { authType: 'magic-link' });
  const connection = one(data.connections.filter(live), 'connection');
  Object.assign(connection, FUTURE, {
    state: 'SUSPENDED',
    type: 'mcp',
    clientAction: { type: 'approve-scopes', description: 'Approve the new scopes.' },
  });
  const user = one(data.customers.filter(live), 'customer');
  Object.assign(user, FUTURE, { aiCreditsRolling30DayLimit: null });
  data.flows.push(BARE_FLOW, ODD_DATES_FLOW);
  data.integrations.push(BARE_INTEGRATION as WireIntegration);
  data.customers.push(BARE_USER);
  data.connections.push(BARE_CONNECTION);
  return { data, flow, integration, connection, user };
}

describe('tolerance of upstream payloads', () => {
  let gw: TestGateway;
  let flow: WireFlow;
  let integration: WireIntegration;
  let connection: WireConnection;
  let user: WireCustomer;
  beforeAll(async () => {
    const future = futureData();
    ({ flow, integration, connection, user } = future);
    gw = await startTestGateway({ sandbox: { data: future.data } });
  });
  afterAll(() => gw.close());

  it('an unknown flow state and error type become null; the rest of the flow is intact', async () => {
    const res = await gw.execute<{ flow: Record<string, unknown> }>(
      `query($s: String!) { flow(selector: $s) { ${FLOW_SELECTION} } }`,
      { s: flow.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.flow).toEqual({
      ...expectedFlow(flow),
      state: null,
      errors: [
        {
          message: 'Quantum failure',
          type: null,
          key: 'entangled',
          data: null,
          stack: null,
          logs: null,
          causedByError: null,
        },
      ],
    });
    expect(res.data?.flow.name).toBe(flow.name);
  });

  it('an unknown authType becomes null; unknown fields are ignored', async () => {
    const res = await gw.execute<{ integration: Record<string, unknown> }>(
      `query($s: String!) { integration(selector: $s) { ${INTEGRATION_SELECTION} } }`,
      { s: integration.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.integration).toEqual({ ...expectedIntegration(integration), authType: null });
  });

  it('an unknown connection state and clientAction type become null; type passes', async () => {
    const res = await gw.execute<{ connection: Record<string, unknown> }>(
      `query($id: ID!) { connection(id: $id) { ${CONNECTION_SELECTION} } }`,
      { id: connection.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.connection).toEqual({
      ...expectedConnection(connection),
      state: null,
      clientAction: {
        type: null,
        description: 'Approve the new scopes.',
        uiUrl: null,
        agentInstructions: null,
        handoffAgentInstructions: null,
      },
    });
    expect(res.data?.connection.type).toBe('mcp');
  });

  it('a null aiCreditsRolling30DayLimit (unlimited) stays null; unknown fields are ignored', async () => {
    const res = await gw.execute<{ user: Record<string, unknown> }>(
      `query($id: ID!) { user(id: $id) { ${USER_SELECTION} } }`,
      { id: user.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.user).toEqual(expectedUser(user));
    expect(res.data?.user.aiCreditsRolling30DayLimit).toBeNull();
  });

  it('unknown values in list items degrade per field, not per page', async () => {
    const res = await gw.execute<{ flows: { nodes: { id: string; state: string | null }[] } }>(
      'query($i: ID) { flows(first: 100, integrationId: $i) { nodes { id state } } }',
      { i: flow.integrationId },
    );
    expect(res.errors).toBeUndefined();
    const nodes = res.data?.flows.nodes ?? [];
    expect(nodes.find((n) => n.id === flow.id)).toEqual({ id: flow.id, state: null });
    expect(nodes.filter((n) => n.state !== null).length).toBe(nodes.length - 1);
  });

  it('a flow with only id and name resolves with nulls elsewhere, relations included', async () => {
    gw.resetCalls();
    const res = await gw.execute<{ flow: Record<string, unknown> }>(
      `query($s: String!) { flow(selector: $s) { ${FLOW_SELECTION}
        integration { id } connection { id } user { id } flow { id } universalFlow { id }
        appliedToIntegrations { element { id } } instances { nodes { id } } } }`,
      { s: BARE_FLOW.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.flow).toEqual({
      ...expectedFlow(BARE_FLOW),
      integration: null,
      connection: null,
      user: null,
      flow: null,
      universalFlow: null,
      appliedToIntegrations: null,
      instances: { nodes: [] },
    });
    expect(gw.calls().sort()).toEqual(
      [`GET /flows/${BARE_FLOW.id}`, `GET /flows?flowId=${BARE_FLOW.id}&limit=20`].sort(),
    );
  });

  it('an integration, connection and user with only their required fields resolve too', async () => {
    const res = await gw.execute<Record<string, Record<string, unknown>>>(
      `query($i: String!, $c: ID!, $u: ID!) {
        integration(selector: $i) { ${INTEGRATION_SELECTION} connection { id } }
        connection(id: $c) { ${CONNECTION_SELECTION} integration { id } user { id } }
        user(id: $u) { ${USER_SELECTION} } }`,
      { i: BARE_INTEGRATION.id, c: BARE_CONNECTION.id, u: BARE_USER.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      integration: {
        ...expectedIntegration(BARE_INTEGRATION as WireIntegration),
        connection: null,
      },
      connection: {
        ...expectedConnection(BARE_CONNECTION),
        integration: null,
        user: { id: BARE_USER.id },
      },
      user: expectedUser(BARE_USER),
    });
  });

  it('an unreadable date becomes null without an error; other date forms are normalised', async () => {
    const res = await gw.execute<{ flow: Record<string, unknown> }>(
      `{ flow(selector: "${ODD_DATES_FLOW.id}") { createdAt updatedAt archivedAt } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.flow).toEqual({
      createdAt: null,
      updatedAt: '2025-03-04T03:06:07.000Z',
      archivedAt: null,
    });
  });

  it('a scalar of the wrong type or an Int beyond 32 bits becomes null without an error', async () => {
    const odd = { ...BARE_INTEGRATION, id: '5c000000000000000000000f' };
    Object.assign(odd, {
      operationsCount: 3_000_000_000,
      eventsCount: '12',
      hasData: 'yes',
      key: 7,
    });
    gw.sandbox.data.integrations.push(odd as WireIntegration);
    const res = await gw.execute<{ integration: Record<string, unknown> }>(
      `{ integration(selector: "${odd.id}") { id operationsCount eventsCount hasData key } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.integration).toEqual({
      id: odd.id,
      operationsCount: null,
      eventsCount: null,
      hasData: null,
      key: null,
    });
  });
});
