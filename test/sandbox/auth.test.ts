import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { busiestCustomer, signHs256 } from '../../src/sandbox/tokens.js';
import { call, walk } from './helpers.js';

const SECRET = 'sandbox-workspace-secret';
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 1 });
});
afterAll(async () => {
  await sandbox.close();
});

const unauthenticated = (message: string) => ({
  type: 'bad_request',
  key: 'not_authenticated',
  message,
});

describe('authentication', () => {
  it('rejects missing, malformed, forged, expired and foreign tokens with 401', async () => {
    const ws = sandbox.data.workspaceKey;
    const expired = await new SignJWT({ workspaceKey: ws, isAdmin: true })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(SECRET));
    const cases: [string | null, string][] = [
      [null, 'Missing or malformed Authorization header; expected "Bearer <token>"'],
      ['not-a-jwt', 'Invalid token'],
      [signHs256({ workspaceKey: ws, isAdmin: true }, 'other-secret'), 'Invalid token'],
      [expired, 'Token has expired'],
      [
        signHs256({ workspaceKey: 'other', isAdmin: true }, SECRET),
        'Token is not issued for this workspace',
      ],
      [signHs256({ workspaceKey: ws }, SECRET), 'Token has neither a tenantKey nor isAdmin'],
    ];
    for (const [token, message] of cases) {
      const res = await call(sandbox, 'GET', '/flows', { token });
      expect(res.status).toBe(401);
      expect(res.json).toEqual(unauthenticated(message));
    }
    const basic = await call(sandbox, 'GET', '/flows', {
      token: null,
      headers: { authorization: 'Basic abc' },
    });
    expect(basic.status).toBe(401);
  });

  it('creates the tenant the first time a token names a new tenantKey, once', async () => {
    const token = signHs256(
      { workspaceKey: sandbox.data.workspaceKey, tenantKey: 'newcomer', name: 'Newcomer Ltd' },
      SECRET,
    );
    const before = sandbox.data.customers.length;
    const first = await call(sandbox, 'GET', '/connections', { token });
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ items: [] });
    await call(sandbox, 'GET', '/connections', { token });
    expect(sandbox.data.customers).toHaveLength(before + 1);
    const created = sandbox.data.customers.at(-1);
    expect(created).toMatchObject({ name: 'Newcomer Ltd', internalId: 'newcomer', isActive: true });
    const self = await call(sandbox, 'GET', `/customers/${created?.id}`, { token });
    expect(self.json).toEqual(created);
  });

  it('accepts the legacy claim form the SDK mints (iss, id)', async () => {
    const customer = sandbox.data.customers[0];
    const token = signHs256({ iss: sandbox.data.workspaceKey, id: customer?.internalId }, SECRET);
    const res = await call(sandbox, 'GET', `/customers/${customer?.id}`, { token });
    expect(res.status).toBe(200);
    expect(res.json.id).toBe(customer?.id);
  });

  it('mints the demo tenant token for the customer with the most connections', async () => {
    const busiest = busiestCustomer(sandbox.data);
    const payload = JSON.parse(
      Buffer.from(sandbox.tokens.tenant.split('.')[1] ?? '', 'base64url').toString(),
    );
    expect(payload.workspaceKey).toBe(sandbox.data.workspaceKey);
    expect(payload.tenantKey).toBe(busiest?.internalId);
    expect(payload.name).toBe(busiest?.name);
    expect(payload.exp - payload.iat).toBe(30 * 24 * 3600);
    const counts = sandbox.data.customers.map(
      (c) => sandbox.data.connections.filter((conn) => conn.userId === c.id).length,
    );
    expect(sandbox.data.connections.filter((c) => c.userId === busiest?.id).length).toBe(
      Math.max(...counts),
    );
  });
});

