import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busiestCustomer } from '../../src/sandbox/tokens.js';
import type { WireConnection, WireCustomer, WireIntegration } from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { firstIds, live, one } from './wire-fields.js';

const SINGLES = `query($u: ID!, $c: ID!, $i: String!) {
  user(id: $u) { id credentials }
  connection(id: $c) { id credentials }
  integration(selector: $i) { id parameters } }`;

interface Singles {
  user: { id: string; credentials: unknown };
  connection: { id: string; credentials: unknown };
  integration: { id: string; parameters: unknown };
}

/** Stored objects that do hold secrets. */
function withSecrets(gw: TestGateway) {
  const { data } = gw.sandbox;
  const connection: WireConnection = one(
    data.connections.filter((c) => c.credentials !== undefined && live(c)),
    'connection with credentials',
  );
  const user: WireCustomer = one(
    data.customers.filter((c) => c.credentials !== undefined),
    'customer with credentials',
  );
  const integration: WireIntegration = one(
    data.integrations.filter((i) => i.parameters !== undefined),
    'integration with parameters',
  );
  return { connection, user, integration };
}

describe('secrets are hidden by default', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('answers null for credentials and parameters and never asks for secrets', async () => {
    const { connection, user, integration } = withSecrets(gw);
    gw.resetCalls();
    const res = await gw.execute<Singles>(SINGLES, {
      u: user.id,
      c: connection.id,
      i: integration.id,
    });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      user: { id: user.id, credentials: null },
      connection: { id: connection.id, credentials: null },
      integration: { id: integration.id, parameters: null },
    });
    expect(gw.calls().sort()).toEqual(
      [
        `GET /connections/${connection.id}`,
        `GET /customers/${user.id}`,
        `GET /integrations/${integration.id}`,
      ].sort(),
    );
  });

  it('hides them in lists and relations too', async () => {
    gw.resetCalls();
    const res = await gw.execute<Record<string, { nodes: Record<string, unknown>[] }>>(
      `{ users(first: 100) { nodes { credentials } } connections(first: 100) { nodes { credentials } }
         integrations(first: 100) { nodes { parameters } }
         flows(first: 5, layer: CONNECTION) { nodes { connection { credentials } user { credentials } integration { parameters } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const values = Object.values(res.data ?? {}).flatMap((list) =>
      list.nodes.flatMap((node) =>
        Object.values(node).map((v) => (v && typeof v === 'object' ? Object.values(v)[0] : v)),
      ),
    );
    expect(values.length).toBeGreaterThan(100);
    expect(new Set(values)).toEqual(new Set([null]));
    expect(gw.calls().filter((c) => c.includes('includeSecrets'))).toEqual([]);
  });
});

describe('secrets with EXPOSE_SECRETS=true', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { EXPOSE_SECRETS: 'true' } });
  });
  afterAll(() => gw.close());

  it('answers the stored values; connection credentials come from includeSecrets=true', async () => {
    const { connection, user, integration } = withSecrets(gw);
    gw.resetCalls();
    const res = await gw.execute<Singles>(SINGLES, {
      u: user.id,
      c: connection.id,
      i: integration.id,
    });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      user: { id: user.id, credentials: user.credentials },
      connection: { id: connection.id, credentials: connection.credentials },
      integration: { id: integration.id, parameters: integration.parameters },
    });
    expect(gw.calls().sort()).toEqual(
      [
        `GET /connections/${connection.id}`,
        `GET /connections/${connection.id}?includeSecrets=true`,
        `GET /customers/${user.id}`,
        `GET /integrations/${integration.id}`,
      ].sort(),
    );
  });

  it('fetches credentials per connection of a list page', async () => {
    const { data } = gw.sandbox;
    const ids = firstIds(data.connections.filter(live), 2);
    gw.resetCalls();
    const res = await gw.execute<{
      connections: { nodes: { id: string; credentials: unknown }[] };
    }>('{ connections(first: 2) { nodes { id credentials } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data?.connections.nodes).toEqual(
      ids.map((id) => ({
        id,
        credentials: data.connections.find((c) => c.id === id)?.credentials ?? null,
      })),
    );
    expect(gw.calls().sort()).toEqual(
      [
        'GET /connections?limit=2',
        ...ids.map((id) => `GET /connections/${id}?includeSecrets=true`),
      ].sort(),
    );
  });

  it('still answers null for a tenant token: the API sends credentials to admins only', async () => {
    const tenant = busiestCustomer(gw.sandbox.data);
    const own = one(
      gw.sandbox.data.connections.filter((c) => c.userId === tenant?.id && c.credentials),
      'tenant connection with credentials',
    );
    const res = await gw.execute<{ connection: { credentials: unknown } }>(
      'query($c: ID!) { connection(id: $c) { credentials } }',
      { c: own.id },
      { token: gw.sandbox.tokens.tenant },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ connection: { credentials: null } });
  });
});
