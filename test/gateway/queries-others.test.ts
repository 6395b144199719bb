import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  SandboxData,
  WireConnection,
  WireCustomer,
  WireIntegration,
} from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { firstIds, listOrder, live, one } from './wire-fields.js';

interface ListCase<T> {
  vars: Record<string, unknown>;
  /** The query string the sandbox must receive (sorted keys). */
  query: string;
  keep: (item: T) => boolean;
}

const has = (value: string | undefined, needle: string) =>
  value?.toLowerCase().includes(needle.toLowerCase()) === true;

/** The `true` and `false` cases of a boolean filter (absent counts as false, like the API). */
function flag<T extends { archivedAt?: string }>(
  name: string,
  pick: (item: T) => boolean | undefined,
) {
  return Object.fromEntries(
    [true, false].map((value) => [
      `${name} ${value}`,
      {
        vars: { [name]: value },
        query: `${name}=${value}&limit=100`,
        keep: (item: T) => live(item) && (pick(item) === true) === value,
      },
    ]),
  ) as Record<string, ListCase<T>>;
}

function integrationCases(data: SandboxData): Record<string, ListCase<WireIntegration>> {
  const term = String(one(data.integrations, 'integration').name.slice(0, 3));
  return {
    search: {
      vars: { search: term },
      query: `limit=100&search=${term}`,
      keep: (i) => live(i) && (has(i.name, term) || has(i.key, term)),
    },
    includeArchived: {
      vars: { includeArchived: true },
      query: 'includeArchived=true&limit=100',
      keep: () => true,
    },
  };
}

function connectionCases(data: SandboxData): Record<string, ListCase<WireConnection>> {
  const c = one(
    data.connections.filter((x) => live(x) && x.key),
    'keyed connection',
  );
  const integration = one(
    data.integrations.filter((i) => i.id === c.integrationId),
    'integration',
  );
  const key = String(integration.key);
  return {
    search: {
      vars: { search: 'tenant-0001' },
      query: 'limit=100&search=tenant-0001',
      keep: (x) => live(x) && (has(x.name, 'tenant-0001') || has(x.key, 'tenant-0001')),
    },
    integrationId: {
      vars: { integrationId: integration.id },
      query: `integrationId=${integration.id}&limit=100`,
      keep: (x) => live(x) && x.integrationId === integration.id,
    },
    integrationKey: {
      vars: { integrationKey: key },
      query: `integrationKey=${key}&limit=100`,
      keep: (x) => live(x) && x.integrationId === integration.id,
    },
    userId: {
      vars: { userId: c.userId },
      query: `limit=100&userId=${c.userId}`,
      keep: (x) => live(x) && x.userId === c.userId,
    },
    ...flag<WireConnection>('isTest', (x) => x.isTest),
    ...flag<WireConnection>('connected', (x) => x.connected),
    includeArchived: {
      vars: { includeArchived: true },
      query: 'includeArchived=true&limit=100',
      keep: () => true,
    },
  };
}

function userCases(): Record<string, ListCase<WireCustomer>> {
  return {
    search: {
      vars: { search: 'tenant-001' },
      query: 'limit=100&search=tenant-001',
      keep: (u) => live(u) && (has(u.name, 'tenant-001') || has(u.internalId, 'tenant-001')),
    },
    ...flag<WireCustomer>('isTest', (u) => u.isTest),
    ...flag<WireCustomer>('isActive', (u) => u.isActive),
    includeArchived: {
      vars: { includeArchived: true },
      query: 'includeArchived=true&limit=100',
      keep: () => true,
    },
  };
}

const LISTS = {
  integrations: {
    path: '/integrations',
    doc: 'query($search: String, $includeArchived: Boolean) { list: integrations(first: 100, search: $search, includeArchived: $includeArchived) { nodes { id } } }',
  },
  connections: {
    path: '/connections',
    doc: `query($search: String, $integrationId: ID, $integrationKey: String, $userId: ID, $isTest: Boolean,
      $connected: Boolean, $includeArchived: Boolean) {
      list: connections(first: 100, search: $search, integrationId: $integrationId, integrationKey: $integrationKey,
        userId: $userId, isTest: $isTest, connected: $connected, includeArchived: $includeArchived) { nodes { id } } }`,
  },
  users: {
    path: '/customers',
    doc: `query($search: String, $isTest: Boolean, $isActive: Boolean, $includeArchived: Boolean) {
      list: users(first: 100, search: $search, isTest: $isTest, isActive: $isActive, includeArchived: $includeArchived) { nodes { id } } }`,
  },
};

