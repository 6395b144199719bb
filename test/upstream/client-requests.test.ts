import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GatewayError } from '../../src/errors.js';
import { UpstreamFlow } from '../../src/upstream/schemas.js';
import { json, mockUpstream, ORIGIN, TOKEN } from './mock-upstream.js';

let upstream = mockUpstream();
afterEach(async () => {
  upstream.agent.assertNoPendingInterceptors();
  await upstream.agent.close();
  upstream = mockUpstream();
});

const Any = z.unknown();
const flow = { id: 'f1', name: 'Flow' };
const REFRESH = { method: 'POST', path: '/flows/f1/refresh', query: {} } as const;

describe('requests', () => {
  it('sends exactly the forwarded and own headers', async () => {
    upstream.pool.intercept({ path: '/flows/f1', method: 'GET' }).reply(200, flow, json);
    const client = upstream.client({ requestId: 'req-42' });
    await expect(client.get('/flows/f1', {}, UpstreamFlow)).resolves.toEqual(flow);
    const [call] = upstream.calls();
    expect(call?.headers).toEqual({
      accept: 'application/json',
      authorization: TOKEN,
      'membrane-api-version': '2025-10-21',
      'x-request-id': 'req-42',
    });
    expect(call?.fullUrl).toBe(`${ORIGIN}/flows/f1`);
  });

  it('drops a request id with control characters', async () => {
    upstream.pool.intercept({ path: '/flows/f1', method: 'GET' }).reply(200, flow, json);
    await upstream.client({ requestId: 'a\nb' }).get('/flows/f1', {}, Any);
    expect(upstream.calls()[0]?.headers).toEqual({
      accept: 'application/json',
      authorization: TOKEN,
      'membrane-api-version': '2025-10-21',
    });
  });

  it('encodes the query: undefined dropped, booleans as words, keys sorted', async () => {
    const path = '/flows?includeArchived=false&isUniversal=true&limit=20&search=a+b%26c%3D';
    upstream.pool.intercept({ path, method: 'GET' }).reply(200, { items: [] }, json);
    const query = {
      search: 'a b&c=',
      limit: 20,
      isUniversal: true,
      includeArchived: false,
      layer: undefined,
    };
    await upstream.client().get('/flows', query, Any);
    expect(upstream.calls()[0]?.path).toBe('/flows');
    expect(upstream.calls()[0]?.searchParams).toEqual({
      includeArchived: 'false',
      isUniversal: 'true',
      limit: '20',
      search: 'a b&c=',
    });
  });

  it('keeps the base URL path prefix', async () => {
    upstream.pool.intercept({ path: '/api/v1/flows/f1', method: 'GET' }).reply(200, flow, json);
    const client = upstream.client({ baseUrl: `${ORIGIN}/api/v1/` });
    await expect(client.get('/flows/f1', {}, UpstreamFlow)).resolves.toEqual(flow);
  });

  it('without authorization: UNAUTHENTICATED and no call', async () => {
    const client = upstream.client({ authorization: undefined });
    const error = await client.get('/flows/f1', {}, Any).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe('UNAUTHENTICATED');
    await expect(client.write(REFRESH, Any)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(upstream.calls()).toHaveLength(0);
  });

  it('onCall sees each sent call and may refuse it', async () => {
    upstream.pool.intercept({ path: '/flows/f1', method: 'GET' }).reply(200, flow, json);
    const seen: unknown[] = [];
    const client = upstream.client({
      onCall: (call) => {
        seen.push(call);
        if (seen.length > 1) {
          throw new GatewayError('OPERATION_LIMIT', 'Too many upstream calls.');
        }
      },
    });
    await client.get('/flows/f1', {}, Any);
    await client.get('/flows/f1', {}, Any); // memoized: not a call
    await expect(client.get('/flows/f2', {}, Any)).rejects.toMatchObject({
      code: 'OPERATION_LIMIT',
    });
    expect(seen).toEqual([
      { method: 'GET', path: '/flows/f1' },
      { method: 'GET', path: '/flows/f2' },
    ]);
    expect(upstream.calls()).toHaveLength(1);
  });
});

describe('memoization', () => {
  it('the same GET twice sends one request; another query sends another', async () => {
    upstream.pool
      .intercept({ path: '/flows?limit=1', method: 'GET' })
      .reply(200, { items: [] }, json);
    upstream.pool
      .intercept({ path: '/flows?limit=2', method: 'GET' })
      .reply(200, { items: [] }, json);
    const client = upstream.client();
    await Promise.all([
      client.get('/flows', { limit: 1 }, Any),
      client.get('/flows', { limit: 1, search: undefined }, Any),
    ]);
    await client.get('/flows', { limit: 1 }, Any);
    await client.get('/flows', { limit: 2 }, Any);
    expect(upstream.calls().map((c) => c.fullUrl)).toEqual([
      `${ORIGIN}/flows?limit=1`,
      `${ORIGIN}/flows?limit=2`,
    ]);
  });

  it('a failed GET stays failed and is not re-sent', async () => {
    upstream.pool.intercept({ path: '/flows/f1', method: 'GET' }).reply(500, {});
    const client = upstream.client();
    await expect(client.get('/flows/f1', {}, Any)).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
    });
    await expect(client.get('/flows/f1', {}, Any)).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
    });
    expect(upstream.calls()).toHaveLength(1);
  });

  it('is per client: another request (credential) sends again', async () => {
    upstream.pool.intercept({ path: '/flows/f1', method: 'GET' }).reply(200, flow, json).times(2);
    await upstream.client().get('/flows/f1', {}, Any);
    await upstream.client({ authorization: 'Bearer other' }).get('/flows/f1', {}, Any);
    expect(upstream.calls().map((c) => c.headers?.authorization)).toEqual([TOKEN, 'Bearer other']);
  });

  it('POSTs are never memoized', async () => {
    upstream.pool
      .intercept({ path: '/flows/f1/refresh', method: 'POST' })
      .reply(200, flow, json)
      .times(2);
    const client = upstream.client();
    await client.write(REFRESH, Any);
    await client.write(REFRESH, Any);
    expect(upstream.calls()).toHaveLength(2);
  });
});

