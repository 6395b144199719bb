import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import type { WireAction } from '../../src/sandbox/types.js';
import { actionFixture } from './action-fixture.js';
import { call } from './helpers.js';

let s: Sandbox;
beforeEach(async () => {
  s = await startSandbox({ data: actionFixture() });
});
afterEach(() => s.close());

const stored = (id: string): WireAction | undefined => s.data.actions?.find((a) => a.id === id);
const patch = (path: string, body: unknown, token?: string) =>
  call(s, 'PATCH', path, {
    body: JSON.stringify(body),
    ...(token === undefined ? {} : { token }),
  });
const denied = (message: string) => ({ type: 'bad_request', key: 'access_denied', message });

describe('action PATCH, archive (DELETE) and restore, as for flows', () => {
  it('patches editable fields; a config edit on an action with a parent marks it customized', async () => {
    const before = structuredClone(stored('ai-b-create'));
    const res = await patch('/actions/ai-b-create', {
      name: 'Create Lead',
      config: { dataSource: { collectionKey: 'leads' } },
      intent: 'make it create leads',
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({
      ...before,
      name: 'Create Lead',
      config: { dataSource: { collectionKey: 'leads' } },
      isCustomized: true,
      revision: res.json.revision,
      updatedAt: res.json.updatedAt,
    });
    expect(res.json.revision).not.toBe(before?.revision);
    expect(res.json.updatedAt > (before?.updatedAt ?? '')).toBe(true);
    expect(stored('ai-b-create')).toEqual(res.json);
    const universal = await patch('/actions/ac-u-ping', { description: 'pings' });
    expect(universal.json).toMatchObject({ description: 'pings' });
    expect(universal.json.isCustomized).toBeUndefined();
  });

  it.each([
    [{ enabled: true }, 'Unknown field(s) in action update: enabled'],
    [{ type: 'teleport' }, "Field 'type' has an invalid value"],
    [{ config: 'x' }, "Field 'config' has an invalid value"],
    [{ isUniversal: 'yes' }, "Field 'isUniversal' has an invalid value"],
    [{ name: '' }, "Field 'name' must not be empty"],
    [[1], 'Request body must be a JSON object'],
  ])('refuses %j with a 400 and changes nothing', async (body, message) => {
    const before = structuredClone(stored('ai-a-create'));
    const res = await patch('/actions/ai-a-create', body);
    expect([res.status, res.json]).toEqual([400, { type: 'bad_request', message }]);
    expect(stored('ai-a-create')).toEqual(before);
  });

  it('refuses read-only (403), archived (400) and, for tenants, workspace-level actions (403)', async () => {
    expect((await patch('/actions/ac-hub-ro', { name: 'x' })).json).toEqual(
      denied("Action 'ac-hub-ro' is read-only"),
    );
    expect((await patch('/actions/ac-old', { name: 'x' })).json).toEqual({
      type: 'bad_request',
      message: 'Archived elements cannot be patched',
    });
    const alice = s.tokens.forTenant('alice');
    expect((await patch('/actions/ac-hub-create', { name: 'x' }, alice)).json).toEqual(
      denied("A tenant token cannot patch workspace-level action 'ac-hub-create'"),
    );
    expect((await patch('/actions/ai-a-create', { name: 'Mine' }, alice)).status).toBe(200);
    expect((await patch('/actions/ai-b-create', { name: 'x' }, alice)).status).toBe(404);
  });

  it('archives with an empty 200, hides it from lists, keeps it by id, and restores it', async () => {
    const del = await call(s, 'DELETE', '/actions/ai-a-list-k2');
    expect([del.status, del.text]).toEqual([200, '']);
    const archivedAt = stored('ai-a-list-k2')?.archivedAt;
    expect(archivedAt).toBe(stored('ai-a-list-k2')?.updatedAt);
    const list = await call(s, 'GET', '/actions?connectionId=conn-a-hub');
    expect(list.json.items.map((a: WireAction) => a.id)).toEqual(['ai-a-create']);
    expect((await call(s, 'GET', '/actions/ai-a-list-k2')).json.archivedAt).toBe(archivedAt);
    expect((await call(s, 'DELETE', '/actions/ai-a-list-k2')).status).toBe(200);
    expect(stored('ai-a-list-k2')?.archivedAt).toBe(archivedAt);
    const restored = await call(s, 'POST', '/actions/ai-a-list-k2/restore');
    expect(restored.status).toBe(200);
    expect(restored.json.archivedAt).toBeUndefined();
    const again = await call(s, 'GET', '/actions?connectionId=conn-a-hub');
    expect(again.json.items.map((a: WireAction) => a.id)).toEqual(['ai-a-create', 'ai-a-list-k2']);
    const alice = s.tokens.forTenant('alice');
    expect((await call(s, 'DELETE', '/actions/ac-u-ping', { token: alice })).json).toEqual(
      denied("A tenant token cannot archive workspace-level action 'ac-u-ping'"),
    );
    expect((await call(s, 'DELETE', '/actions/ac-hub-ro')).status).toBe(403);
  });
});

describe('action embeds', () => {
  it('refresh mode: no embeds on reads; all mode: integration, user, parent, appliedToIntegrations', async () => {
    expect((await call(s, 'GET', '/actions/ai-a-create')).json).toEqual(stored('ai-a-create'));
    await s.close();
    s = await startSandbox({ data: actionFixture(), embeds: 'all' });
    const data = actionFixture();
    const find = (id: string) => data.actions?.find((a) => a.id === id);
    const integration = data.integrations.find((i) => i.id === 'int-hub');
    const { credentials: _c, ...alice } = data.customers.find((c) => c.id === 'cus-alice') ?? {};
    const applied = [
      { element: find('ac-hub-create'), integration },
      {
        element: find('ac-slack-create'),
        integration: data.integrations.find((i) => i.id === 'int-slack'),
      },
    ];
    expect((await call(s, 'GET', '/actions/ai-a-create')).json).toEqual({
      ...find('ai-a-create'),
      integration,
      user: alice,
      parent: find('ac-hub-create'),
      appliedToIntegrations: applied,
    });
    expect((await call(s, 'GET', '/actions/ac-u-create')).json).toEqual({
      ...find('ac-u-create'),
      appliedToIntegrations: applied,
    });
    const page = await call(s, 'GET', '/actions?layer=universal');
    expect(page.json.items[1]).toEqual(find('ac-u-ping'));
    const log = await call(s, 'GET', '/action-run-logs/lg-2');
    const { credentials: _b, ...bob } = data.customers.find((c) => c.id === 'cus-bob') ?? {};
    const { credentials: _x, ...connection } =
      data.connections.find((c) => c.id === 'conn-b-hub') ?? {};
    expect(log.json).toEqual({
      ...data.actionRunLogs?.[1],
      action: find('ac-hub-create'),
      actionInstance: find('ai-b-create'),
      connection,
      integration,
      user: bob,
    });
  });
});

describe('action reset', () => {
  it('takes name and config back from the parent and drops the customization', async () => {
    await patch('/actions/ai-a-create', { config: { dataSource: { collectionKey: 'leads' } } });
    const res = await call(s, 'POST', '/actions/ai-a-create/reset');
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      id: 'ai-a-create',
      name: 'Create Contact',
      config: { dataSource: { collectionKey: 'contacts' } },
      inputSchema: stored('ac-hub-create')?.inputSchema,
      isCustomized: false,
    });
    expect(stored('ai-a-create')).toEqual(res.json);
    expect((await call(s, 'POST', '/actions/ac-hub-ro/reset')).status).toBe(403);
    const alice = s.tokens.forTenant('alice');
    expect((await call(s, 'POST', '/actions/ac-hub-create/reset', { token: alice })).status).toBe(
      403,
    );
  });
});