describe('Query.integration, connection, user and their lists', () => {
  let gw: TestGateway;
  let data: SandboxData;
  beforeAll(async () => {
    gw = await startTestGateway();
    data = gw.sandbox.data;
  });
  afterAll(() => gw.close());

  const single = async (doc: string, vars: Record<string, unknown>) => {
    gw.resetCalls();
    const res = await gw.execute<{ one: { id: string } | null }>(doc, vars);
    expect(res.errors).toBeUndefined();
    return { id: res.data?.one?.id, calls: gw.calls() };
  };

  it.each(['id', 'key', 'uuid'] as const)('finds an integration by %s', async (by) => {
    const i = one(
      data.integrations.filter((x) => x.key === 'hubspot'),
      'hubspot',
    );
    const selector = String(i[by]);
    const doc = 'query($s: String!) { one: integration(selector: $s) { id } }';
    expect(await single(doc, { s: selector })).toEqual({
      id: i.id,
      calls: [`GET /integrations/${selector}`],
    });
  });

  it('finds a connection and a user by id', async () => {
    const c = one(data.connections, 'connection');
    expect(
      await single('query($id: ID!) { one: connection(id: $id) { id } }', { id: c.id }),
    ).toEqual({
      id: c.id,
      calls: [`GET /connections/${c.id}`],
    });
    expect(await single('query($id: ID!) { one: user(id: $id) { id } }', { id: c.userId })).toEqual(
      {
        id: c.userId,
        calls: [`GET /customers/${c.userId}`],
      },
    );
  });

  const cases = () => ({
    integrations: integrationCases(data),
    connections: connectionCases(data),
    users: userCases(),
  });
  const table = (
    Object.entries({
      integrations: ['search', 'includeArchived'],
      connections: [
        'search',
        'integrationId',
        'integrationKey',
        'userId',
        'isTest true',
        'isTest false',
        'connected true',
        'connected false',
        'includeArchived',
      ],
      users: [
        'search',
        'isTest true',
        'isTest false',
        'isActive true',
        'isActive false',
        'includeArchived',
      ],
    }) as [keyof typeof LISTS, string[]][]
  ).flatMap(([list, names]) => names.map((name) => [list, name] as const));

  it.each(
    table,
  )('%s filtered by %s: exact upstream query and exactly the matching ids', async (list, name) => {
    const c = cases()[list][name] as
      | ListCase<{ id: string; createdAt?: string; archivedAt?: string }>
      | undefined;
    if (!c) {
      throw new Error(name);
    }
    const all: { id: string; createdAt?: string; archivedAt?: string }[] =
      list === 'integrations'
        ? data.integrations
        : list === 'connections'
          ? data.connections
          : data.customers;
    const matching = listOrder(all.filter(c.keep));
    expect(matching.length).toBeGreaterThan(0);
    expect(matching).not.toEqual(listOrder(all.filter(live)));
    gw.resetCalls();
    const res = await gw.execute<{ list: { nodes: { id: string }[] } }>(LISTS[list].doc, c.vars);
    expect(res.errors).toBeUndefined();
    expect(res.data?.list.nodes.map((n) => n.id)).toEqual(firstIds(matching, 100));
    expect(gw.calls()).toEqual([`GET ${LISTS[list].path}?${c.query}`]);
  });

  it('lists the first 20 live items of each list without arguments', async () => {
    const res = await gw.execute<Record<string, { nodes: { id: string }[] }>>(
      '{ integrations { nodes { id } } connections { nodes { id } } users { nodes { id } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.integrations?.nodes.map((n) => n.id)).toEqual(
      firstIds(data.integrations.filter(live), 20),
    );
    expect(res.data?.connections?.nodes.map((n) => n.id)).toEqual(
      firstIds(data.connections.filter(live), 20),
    );
    expect(res.data?.users?.nodes.map((n) => n.id)).toEqual(
      firstIds(data.customers.filter(live), 20),
    );
  });
});
