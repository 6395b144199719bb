import { ConfigurationError, MembraneClient } from '@membranehq/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import type { WireAction } from '../../src/sandbox/types.js';
import { demoTenant } from './contract-helpers.js';

type Item = { id: string } & Record<string, unknown>;
const EMBEDS = ['integration', 'user', 'parent', 'appliedToIntegrations'];
const bare = (item: object) =>
  Object.fromEntries(Object.entries(item).filter(([key]) => !EMBEDS.includes(key)));

describe.each([
  'refresh',
  'all',
] as const)('the official SDK client on actions (embeds: %s)', (embeds) => {
  let s: Sandbox;
  let admin: MembraneClient;
  let tenant: MembraneClient;
  beforeAll(async () => {
    s = await startSandbox({ embeds });
    admin = new MembraneClient({ token: s.tokens.admin, apiUri: s.url });
    tenant = new MembraneClient({ token: s.tokens.tenant, apiUri: s.url });
  });
  afterAll(() => s.close());

  const actions = (): WireAction[] => s.data.actions ?? [];
  /** A live, healthy connection-level action of the demo tenant, for runs. */
  const runnable = (): WireAction => {
    const { customer } = demoTenant(s);
    const found = actions().find(
      (a) =>
        a.userId === customer.id &&
        a.state === 'READY' &&
        a.archivedAt === undefined &&
        a.type === 'create-data-record' &&
        s.data.connections.find((c) => c.id === a.connectionId)?.disconnected !== true,
    );
    if (found === undefined) {
      throw new Error('the seed has no runnable create-data-record action for the demo tenant');
    }
    return found;
  };

  it('actions: findAll, find with a cursor and get return exactly the stored actions', async () => {
    const all = (await admin.actions.findAll()) as Item[];
    const live = actions().filter((a) => a.archivedAt === undefined);
    expect(all.map(bare)).toEqual(
      [...live].sort(
        (a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? '') || a.id.localeCompare(b.id),
      ),
    );
    expect((await admin.actions.findAll({ includeArchived: true })).length).toBe(actions().length);
    const first = await admin.actions.find({ limit: 10 });
    const second = await admin.actions.find({ limit: 10, cursor: first.cursor ?? '' });
    expect(second.items.map((a) => a.id)).toEqual(all.slice(10, 20).map((a) => a.id));
    for (const action of [live[0], live[20], live.at(-1)]) {
      expect(bare(await admin.action(action?.id ?? '').get())).toEqual(action);
    }
    const integration = s.data.integrations.find((i) => i.archivedAt === undefined);
    const own = (await admin.integration(integration?.key ?? '').actions.list()) as unknown as {
      items: Item[];
    };
    expect(own.items.map((a) => a.id).sort()).toEqual(
      live
        .filter((a) => a.integrationId === integration?.id && a.connectionId === undefined)
        .map((a) => a.id)
        .sort(),
    );
    const { customer } = demoTenant(s);
    const mine = await tenant.actions.findAll();
    expect(mine.map((a) => a.id).sort()).toEqual(
      live
        .filter((a) => a.connectionId === undefined || a.userId === customer.id)
        .map((a) => a.id)
        .sort(),
    );
  });

  it('runs through the integration-level accessor with a connection, and the connection-level accessor', async () => {
    const action = runnable();
    const input = { email: 'ann@example.com', name: 'Ann' };
    const viaKey = await admin.action(action.key ?? '').run(input, {
      connectionId: action.connectionId ?? '',
      integrationKey: action.integrationKey ?? '',
    });
    const viaConnection = await tenant
      .connection(action.connectionId ?? '')
      .action(action.key ?? '')
      .run(input);
    expect(viaKey.output).toEqual(viaConnection.output);
    expect(viaKey.output).toEqual({ id: expect.stringMatching(/^[a-z]+_[0-9a-f]{10}$/) });
    expect(viaKey.actionRunId).not.toBe(viaConnection.actionRunId);
    const logs = s.data.actionRunLogs ?? [];
    for (const id of [viaKey.actionRunId, viaConnection.actionRunId]) {
      const log = (await admin.get(`/action-run-logs/${id}`)) as Item;
      expect(log).toMatchObject({
        connectionActionId: action.id,
        status: 'success',
        input,
        output: viaKey.output,
      });
      expect(logs.some((l) => l.id === id)).toBe(true);
    }
    const listed = await tenant.connection(action.connectionId ?? '').actions.list();
    expect((listed as unknown as { items: Item[] }).items.map((a) => a.id)).toContain(action.id);
    const got = await tenant
      .connection(action.connectionId ?? '')
      .action(action.key ?? '')
      .get();
    expect(bare(got)).toEqual(action);
  });

  it('a broken action throws the SDK’s typed error with the body', async () => {
    const broken = actions().find(
      (a) =>
        a.connectionId !== undefined &&
        a.state === 'CONFIGURATION_ERROR' &&
        a.errors?.[0]?.type === 'configuration',
    );
    const error = await admin
      .action(broken?.id ?? '')
      .run({})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).data).toMatchObject(broken?.errors?.[0] ?? {});
  });

  it('finds run logs with every kind of filter through client.get', async () => {
    const logs = s.data.actionRunLogs ?? [];
    const errors = (await admin.get('/action-run-logs', { status: 'error', limit: 1000 })) as {
      items: Item[];
    };
    expect(errors.items.map((l) => l.id).sort()).toEqual(
      logs
        .filter((l) => l.status === 'error')
        .map((l) => l.id)
        .sort(),
    );
    expect(errors.items.length).toBeGreaterThan(0);
    const { customer } = demoTenant(s);
    const mine = (await tenant.get('/action-run-logs', { limit: 1000 })) as { items: Item[] };
    expect(mine.items.map((l) => l.id).sort()).toEqual(
      logs
        .filter((l) => l.userId === customer.id)
        .map((l) => l.id)
        .sort(),
    );
    const one = logs[0];
    const byAction = (await admin.get('/action-run-logs', {
      connectionActionId: one?.connectionActionId,
      integrationId: one?.integrationId,
      limit: 1000,
    })) as { items: Item[] };
    expect(byAction.items.map((l) => l.id).sort()).toEqual(
      logs
        .filter((l) => l.connectionActionId === one?.connectionActionId)
        .map((l) => l.id)
        .sort(),
    );
  });

  it('patches, archives and restores through the SDK', async () => {
    const action = runnable();
    const patched = await tenant
      .connection(action.connectionId ?? '')
      .action(action.key ?? '')
      .patch({ name: 'Renamed' });
    expect(patched).toMatchObject({ id: action.id, name: 'Renamed', isCustomized: true });
    await admin.action(action.id).archive();
    expect(actions().find((a) => a.id === action.id)?.archivedAt).toBeDefined();
    const restored = await admin.action(action.id).restore();
    expect(restored).toMatchObject({ id: action.id });
    expect((restored as Item).archivedAt).toBeUndefined();
  });
});
