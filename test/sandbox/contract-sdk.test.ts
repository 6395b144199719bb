import { MembraneClient } from '@membranehq/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import type { WireConnection } from '../../src/sandbox/types.js';
import { demoTenant, withoutEmbeds } from './contract-helpers.js';

type Item = { id: string } & Record<string, unknown>;

const byId = (items: readonly Item[]): Map<string, Item> =>
  new Map(items.map((item) => [item.id, item]));

/** A connection as served without `includeSecrets`: no credentials. */
function served(connection: WireConnection): Record<string, unknown> {
  const { credentials: _secret, ...rest } = connection;
  return rest;
}

function dropKeys(item: object, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([key]) => !keys.includes(key)));
}

describe.each(['refresh', 'all'] as const)('the official SDK client (embeds: %s)', (embeds) => {
  let s: Sandbox;
  let admin: MembraneClient;
  let tenant: MembraneClient;
  beforeAll(async () => {
    s = await startSandbox({ embeds });
    admin = new MembraneClient({ token: s.tokens.admin, apiUri: s.url });
    tenant = new MembraneClient({ token: s.tokens.tenant, apiUri: s.url });
  });
  afterAll(() => s.close());

  it('flows: findAll, find with a cursor and get return exactly the stored flows', async () => {
    const all = (await admin.flows.findAll()) as Item[];
    const live = s.data.flows.filter((f) => f.archivedAt === undefined);
    expect(all.length).toBe(live.length);
    const found = byId(all);
    for (const flow of live) {
      expect(withoutEmbeds(found.get(flow.id) ?? {})).toEqual(flow);
    }
    expect((await admin.flows.findAll({ includeArchived: true })).length).toBe(s.data.flows.length);
    const first = await admin.flows.find({ limit: 10 });
    const second = await admin.flows.find({ limit: 10, cursor: first.cursor ?? '' });
    expect([first.items.length, second.items.length]).toEqual([10, 10]);
    expect(second.items[0]?.id).toBe(all[10]?.id);
    for (const flow of [live[0], live[30], live[200]]) {
      const got = await admin.flow(flow?.id ?? '').get();
      expect(withoutEmbeds(got)).toEqual(flow);
    }
  });

  it('flows seen by the tenant: workspace-level ones plus its own instances', async () => {
    const { customer } = demoTenant(s);
    const all = await tenant.flows.findAll();
    const expected = s.data.flows.filter(
      (f) =>
        f.archivedAt === undefined && (f.connectionId === undefined || f.userId === customer.id),
    );
    expect(all.map((f) => f.id).sort()).toEqual(expected.map((f) => f.id).sort());
  });

  it('integrations: findAll and get equal the stored ones; tenants get their connection too', async () => {
    const live = s.data.integrations.filter((i) => i.archivedAt === undefined);
    expect(await admin.integrations.findAll()).toEqual(
      [...live].sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? '')),
    );
    for (const integration of s.data.integrations) {
      expect(await admin.integration(integration.key ?? '').get()).toEqual(integration);
    }
    const { customer } = demoTenant(s);
    const mine = await tenant.integrations.findAll();
    for (const item of mine) {
      const connection = s.data.connections.find(
        (c) => c.userId === customer.id && c.integrationId === item.id && !c.archivedAt,
      );
      expect(item.connection).toEqual(connection === undefined ? undefined : served(connection));
      expect(dropKeys(item, ['connection'])).toEqual(
        s.data.integrations.find((i) => i.id === item.id),
      );
    }
  });

  it('connections: find (paged) and get equal the stored ones without credentials', async () => {
    const items: Item[] = [];
    let cursor: string | undefined;
    do {
      const page = await admin.connections.find({ limit: 25, ...(cursor ? { cursor } : {}) });
      items.push(...(page.items as Item[]));
      cursor = page.cursor;
    } while (cursor);
    const live = s.data.connections.filter((c) => c.archivedAt === undefined);
    expect(items.length).toBe(live.length);
    const found = byId(items);
    for (const connection of live) {
      expect(dropKeys(found.get(connection.id) ?? {}, ['user', 'integration'])).toEqual(
        served(connection),
      );
    }
    const one = live[3] as WireConnection;
    expect(dropKeys(await admin.connection(one.id).get(), ['user', 'integration'])).toEqual(
      served(one),
    );
    const secret = await admin.connection(one.id).get({ includeSecrets: true });
    // The SDK types `get()` without secrets; the body carries them on request.
    expect((secret as { credentials?: unknown }).credentials).toEqual(one.credentials);
    if (embeds === 'all') {
      expect(found.get(one.id)?.user).toEqual(
        dropKeys(s.data.customers.find((c) => c.id === one.userId) ?? {}, ['credentials']),
      );
    }
  });

  it('customers: findAll and get equal the stored ones', async () => {
    const live = s.data.customers.filter((c) => c.archivedAt === undefined);
    const all = await admin.customers.findAll();
    expect(all.map((c) => c.id).sort()).toEqual(live.map((c) => c.id).sort());
    const found = byId(all as Item[]);
    for (const customer of s.data.customers) {
      expect(await admin.customer(customer.id).get()).toEqual(customer);
      if (customer.archivedAt === undefined) {
        expect(found.get(customer.id)).toEqual(customer);
      }
    }
  });

  it('a 404 becomes the SDK error the gateway switches on (data.type / data.key)', async () => {
    const error = await admin
      .flow('000000000000000000000000')
      .get()
      .catch((e: unknown) => e as { isMembraneError?: boolean; data?: Record<string, unknown> });
    expect(error).toMatchObject({
      isMembraneError: true,
      data: { type: 'bad_request', key: 'not_found' },
    });
  });
});
