import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { call, startFixture, walk } from './helpers.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startFixture();
});
afterAll(async () => {
  await sandbox.close();
});

const ids = async (path: string, token?: string): Promise<string[]> => {
  const res = await call(sandbox, 'GET', path, token === undefined ? {} : { token });
  expect(res.status, res.text).toBe(200);
  return (res.json.items as { id: string }[]).map((item) => item.id);
};

describe('pagination', () => {
  it('walks every flow exactly once in createdAt order for several limits', async () => {
    const expected = sandbox.data.flows.filter((f) => f.archivedAt === undefined).map((f) => f.id);
    for (const limit of [1, 2, 3, 5, 1000]) {
      const { ids: seen, pages } = await walk(sandbox, '/flows', limit);
      expect(seen).toEqual(expected);
      expect(pages).toBe(Math.max(1, Math.ceil(expected.length / limit)));
    }
  });

  it('omits cursor on the last page and defaults to 100 items', async () => {
    const res = await call(sandbox, 'GET', '/flows');
    expect(res.json.cursor).toBeUndefined();
    expect(Object.keys(res.json)).toEqual(['items']);
    const first = await call(sandbox, 'GET', '/flows?limit=2');
    expect(typeof first.json.cursor).toBe('string');
  });

  it('rejects bad limits and cursors with 400', async () => {
    for (const limit of ['0', '1001', 'abc', '1.5', '-1', '']) {
      const res = await call(sandbox, 'GET', `/flows?limit=${limit}`);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({
        type: 'bad_request',
        message: "Query parameter 'limit' must be an integer between 1 and 1000",
      });
    }
    const bad = await call(sandbox, 'GET', '/flows?cursor=%%%');
    expect(bad.json).toEqual({
      type: 'bad_request',
      message: "Query parameter 'cursor' is malformed",
    });
    expect((await call(sandbox, 'GET', '/flows?cursor=bm9wZQ')).status).toBe(400);
    expect((await call(sandbox, 'GET', '/flows?limit=1000')).status).toBe(200);
  });

  it('walks connections, integrations and customers too', async () => {
    expect((await walk(sandbox, '/connections', 2)).ids).toEqual([
      'conn-a-hub',
      'conn-a-slack',
      'conn-a-missing',
      'conn-b-hub',
    ]);
    expect((await walk(sandbox, '/integrations', 3)).ids).toEqual([
      'int-hub',
      'int-slack',
      'int-missing',
      'int-off',
    ]);
    expect((await walk(sandbox, '/customers', 1)).ids).toEqual(['cus-alice', 'cus-bob']);
  });
});

describe('flow filters', () => {
  it('filters by layer, isUniversal, integration and connection', async () => {
    expect(await ids('/flows?layer=universal')).toEqual(['fl-u-sync', 'fl-ro']);
    expect(await ids('/flows?isUniversal=true')).toEqual(['fl-u-sync', 'fl-ro']);
    expect(await ids('/flows?isUniversal=0&layer=integration&integrationKey=slack')).toEqual([
      'fl-slack-sync',
      'fl-slack-send',
    ]);
    expect(await ids('/flows?layer=connection')).toEqual([
      'fi-a-sync',
      'fi-b-sync',
      'fi-a-missing',
      'fi-a-send-k2',
    ]);
    expect(await ids('/flows?integrationId=int-hub&layer=connection')).toEqual([
      'fi-a-sync',
      'fi-b-sync',
      'fi-a-send-k2',
    ]);
    expect(await ids('/flows?connectionId=conn-a-hub')).toEqual(['fi-a-sync', 'fi-a-send-k2']);
    expect(await ids('/flows?connectionKey=bob-hub')).toEqual(['fi-b-sync']);
    expect(await ids('/flows?instanceKey=k2')).toEqual(['fi-a-send-k2']);
    expect(await ids('/flows?integrationKey=unknown')).toEqual([]);
  });

  it('filters by parent, tenant and external app', async () => {
    expect(await ids('/flows?flowId=fl-hub-sync')).toEqual(['fi-a-sync', 'fi-b-sync']);
    expect(await ids('/flows?universalFlowId=fl-u-sync&layer=integration')).toEqual([
      'fl-hub-sync',
      'fl-slack-sync',
    ]);
    expect(await ids('/flows?universalParentId=fl-u-sync&layer=integration')).toEqual([
      'fl-hub-sync',
      'fl-slack-sync',
    ]);
    expect(await ids('/flows?tenantId=cus-bob')).toEqual(['fi-b-sync']);
    expect(await ids('/flows?userId=cus-alice')).toEqual([
      'fi-a-sync',
      'fi-a-missing',
      'fi-a-send-k2',
    ]);
    expect(await ids('/flows?externalAppId=app-1')).toEqual(['fl-hub-send']);
  });

  it('searches name and key case-insensitively and shows archived only on request', async () => {
    expect(await ids('/flows?search=LOCK')).toEqual(['fl-ro']);
    expect(await ids('/flows?search=only-o&layer=integration')).toEqual(['fl-off', 'fl-old']);
    expect(await ids('/flows?search=gone')).toEqual([]);
    expect(await ids('/flows?search=gone&includeArchived=true')).toEqual(['fl-gone']);
  });

  it('rejects non-boolean booleans and ignores unknown params', async () => {
    const res = await call(sandbox, 'GET', '/flows?isUniversal=yes');
    expect(res.json).toEqual({
      type: 'bad_request',
      message: 'Query parameter \'isUniversal\' must be a boolean ("true", "false", "1" or "0")',
    });
    expect((await call(sandbox, 'GET', '/flows?includeArchived=maybe')).status).toBe(400);
    expect(await ids('/flows?layer=universal&id=a,b&whatever=1')).toEqual(['fl-u-sync', 'fl-ro']);
  });
});

