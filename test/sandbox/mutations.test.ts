import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { call, startFixture } from './helpers.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});
const start = async (options = {}): Promise<Sandbox> => {
  sandbox = await startFixture(options);
  return sandbox;
};
const flow = (s: Sandbox, id: string) => s.data.flows.find((f) => f.id === id);

describe('refresh', () => {
  it('moves a flow to READY, bumps revision and updatedAt, and embeds like the seed page', async () => {
    const s = await start();
    const res = await call(s, 'POST', '/flows/fi-a-sync/refresh');
    expect(res.status).toBe(200);
    expect(res.json.state).toBe('READY');
    expect(res.json.errors).toBeUndefined();
    expect(res.json.revision).not.toBe('r-fi-a-sync');
    expect(res.json.updatedAt > '2024-01-01T00:30:00.000Z').toBe(true);
    expect(flow(s, 'fi-a-sync')?.revision).toBe(res.json.revision);
    expect(res.json.integration).toEqual({ ...s.data.integrations[0] });
    expect(res.json.connection).toEqual({ ...s.data.connections[0], credentials: undefined });
    expect(Object.keys(res.json.connection)).not.toContain('credentials');
    expect(res.json.user).toEqual({
      id: 'cus-alice',
      internalId: 'alice',
      name: 'Alice Corp',
      isActive: true,
      isTest: false,
      createdAt: '2024-01-01T00:01:00.000Z',
    });
    expect(res.json.flow.id).toBe('fl-hub-sync');
    expect(
      res.json.appliedToIntegrations.map(
        (a: { element: { id: string }; integration: { id: string } }) => [
          a.element.id,
          a.integration.id,
        ],
      ),
    ).toEqual([
      ['fl-hub-sync', 'int-hub'],
      ['fl-slack-sync', 'int-slack'],
    ]);
  });

  it('embeds appliedToIntegrations for a universal flow and omits absent embeds', async () => {
    const s = await start();
    const universal = await call(s, 'POST', '/flows/sync/refresh');
    expect(universal.json.id).toBe('fl-u-sync');
    expect(universal.json.appliedToIntegrations).toHaveLength(2);
    for (const key of ['integration', 'user', 'connection', 'flow']) {
      expect(key in universal.json).toBe(false);
    }
    const lonely = await call(s, 'POST', '/flows/only-off/refresh');
    expect('appliedToIntegrations' in lonely.json).toBe(false);
    expect(lonely.text.includes('null')).toBe(false);
  });

  it('reports CONFIGURATION_ERROR with errors for missing parameters, deactivated or archived integrations', async () => {
    const s = await start();
    const cases: [string, string, string][] = [
      ['fl-missing-send', 'missing_parameters', "Integration 'missing' has missing parameters"],
      ['fl-off', 'integration_deactivated', "Integration 'off' is deactivated"],
      ['fl-old', 'integration_archived', "Integration 'old' is archived"],
    ];
    for (const [id, key, message] of cases) {
      const res = await call(s, 'POST', `/flows/${id}/refresh`);
      expect(res.json.state).toBe('CONFIGURATION_ERROR');
      expect(res.json.errors).toEqual([{ type: 'configuration', key, message }]);
    }
  });

  it('answers BUILDING first when refreshBuildMs is set, then settles', async () => {
    const s = await start({ refreshBuildMs: 150 });
    const res = await call(s, 'POST', '/flows/fi-a-missing/refresh');
    expect(res.json.state).toBe('BUILDING');
    expect((await call(s, 'GET', '/flows/fi-a-missing')).json.state).toBe('BUILDING');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await call(s, 'GET', '/flows/fi-a-missing');
    expect(after.json.state).toBe('CONFIGURATION_ERROR');
    expect(after.json.revision).not.toBe(res.json.revision);
  });

  it('lets a tenant refresh its own instance only', async () => {
    const s = await start();
    const alice = s.tokens.forTenant('alice');
    expect((await call(s, 'POST', '/flows/fi-a-sync/refresh', { token: alice })).status).toBe(200);
    expect((await call(s, 'POST', '/flows/fl-hub-sync/refresh', { token: alice })).json).toEqual({
      type: 'bad_request',
      key: 'access_denied',
      message: "A tenant token cannot refresh workspace-level flow 'fl-hub-sync'",
    });
    expect((await call(s, 'POST', '/flows/fi-b-sync/refresh', { token: alice })).status).toBe(404);
  });
});

describe('embed modes', () => {
  it('carries no embeds on GET/list in refresh mode, and all of them in all mode', async () => {
    const plain = await start();
    const get = await call(plain, 'GET', '/flows/fi-a-sync');
    expect(Object.keys(get.json)).not.toContain('integration');
    const conn = await call(plain, 'GET', '/connections/conn-a-hub');
    expect(Object.keys(conn.json)).not.toContain('user');
    await plain.close();
    const all = await start({ embeds: 'all' });
    const embedded = await call(all, 'GET', '/flows/fi-a-sync');
    expect(embedded.json.integration.id).toBe('int-hub');
    expect(embedded.json.user.id).toBe('cus-alice');
    expect(embedded.json.user.credentials).toBeUndefined();
    const list = await call(all, 'GET', '/flows?connectionId=conn-a-hub');
    expect(list.json.items[0].connection.id).toBe('conn-a-hub');
    const c = await call(all, 'GET', '/connections?limit=1');
    expect(c.json.items[0].user.id).toBe('cus-alice');
    expect(c.json.items[0].integration.id).toBe('int-hub');
  });
});

