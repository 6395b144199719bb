import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.js';
import { createMembraneApi } from '../../src/upstream/membrane-api.js';
import { json, mockUpstream } from './mock-upstream.js';

let upstream = mockUpstream();
afterEach(async () => {
  upstream.agent.assertNoPendingInterceptors();
  await upstream.agent.close();
  upstream = mockUpstream();
});

const api = () => createMembraneApi(upstream.client());
const flow = (id: string) => ({ id, name: `Flow ${id}` });

describe('flows', () => {
  it('get by dotted selector with clarifying params; never autoCreate', async () => {
    upstream.pool
      .intercept({
        path: '/flows/slack.send-update?integrationId=i1&layer=integration',
        method: 'GET',
      })
      .reply(200, flow('f1'), json);
    const result = await api().flows.get('slack.send-update', {
      layer: 'integration',
      integrationId: 'i1',
    });
    expect(result).toEqual(flow('f1'));
    expect(upstream.calls()[0]?.searchParams).toEqual({
      integrationId: 'i1',
      layer: 'integration',
    });
  });

  it.each([
    ['../customers', undefined],
    ['%2e%2e', undefined],
    ['a/b', undefined],
    ['ok', { connectionId: 'c/1' }],
    ['ok', { instanceKey: 'a b' }],
    ['ok', { layer: 'tenant' }],
  ])('rejects selector %j with params %j before any call', async (selector, params) => {
    const error = await api()
      .flows.get(selector, params as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe('BAD_USER_INPUT');
    expect(upstream.calls()).toHaveLength(0);
  });

  it('list sends the filters and page', async () => {
    upstream.pool
      .intercept({
        path: '/flows?connectionId=c1&cursor=p2&includeArchived=true&isUniversal=false&limit=50&search=sync',
        method: 'GET',
      })
      .reply(200, { items: [flow('f1'), flow('f2')], cursor: 'p3' }, json);
    const page = await api().flows.list(
      { search: 'sync', connectionId: 'c1', isUniversal: false, includeArchived: true },
      { limit: 50, cursor: 'p2' },
    );
    expect(page).toEqual({ items: [flow('f1'), flow('f2')], cursor: 'p3' });
  });

  it('list rejects a limit outside 1–1000', async () => {
    await expect(api().flows.list({}, { limit: 0 })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    await expect(api().flows.list({}, { limit: 1001 })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(upstream.calls()).toHaveLength(0);
  });

  it('refresh is a POST with the params as given and no body', async () => {
    upstream.pool
      .intercept({ path: '/flows/sync/refresh?connectionId=c1&instanceKey=k1', method: 'POST' })
      .reply(200, flow('f1'), json);
    const result = await api().flows.refresh('sync', { connectionId: 'c1', instanceKey: 'k1' });
    expect(result).toEqual(flow('f1'));
    const [call] = upstream.calls();
    expect(call?.method).toBe('POST');
    expect(call?.body ?? null).toBeNull();
  });

  it('getMany keeps key alignment with one failing id and one invalid id', async () => {
    upstream.pool.intercept({ path: '/flows/a', method: 'GET' }).reply(200, flow('a'), json);
    upstream.pool
      .intercept({ path: '/flows/b', method: 'GET' })
      .reply(404, { type: 'bad_request', key: 'not_found' }, json);
    upstream.pool.intercept({ path: '/flows/c', method: 'GET' }).reply(200, flow('c'), json);
    const results = await api().flows.getMany(['a', 'b', 'c', 'x.y', 'a']);
    expect(results).toHaveLength(5);
    expect(results[0]).toEqual(flow('a'));
    expect(results[1]).toMatchObject({ code: 'NOT_FOUND', upstream: { status: 404 } });
    expect(results[2]).toEqual(flow('c'));
    expect(results[3]).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(results[4]).toEqual(flow('a'));
    expect(upstream.calls().map((c) => c.path)).toEqual(['/flows/a', '/flows/b', '/flows/c']);
  });
});

describe('integrations', () => {
  it('get by key, list without auto-generating options', async () => {
    upstream.pool
      .intercept({ path: '/integrations/hubspot', method: 'GET' })
      .reply(200, { id: 'i1', name: 'HubSpot' }, json);
    upstream.pool
      .intercept({ path: '/integrations?limit=10&search=hub', method: 'GET' })
      .reply(200, { items: [{ name: 'Auto, no id yet' }], cursor: '' }, json);
    const integrations = api().integrations;
    expect(await integrations.get('hubspot')).toEqual({ id: 'i1', name: 'HubSpot' });
    expect(await integrations.list({ search: 'hub' }, { limit: 10 })).toEqual({
      items: [{ name: 'Auto, no id yet' }],
    });
  });
});

describe('connections', () => {
  it('never sends includeSecrets unless asked', async () => {
    upstream.pool
      .intercept({ path: '/connections/c1', method: 'GET' })
      .reply(200, { id: 'c1', name: 'C' }, json);
    upstream.pool
      .intercept({ path: '/connections/c1?includeSecrets=true', method: 'GET' })
      .reply(200, { id: 'c1', name: 'C', credentials: { token: 't' } }, json);
    upstream.pool
      .intercept({
        path: '/connections?connected=true&integrationKey=slack&limit=5',
        method: 'GET',
      })
      .reply(200, { items: [] }, json);
    const connections = api().connections;
    expect(await connections.get('c1')).toEqual({ id: 'c1', name: 'C' });
    expect(await connections.get('c1', { includeSecrets: true })).toEqual({
      id: 'c1',
      name: 'C',
      credentials: { token: 't' },
    });
    expect(
      await connections.list({ integrationKey: 'slack', connected: true }, { limit: 5 }),
    ).toEqual({
      items: [],
    });
  });

  it('rejects a dotted id', async () => {
    await expect(api().connections.get('a.b')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(upstream.calls()).toHaveLength(0);
  });
});

describe('customers', () => {
  it('uses /customers', async () => {
    upstream.pool
      .intercept({ path: '/customers/u1', method: 'GET' })
      .reply(200, { id: 'u1', name: 'U' }, json);
    upstream.pool
      .intercept({ path: '/customers?isActive=true&isTest=false&limit=100', method: 'GET' })
      .reply(200, { items: [{ id: 'u1', name: 'U' }], cursor: 'n' }, json);
    const customers = api().customers;
    expect(await customers.getMany(['u1'])).toEqual([{ id: 'u1', name: 'U' }]);
    expect(await customers.list({ isTest: false, isActive: true }, { limit: 100 })).toEqual({
      items: [{ id: 'u1', name: 'U' }],
      cursor: 'n',
    });
  });
});
