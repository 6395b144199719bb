import { Agent, request } from 'undici';
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

describe('request log', () => {
  it('records method, raw path, query, authorization, api version, traceparent and status in order', async () => {
    const s = await start();
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    await call(s, 'GET', '/flows/sync?connectionId=conn-a-hub&layer=connection', {
      headers: { 'membrane-api-version': '2025-10-21', traceparent },
    });
    await call(s, 'GET', '/flows/a%20b', { token: null });
    expect(s.requests).toEqual([
      {
        method: 'GET',
        path: '/flows/sync',
        query: { connectionId: 'conn-a-hub', layer: 'connection' },
        authorization: `Bearer ${s.tokens.admin}`,
        apiVersion: '2025-10-21',
        traceparent,
        status: 200,
      },
      {
        method: 'GET',
        path: '/flows/a%20b',
        query: {},
        authorization: undefined,
        apiVersion: undefined,
        traceparent: undefined,
        status: 401,
      },
    ]);
    s.clearRequests();
    expect(s.requests).toEqual([]);
  });

  it('closes promptly with keep-alive connections open', async () => {
    const s = await start();
    await call(s, 'GET', '/flows');
    const t = Date.now();
    await s.close();
    sandbox = undefined;
    // not after the keep-alive timeout (5 s)
    expect(Date.now() - t).toBeLessThan(3000);
  });

  it('stays bounded: past its limit the oldest tenth of the log is dropped', async () => {
    const s = await start({ requestLogLimit: 20 });
    for (let i = 0; i < 25; i++) {
      await call(s, 'GET', `/flows?limit=${i + 1}`);
    }
    // 20 kept, then 2 dropped at the 21st, 2 more at the 23rd and the 25th
    expect(s.requests.map((r) => r.query.limit)).toEqual(
      Array.from({ length: 19 }, (_, i) => String(i + 7)),
    );
  });

  it('records the x-request-id a caller sends', async () => {
    const s = await start();
    await call(s, 'GET', '/flows', { headers: { 'x-request-id': 'op-42' } });
    await call(s, 'GET', '/flows');
    expect(s.requests.map((r) => r.requestId)).toEqual(['op-42', undefined]);
  });

  it('counts client connections: open now and accepted since the start', async () => {
    const s = await start();
    expect(s.connections()).toEqual({ open: 0, accepted: 0 });
    const pool = new Agent({ connections: 3 });
    const get = () =>
      request(`${s.url}/flows`, {
        dispatcher: pool,
        headers: { authorization: `Bearer ${s.tokens.admin}` },
      }).then((res) => res.body.dump());
    await Promise.all([get(), get(), get()]);
    expect(s.connections()).toEqual({ open: 3, accepted: 3 });
    await get();
    // keep-alive: the pool reused a socket
    expect(s.connections()).toEqual({ open: 3, accepted: 3 });
    await pool.close();
    await expect.poll(() => s.connections().open).toBe(0);
    expect(s.connections().accepted).toBe(3);
  });
});