describe('reset, patch, archive and restore', () => {
  it('resets customizations from the parent and bumps the revision', async () => {
    const s = await start();
    const res = await call(s, 'POST', '/flows/fi-a-sync/reset');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      name: 'Sync',
      isCustomized: false,
      customized: { name: false, nodes: false },
      flowRevision: 'r-fl-hub-sync',
    });
    expect(res.json.revision).not.toBe('r-fi-a-sync');
    expect(res.json.integration).toBeUndefined();
  });

  it('patches editable fields and marks name/node edits as customizations', async () => {
    const s = await start();
    const res = await call(s, 'PATCH', '/flows/fi-b-sync', {
      body: JSON.stringify({ name: 'Mine', enabled: true }),
    });
    expect(res.json).toMatchObject({
      name: 'Mine',
      enabled: true,
      isCustomized: true,
      customized: { name: true, nodes: false },
    });
    expect(flow(s, 'fi-b-sync')?.name).toBe('Mine');
    const unknown = await call(s, 'PATCH', '/flows/fi-b-sync', {
      body: JSON.stringify({ name: 'x', state: 'READY' }),
    });
    expect(unknown.json).toEqual({
      type: 'bad_request',
      message: 'Unknown field(s) in flow update: state',
    });
    const wrongType = await call(s, 'PATCH', '/flows/fi-b-sync', {
      body: JSON.stringify({ enabled: 'yes' }),
    });
    expect(wrongType.json).toEqual({
      type: 'bad_request',
      message: "Field 'enabled' has an invalid value",
    });
    const notObject = await call(s, 'PATCH', '/flows/fi-b-sync', { body: '[1]' });
    expect(notObject.json).toEqual({
      type: 'bad_request',
      message: 'Request body must be a JSON object',
    });
    const malformed = await call(s, 'PATCH', '/flows/fi-b-sync', { body: '{"name":' });
    expect(malformed.json).toEqual({
      type: 'bad_request',
      message: 'Request body is not valid JSON',
    });
  });

  it('refuses to patch archived (400) and read-only (403) flows', async () => {
    const s = await start();
    expect((await call(s, 'PATCH', '/flows/fl-gone', { body: '{"name":"x"}' })).json).toEqual({
      type: 'bad_request',
      message: 'Archived elements cannot be patched',
    });
    expect((await call(s, 'PATCH', '/flows/locked', { body: '{"name":"x"}' })).json).toEqual({
      type: 'bad_request',
      key: 'access_denied',
      message: "Flow 'fl-ro' is read-only",
    });
    expect((await call(s, 'DELETE', '/flows/locked')).status).toBe(403);
    expect((await call(s, 'POST', '/flows/locked/reset')).status).toBe(403);
  });

  it('archives with an empty 200, hides from lists, and restores', async () => {
    const s = await start();
    const del = await call(s, 'DELETE', '/flows/fl-slack-send');
    expect(del.status).toBe(200);
    expect(del.text).toBe('');
    expect(typeof flow(s, 'fl-slack-send')?.archivedAt).toBe('string');
    const listed = await call(s, 'GET', '/flows?integrationKey=slack&layer=integration');
    expect(listed.json.items.map((f: { id: string }) => f.id)).toEqual(['fl-slack-sync']);
    // With the slack copy archived, the key 'send' is no longer ambiguous.
    expect((await call(s, 'GET', '/flows/send')).json.id).toBe('fl-hub-send');
    const restored = await call(s, 'POST', '/flows/fl-slack-send/restore');
    expect(restored.status).toBe(200);
    expect(restored.json.archivedAt).toBeUndefined();
    expect(flow(s, 'fl-slack-send')?.archivedAt).toBeUndefined();
  });

  it('forbids tenant writes on workspace-level flows and allows them on their own instances', async () => {
    const s = await start();
    const alice = s.tokens.forTenant('alice');
    for (const [method, path] of [
      ['PATCH', '/flows/fl-hub-send'],
      ['DELETE', '/flows/fl-hub-send'],
      ['POST', '/flows/fl-hub-send/reset'],
      ['POST', '/flows/fl-hub-send/restore'],
    ] as const) {
      const res = await call(s, method, path, {
        token: alice,
        ...(method === 'PATCH' ? { body: '{}' } : {}),
      });
      expect(res.status).toBe(403);
      expect(res.json.key).toBe('access_denied');
    }
    expect(
      (await call(s, 'PATCH', '/flows/fi-a-sync', { token: alice, body: '{"enabled":false}' })).json
        .enabled,
    ).toBe(false);
    expect((await call(s, 'DELETE', '/flows/fi-a-sync', { token: alice })).status).toBe(200);
    expect((await call(s, 'POST', '/flows/fi-a-sync/restore', { token: alice })).status).toBe(200);
  });
});
