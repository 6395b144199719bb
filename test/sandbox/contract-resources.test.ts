import { ErrorDataSchema } from '@membranehq/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import {
  connectionExample,
  customerExample,
  demoTenant,
  errorExample,
  integrationExample,
  pageOf,
  shapeProblems,
} from './contract-helpers.js';
import { call } from './helpers.js';
import {
  strictConnection,
  strictConnectionWithSecrets,
  strictCustomer,
  strictIntegration,
  strictIntegrationListItem,
  strictPage,
} from './sdk-schemas.js';

describe.each([
  'refresh',
  'all',
] as const)('REST contract of other resources (embeds: %s)', (embeds) => {
  let s: Sandbox;
  beforeAll(async () => {
    s = await startSandbox({ embeds });
  });
  afterAll(() => s.close());

  it('integrations: pages and single GETs conform; tenants see their own connection embedded', async () => {
    const { customer } = demoTenant(s);
    for (const token of [s.tokens.admin, s.tokens.tenant]) {
      const first = await call(s, 'GET', '/integrations?limit=3', { token });
      expect(first.status).toBe(200);
      const listShape = pageOf(integrationExample);
      expect(shapeProblems(strictPage(strictIntegrationListItem), first.json, listShape)).toEqual(
        [],
      );
      expect(first.json.cursor).toEqual(expect.any(String));
      const later = await call(s, 'GET', `/integrations?limit=3&cursor=${first.json.cursor}`, {
        token,
      });
      expect(shapeProblems(strictPage(strictIntegrationListItem), later.json, listShape)).toEqual(
        [],
      );
      expect(later.json.items[0].id).not.toBe(first.json.items[0].id);
      for (const integration of s.data.integrations) {
        const res = await call(s, 'GET', `/integrations/${integration.key}`, { token });
        expect(res.status).toBe(200);
        expect(shapeProblems(strictIntegration, res.json, integrationExample)).toEqual([]);
        const { connection, ...rest } = res.json;
        expect(rest).toEqual(integration);
        const mine = s.data.connections.find(
          (c) => c.userId === customer.id && c.integrationId === integration.id && !c.archivedAt,
        );
        const expected = token === s.tokens.tenant && mine ? mine.id : undefined;
        expect(connection?.id).toBe(expected);
      }
    }
  });

  it('connections: pages and single GETs conform; secrets only for the admin on request', async () => {
    for (const token of [s.tokens.admin, s.tokens.tenant]) {
      const first = await call(s, 'GET', '/connections?limit=2', { token });
      expect(first.status).toBe(200);
      expect(
        shapeProblems(strictPage(strictConnection), first.json, pageOf(connectionExample)),
      ).toEqual([]);
      expect(first.json.cursor).toEqual(expect.any(String));
      const later = await call(s, 'GET', `/connections?limit=2&cursor=${first.json.cursor}`, {
        token,
      });
      expect(
        shapeProblems(strictPage(strictConnection), later.json, pageOf(connectionExample)),
      ).toEqual([]);
      const id = first.json.items[0].id;
      const single = await call(s, 'GET', `/connections/${id}`, { token });
      expect(shapeProblems(strictConnection, single.json, connectionExample)).toEqual([]);
      const hasEmbeds = 'user' in single.json && 'integration' in single.json;
      expect(hasEmbeds).toBe(embeds === 'all');
      const secret = await call(s, 'GET', `/connections/${id}?includeSecrets=true`, { token });
      expect(shapeProblems(strictConnectionWithSecrets, secret.json, connectionExample)).toEqual(
        [],
      );
      expect('credentials' in secret.json).toBe(token === s.tokens.admin);
      expect('credentials' in single.json).toBe(false);
    }
  });

  it('customers: pages and single GETs conform (admin); a tenant reads itself', async () => {
    const first = await call(s, 'GET', '/customers?limit=10');
    const shape = pageOf(customerExample);
    expect(shapeProblems(strictPage(strictCustomer), first.json, shape)).toEqual([]);
    expect(first.json.cursor).toEqual(expect.any(String));
    const last = await call(s, 'GET', `/customers?limit=10&cursor=${first.json.cursor}`);
    expect(shapeProblems(strictPage(strictCustomer), last.json, shape)).toEqual([]);
    for (const customer of s.data.customers) {
      const res = await call(s, 'GET', `/customers/${customer.id}`);
      expect(shapeProblems(strictCustomer, res.json, customerExample)).toEqual([]);
      expect(res.json).toEqual(customer);
    }
    const { customer } = demoTenant(s);
    const self = await call(s, 'GET', `/customers/${customer.id}`, { token: s.tokens.tenant });
    expect(self.json).toEqual(customer);
  });

  it('error bodies conform to ErrorDataSchema with no invented key', async () => {
    const archived = s.data.flows.find((f) => f.archivedAt !== undefined);
    const cases: Array<[string, string, string | null, number]> = [
      ['GET', '/flows/000000000000000000000000', s.tokens.admin, 404],
      ['GET', '/connections/nope', s.tokens.admin, 404],
      ['GET', '/flows', null, 401],
      ['GET', '/customers', s.tokens.tenant, 403],
      ['GET', '/flows?limit=1001', s.tokens.admin, 400],
      ['PATCH', `/flows/${archived?.id}`, s.tokens.admin, 400],
    ];
    for (const [method, path, token, status] of cases) {
      const res = await call(s, method, path, {
        token,
        ...(method === 'PATCH' ? { body: '{"name":"x"}' } : {}),
      });
      expect([method, path, res.status]).toEqual([method, path, status]);
      expect(shapeProblems(ErrorDataSchema, res.json, errorExample)).toEqual([]);
      expect(res.json.type).toBe('bad_request');
    }
  });
});
