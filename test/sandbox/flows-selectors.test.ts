import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { call, startFixture } from './helpers.js';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startFixture();
});
afterEach(async () => {
  await sandbox.close();
});

const get = async (
  path: string,
  token?: string,
): Promise<{ status: number; id?: string; body: unknown }> => {
  const res = await call(sandbox, 'GET', path, token === undefined ? {} : { token });
  return { status: res.status, id: res.json?.id, body: res.json };
};

describe('flow selectors', () => {
  it('resolves by id, including archived flows', async () => {
    expect((await get('/flows/fl-hub-send')).id).toBe('fl-hub-send');
    expect((await get('/flows/fl-gone')).id).toBe('fl-gone');
  });

  it('prefers the universal flow for a key', async () => {
    expect((await get('/flows/sync')).id).toBe('fl-u-sync');
  });

  it('rejects an ambiguous key with a 400 and accepts it when clarified', async () => {
    const res = await get('/flows/send');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      type: 'bad_request',
      message:
        "Flow key 'send' is ambiguous: 2 flows match. Address it by id, or pass integrationKey, integrationId, connectionId, connectionKey or instanceKey",
    });
    expect((await get('/flows/send?integrationKey=slack')).id).toBe('fl-slack-send');
    expect((await get('/flows/send?integrationId=int-hub')).id).toBe('fl-hub-send');
  });

  it('resolves a unique integration-level key', async () => {
    expect((await get('/flows/only-off')).id).toBe('fl-off');
  });

  it('resolves integrationKey.flowKey to the integration-level flow', async () => {
    expect((await get('/flows/hubspot.send')).id).toBe('fl-hub-send');
    expect((await get('/flows/slack.sync')).id).toBe('fl-slack-sync');
    expect((await get('/flows/nope.sync')).status).toBe(404);
  });

  it('selects the integration-level version of a universal flow', async () => {
    expect((await get('/flows/sync?integrationKey=slack')).id).toBe('fl-slack-sync');
    expect((await get('/flows/fl-u-sync?integrationId=int-hub')).id).toBe('fl-hub-sync');
    expect((await get('/flows/sync?layer=integration&integrationKey=hubspot')).id).toBe(
      'fl-hub-sync',
    );
    expect((await get('/flows/sync?layer=universal&integrationKey=hubspot')).id).toBe('fl-u-sync');
  });

  it('selects connection-level instances by connectionId, connectionKey and instanceKey', async () => {
    expect((await get('/flows/sync?connectionId=conn-a-hub')).id).toBe('fi-a-sync');
    expect((await get('/flows/sync?connectionKey=bob-hub')).id).toBe('fi-b-sync');
    expect((await get('/flows/fl-hub-send?connectionId=conn-a-hub&instanceKey=k2')).id).toBe(
      'fi-a-send-k2',
    );
    expect((await get('/flows/fi-a-sync?layer=integration')).id).toBe('fl-hub-sync');
    expect((await get('/flows/fi-a-sync?layer=universal')).id).toBe('fl-u-sync');
  });

  it('auto-creates a missing connection-level instance on GET with connectionId', async () => {
    const before = sandbox.data.flows.length;
    const res = await get('/flows/hubspot.send?connectionId=conn-b-hub');
    expect(res.status).toBe(200);
    expect(sandbox.data.flows.length).toBe(before + 1);
    const created = sandbox.data.flows.at(-1);
    expect(created).toMatchObject({
      id: res.id,
      name: 'Send',
      key: 'send',
      connectionId: 'conn-b-hub',
      flowId: 'fl-hub-send',
      integrationId: 'int-hub',
      userId: 'cus-bob',
      tenantId: 'cus-bob',
      state: 'READY',
      isCustomized: false,
      flowRevision: 'r-fl-hub-send',
    });
    // The second GET finds the instance instead of creating another.
    expect((await get('/flows/hubspot.send?connectionId=conn-b-hub')).id).toBe(res.id);
    expect(sandbox.data.flows.length).toBe(before + 1);
  });

  it('auto-creates through a universal flow and a tenant picks its single connection', async () => {
    const before = sandbox.data.flows.length;
    const res = await get(
      '/flows/sync?layer=connection&integrationKey=slack',
      sandbox.tokens.forTenant('alice'),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      connectionId: 'conn-a-slack',
      flowId: 'fl-slack-sync',
      universalFlowId: 'fl-u-sync',
      universalFlowRevision: 'r-fl-u-sync',
    });
    expect(sandbox.data.flows.length).toBe(before + 1);
  });

  it('answers 404 and 400 for bad selectors and params', async () => {
    expect((await get('/flows/nothing')).body).toEqual({
      type: 'bad_request',
      key: 'not_found',
      message: "Flow 'nothing' not found",
    });
    expect((await get('/flows/sync?integrationKey=zzz')).body).toEqual({
      type: 'bad_request',
      key: 'not_found',
      message: "Integration 'zzz' not found",
    });
    expect((await get('/flows/sync?connectionId=zzz')).status).toBe(404);
    expect((await get('/flows/sync?layer=weird')).body).toEqual({
      type: 'bad_request',
      message: "Query parameter 'layer' must be one of universal, integration, connection",
    });
    expect((await get('/flows/fl-u-sync?layer=integration')).status).toBe(400);
    expect((await get('/flows/sync?integrationKey=slack&connectionId=conn-a-hub')).status).toBe(
      400,
    );
    expect((await get('/flows/fl-hub-send?integrationKey=slack')).status).toBe(404);
  });

  it('hides other tenants’ instances from a tenant, by id and by connection', async () => {
    const alice = sandbox.tokens.forTenant('alice');
    expect((await get('/flows/fi-b-sync', alice)).status).toBe(404);
    expect((await get('/flows/sync?connectionId=conn-b-hub', alice)).status).toBe(404);
    expect((await get('/flows/fi-a-sync', alice)).id).toBe('fi-a-sync');
    expect((await get('/flows/fl-hub-send', alice)).id).toBe('fl-hub-send');
  });
});