describe('connection, integration and customer filters', () => {
  it('filters connections', async () => {
    expect(await ids('/connections?connected=true')).toEqual([
      'conn-a-hub',
      'conn-a-missing',
      'conn-b-hub',
    ]);
    expect(await ids('/connections?connected=0')).toEqual(['conn-a-slack']);
    expect(await ids('/connections?disconnected=1')).toEqual(['conn-a-slack']);
    expect(await ids('/connections?isTest=true')).toEqual(['conn-a-slack']);
    expect(await ids('/connections?integrationKey=hubspot')).toEqual(['conn-a-hub', 'conn-b-hub']);
    expect(await ids('/connections?integrationId=int-slack')).toEqual(['conn-a-slack']);
    expect(await ids('/connections?tenantId=cus-bob')).toEqual(['conn-b-hub']);
    expect(await ids('/connections?userId=cus-bob&includeArchived=true')).toEqual([
      'conn-b-hub',
      'conn-b-old',
    ]);
    expect(await ids('/connections?connectorId=con-slack')).toEqual(['conn-a-slack']);
    expect(await ids('/connections?search=alice%20h')).toEqual(['conn-a-hub']);
  });

  it('serves credentials only with includeSecrets=true to an admin', async () => {
    const plain = await call(sandbox, 'GET', '/connections/conn-a-hub');
    expect(plain.json.credentials).toBeUndefined();
    const secret = await call(sandbox, 'GET', '/connections/conn-a-hub?includeSecrets=true');
    expect(secret.json.credentials).toEqual({ token: 'x' });
    const listed = await call(sandbox, 'GET', '/connections?includeSecrets=1&limit=1');
    expect(listed.json.items[0].credentials).toEqual({ token: 'x' });
    const tenant = await call(sandbox, 'GET', '/connections/conn-a-hub?includeSecrets=true', {
      token: sandbox.tokens.forTenant('alice'),
    });
    expect(tenant.status).toBe(200);
    expect(tenant.json.credentials).toBeUndefined();
  });

  it('filters integrations and resolves them by id, uuid or key', async () => {
    expect(await ids('/integrations?search=SLA')).toEqual(['int-slack']);
    expect(await ids('/integrations?connectorId=con-hub')).toEqual(['int-hub']);
    expect(await ids('/integrations?includeArchived=true&search=old')).toEqual(['int-old']);
    for (const sel of ['int-hub', 'uuid-hub', 'hubspot']) {
      expect((await call(sandbox, 'GET', `/integrations/${sel}`)).json.id).toBe('int-hub');
    }
    expect((await call(sandbox, 'GET', '/integrations/nope')).json).toEqual({
      type: 'bad_request',
      key: 'not_found',
      message: "Integration 'nope' not found",
    });
  });

  it('filters customers by search (name or internalId), isTest, isActive, includeArchived', async () => {
    expect(await ids('/customers?search=BOB')).toEqual(['cus-bob']);
    expect(await ids('/customers?search=alic')).toEqual(['cus-alice']);
    expect(await ids('/customers?isTest=true')).toEqual(['cus-bob']);
    expect(await ids('/customers?isActive=false')).toEqual([]);
    expect(await ids('/customers?isActive=false&includeArchived=true')).toEqual(['cus-carol']);
  });
});