describe('tenant isolation on the generated seed', () => {
  it('never shows another tenant’s connections or flows in any list', async () => {
    const me = busiestCustomer(sandbox.data);
    const mine = new Set(
      sandbox.data.connections.filter((c) => c.userId === me?.id).map((c) => c.id),
    );
    const token = sandbox.tokens.tenant;
    const conns = await walk(sandbox, '/connections?includeArchived=true', 7, token);
    expect(new Set(conns.ids)).toEqual(mine);
    const flows = await walk(sandbox, '/flows?includeArchived=true', 50, token);
    const byId = new Map(sandbox.data.flows.map((f) => [f.id, f]));
    const expected = sandbox.data.flows.filter(
      (f) => f.connectionId === undefined || mine.has(f.connectionId),
    );
    expect(flows.ids.sort()).toEqual(expected.map((f) => f.id).sort());
    for (const id of flows.ids) {
      const flow = byId.get(id);
      if (flow?.connectionId !== undefined) {
        expect(flow.userId).toBe(me?.id);
      }
    }
    const others = await call(
      sandbox,
      'GET',
      `/flows?layer=connection&tenantId=${sandbox.data.customers.find((c) => c.id !== me?.id)?.id}`,
      { token },
    );
    expect(others.json.items).toEqual([]);
  });

  it('answers 404 for another tenant’s connection, flow and customer; 403 for the customer list', async () => {
    const me = busiestCustomer(sandbox.data);
    const token = sandbox.tokens.tenant;
    const foreignConn = sandbox.data.connections.find((c) => c.userId !== me?.id);
    const foreignFlow = sandbox.data.flows.find(
      (f) => f.connectionId !== undefined && f.userId !== me?.id,
    );
    const foreignCustomer = sandbox.data.customers.find((c) => c.id !== me?.id);
    expect((await call(sandbox, 'GET', `/connections/${foreignConn?.id}`, { token })).json).toEqual(
      {
        type: 'bad_request',
        key: 'not_found',
        message: `Connection '${foreignConn?.id}' not found`,
      },
    );
    expect((await call(sandbox, 'GET', `/flows/${foreignFlow?.id}`, { token })).status).toBe(404);
    expect(
      (await call(sandbox, 'GET', `/customers/${foreignCustomer?.id}`, { token })).status,
    ).toBe(404);
    expect((await call(sandbox, 'GET', `/customers/${me?.id}`, { token })).json.id).toBe(me?.id);
    expect((await call(sandbox, 'GET', '/customers', { token })).json).toEqual({
      type: 'bad_request',
      key: 'access_denied',
      message: 'Listing customers requires a workspace admin token',
    });
  });

  it('embeds only the tenant’s own first connection in integrations, and none for admins', async () => {
    const me = busiestCustomer(sandbox.data);
    const res = await call(sandbox, 'GET', '/integrations?limit=1000', {
      token: sandbox.tokens.tenant,
    });
    for (const integration of res.json.items) {
      const own = sandbox.data.connections
        .filter(
          (c) =>
            c.userId === me?.id && c.integrationId === integration.id && c.archivedAt === undefined,
        )
        .sort((a, b) =>
          a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1,
        );
      expect(integration.connection?.id).toBe(own[0]?.id);
      if (integration.connection !== undefined) {
        expect(integration.connection.credentials).toBeUndefined();
        expect(integration.connection.userId).toBe(me?.id);
      }
    }
    expect(res.json.items.some((i: { connection?: unknown }) => i.connection !== undefined)).toBe(
      true,
    );
    const admin = await call(sandbox, 'GET', '/integrations?limit=1000');
    expect(
      admin.json.items.every((i: { connection?: unknown }) => i.connection === undefined),
    ).toBe(true);
    const single = sandbox.data.connections.find(
      (c) => c.userId === me?.id && c.archivedAt === undefined,
    );
    const one = await call(sandbox, 'GET', `/integrations/${single?.integrationId}`, {
      token: sandbox.tokens.tenant,
    });
    expect(one.json.connection.userId).toBe(me?.id);
  });
});