describe('concurrency', () => {
  it('never has more than maxConcurrency calls in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    upstream.pool
      .intercept({ path: /^\/flows\/f\d+$/, method: 'GET' })
      .reply(200, () => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        setTimeout(() => {
          inFlight -= 1;
        }, 20);
        return flow;
      })
      .delay(30)
      .times(9);
    const client = upstream.client({ maxConcurrency: 3 });
    const ids = Array.from({ length: 9 }, (_, i) => `f${i}`);
    await Promise.all(ids.map((id) => client.get(`/flows/${id}`, {}, Any)));
    expect(upstream.calls()).toHaveLength(9);
    expect(peak).toBe(3);
  });
});

describe('writes', () => {
  it('send a JSON body with its content type, and the clarifying query as given', async () => {
    upstream.pool
      .intercept({ path: '/flows/f1?connectionId=c1', method: 'PATCH' })
      .reply(200, flow, json);
    const client = upstream.client();
    const body = { enabled: false, meta: { note: 'ü' } };
    await expect(
      client.write(
        { method: 'PATCH', path: '/flows/f1', query: { connectionId: 'c1' }, body },
        UpstreamFlow,
      ),
    ).resolves.toEqual(flow);
    const [call] = upstream.calls();
    expect(call?.body).toBe(JSON.stringify(body));
    expect(call?.headers?.['content-type']).toBe('application/json');
  });

  it('writeOnly accepts a 204 and an empty 200', async () => {
    upstream.pool.intercept({ path: '/flow-runs/r1/stop', method: 'POST' }).reply(204, '');
    upstream.pool.intercept({ path: '/flows/f1', method: 'DELETE' }).reply(200, '');
    const client = upstream.client();
    await expect(
      client.writeOnly({ method: 'POST', path: '/flow-runs/r1/stop', query: {} }),
    ).resolves.toBeUndefined();
    await expect(
      client.writeOnly({ method: 'DELETE', path: '/flows/f1', query: {} }),
    ).resolves.toBeUndefined();
    expect(upstream.calls().map((c) => [c.method, c.path, c.body ?? null])).toEqual([
      ['POST', '/flow-runs/r1/stop', null],
      ['DELETE', '/flows/f1', null],
    ]);
  });

  it('a write makes the operation read again what it read before', async () => {
    upstream.pool.intercept({ path: '/flows/f1', method: 'GET' }).reply(200, flow, json).times(2);
    upstream.pool.intercept({ path: '/flows/f1/refresh', method: 'POST' }).reply(200, flow, json);
    const client = upstream.client();
    await client.get('/flows/f1', {}, Any);
    await client.get('/flows/f1', {}, Any);
    await client.write(REFRESH, Any);
    await client.get('/flows/f1', {}, Any);
    expect(upstream.calls().map((c) => c.method)).toEqual(['GET', 'POST', 'GET']);
  });

  it('a failed write is not retried, even on a retryable status', async () => {
    upstream.pool
      .intercept({ path: '/flows/f1/run', method: 'POST' })
      .reply(503, { message: 'busy' }, json);
    const client = upstream.client({ retry: { maxRetries: 3, minDelayMs: 1 } });
    await expect(
      client.write({ method: 'POST', path: '/flows/f1/run', query: {}, body: {} }, Any),
    ).rejects.toMatchObject({ code: 'UPSTREAM_ERROR' });
    expect(upstream.calls()).toHaveLength(1);
  });
});
