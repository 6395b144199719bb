import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GatewayError } from '../../src/errors.js';
import { UpstreamFlow } from '../../src/upstream/schemas.js';
import { json, mockUpstream, settle } from './mock-upstream.js';

let upstream = mockUpstream();
afterEach(async () => {
  upstream.agent.assertNoPendingInterceptors();
  await upstream.agent.close();
  upstream = mockUpstream();
});

const Any = z.unknown();
const flow = { id: 'f1', name: 'Flow' };

describe('answers', () => {
  it.each([
    [
      400,
      { type: 'bad_request', message: 'x' },
      'BAD_USER_INPUT',
      { status: 400, type: 'bad_request' },
    ],
    [
      401,
      { type: 'bad_request', key: 'not_authenticated' },
      'UNAUTHENTICATED',
      { status: 401, type: 'bad_request', key: 'not_authenticated' },
    ],
    [
      403,
      { type: 'bad_request', key: 'access_denied' },
      'FORBIDDEN',
      { status: 403, type: 'bad_request', key: 'access_denied' },
    ],
    [
      404,
      { type: 'bad_request', key: 'not_found' },
      'NOT_FOUND',
      { status: 404, type: 'bad_request', key: 'not_found' },
    ],
    [409, {}, 'CONFLICT', { status: 409 }],
    [
      400,
      { type: 'bad_request', key: 'already_exists' },
      'CONFLICT',
      { status: 400, type: 'bad_request', key: 'already_exists' },
    ],
    [
      500,
      { type: 'concurrency', key: 'lock_timeout' },
      'CONFLICT',
      { status: 500, type: 'concurrency', key: 'lock_timeout' },
    ],
    [
      500,
      { type: 'internal', message: 'stack at /srv/app.js' },
      'UPSTREAM_ERROR',
      { status: 500, type: 'internal' },
    ],
    [502, 'Bad gateway', 'UPSTREAM_ERROR', { status: 502 }],
  ])('%i %j → %s', async (status, body, code, info) => {
    upstream.pool.intercept({ path: '/flows/f1', method: 'GET' }).reply(status, body);
    const error = await upstream
      .client()
      .get('/flows/f1', {}, Any)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect({
      code: (error as GatewayError).code,
      upstream: (error as GatewayError).upstream,
    }).toEqual({
      code,
      upstream: info,
    });
    expect((error as GatewayError).message).not.toMatch(
      /stack|\/srv|Bad gateway|api\.membrane|Bearer/,
    );
  });

  it('429 → RATE_LIMITED with retryAfter from seconds and from a date', async () => {
    const rate = { type: 'bad_request', key: 'rate_limit_exceeded' };
    upstream.pool
      .intercept({ path: '/flows/a', method: 'GET' })
      .reply(429, rate, { headers: { 'retry-after': '3' } });
    const date = new Date(Date.now() + 60_000).toUTCString();
    upstream.pool
      .intercept({ path: '/flows/b', method: 'GET' })
      .reply(429, rate, { headers: { 'retry-after': date } });
    const client = upstream.client();
    await expect(client.get('/flows/a', {}, Any)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      retryAfter: 3,
      upstream: { status: 429, type: 'bad_request', key: 'rate_limit_exceeded' },
    });
    const error = (await client.get('/flows/b', {}, Any).catch((e: unknown) => e)) as GatewayError;
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfter === 59 || error.retryAfter === 60).toBe(true);
  });

  it('a redirect is not followed: 301 → UPSTREAM_ERROR', async () => {
    upstream.pool
      .intercept({ path: '/flows/f1', method: 'GET' })
      .reply(301, '', { headers: { location: 'https://evil.test/flows/f1' } });
    await expect(upstream.client().get('/flows/f1', {}, Any)).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
      upstream: { status: 301 },
    });
    expect(upstream.calls()).toHaveLength(1);
  });

  it('invalid JSON → UPSTREAM_ERROR, whatever the content-type says', async () => {
    upstream.pool.intercept({ path: '/flows/f1', method: 'GET' }).reply(200, '{"id": ', json);
    upstream.pool.intercept({ path: '/flows/f2', method: 'GET' }).reply(200, '');
    const client = upstream.client();
    await expect(client.get('/flows/f1', {}, Any)).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
      message: 'The Membrane API returned an unreadable answer.',
    });
    await expect(client.get('/flows/f2', {}, Any)).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
    });
  });

  it('JSON without a content-type is accepted', async () => {
    upstream.pool.intercept({ path: '/flows/f1', method: 'GET' }).reply(200, JSON.stringify(flow));
    await expect(upstream.client().get('/flows/f1', {}, UpstreamFlow)).resolves.toEqual(flow);
  });

  it('schema mismatch → UPSTREAM_ERROR; the issue path goes to the log only', async () => {
    upstream.pool
      .intercept({ path: '/flows/f1', method: 'GET' })
      .reply(200, { id: 'f1', name: 42 }, json);
    const logged: unknown[] = [];
    const client = upstream.client({
      log: { warn: (details, message) => logged.push({ details, message }) },
    });
    const error = (await client
      .get('/flows/f1', {}, UpstreamFlow)
      .catch((e: unknown) => e)) as GatewayError;
    expect({ code: error.code, message: error.message, upstream: error.upstream }).toEqual({
      code: 'UPSTREAM_ERROR',
      message: 'The Membrane API returned an unexpected payload.',
      upstream: undefined,
    });
    expect(logged).toEqual([
      {
        details: {
          method: 'GET',
          path: '/flows/f1',
          issues: [{ path: 'name', code: 'invalid_type' }],
          dropped: false,
        },
        message: 'unexpected upstream payload',
      },
    ]);
  });

  it('an optional field of the wrong type is dropped, and logged; the rest of the payload stays', async () => {
    upstream.pool
      .intercept({ path: '/flows/f1', method: 'GET' })
      .reply(200, { id: 'f1', name: 'Flow', enabled: 'yes', key: 7, state: 'READY' }, json);
    const logged: unknown[] = [];
    const client = upstream.client({ log: { warn: (details) => logged.push(details) } });
    expect(await client.get('/flows/f1', {}, UpstreamFlow)).toEqual({
      id: 'f1',
      name: 'Flow',
      state: 'READY',
    });
    expect(logged).toEqual([
      {
        method: 'GET',
        path: '/flows/f1',
        issues: [
          { path: 'key', code: 'invalid_type' },
          { path: 'enabled', code: 'invalid_type' },
        ],
        dropped: true,
      },
    ]);
  });

  it('a GET read twice in one operation is sent once and validated once (one object, one log line)', async () => {
    upstream.pool
      .intercept({ path: '/flows/f1', method: 'GET' })
      .reply(200, { id: 'f1', name: 'Flow', enabled: 'yes' }, json);
    const logged: unknown[] = [];
    const client = upstream.client({ log: { warn: (details) => logged.push(details) } });
    const [a, b] = await Promise.all([
      client.get('/flows/f1', {}, UpstreamFlow),
      client.get('/flows/f1', {}, UpstreamFlow),
    ]);
    expect(a).toEqual({ id: 'f1', name: 'Flow' });
    expect(b).toBe(a);
    expect(await client.get('/flows/f1', {}, UpstreamFlow)).toBe(a);
    expect(logged).toHaveLength(1);
  });

  it('a socket error → UPSTREAM_ERROR', async () => {
    upstream.pool
      .intercept({ path: '/flows/f1', method: 'GET' })
      .replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    await expect(upstream.client().get('/flows/f1', {}, Any)).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
      message: 'The Membrane API could not be reached.',
    });
  });
});

describe('abort', () => {
  it('a deadline abort stops the call with UPSTREAM_TIMEOUT', async () => {
    upstream.pool
      .intercept({ path: '/flows/f1', method: 'GET' })
      .reply(200, flow, json)
      .delay(3000);
    const started = Date.now();
    const client = upstream.client({ deadline: { signal: AbortSignal.timeout(30) } });
    await expect(client.get('/flows/f1', {}, Any)).rejects.toMatchObject({
      code: 'UPSTREAM_TIMEOUT',
    });
    // cut at the deadline, not when the (3 s late) answer came
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a client abort stops the call; an already aborted signal sends nothing', async () => {
    upstream.pool
      .intercept({ path: '/flows/f1', method: 'GET' })
      .reply(200, flow, json)
      .delay(3000);
    const controller = new AbortController();
    const client = upstream.client({ deadline: { signal: controller.signal } });
    const pending = settle(client.get('/flows/f1', {}, Any));
    setTimeout(() => controller.abort(), 20);
    expect(await pending).toMatchObject({
      ok: false,
      error: { code: 'UPSTREAM_ERROR', message: 'The Membrane API call was cancelled.' },
    });
    await expect(client.get('/flows/f2', {}, Any)).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
    });
    expect(upstream.calls().map((c) => c.path)).toEqual(['/flows/f1']);
  });

  it('queued calls are released when the signal aborts', async () => {
    upstream.pool
      .intercept({ path: '/flows/f1', method: 'GET' })
      .reply(200, flow, json)
      .delay(3000);
    const controller = new AbortController();
    const client = upstream.client({ deadline: { signal: controller.signal }, maxConcurrency: 1 });
    const first = settle(client.get('/flows/f1', {}, Any));
    const queued = settle(client.get('/flows/f2', {}, Any));
    setTimeout(() => controller.abort(new GatewayError('UPSTREAM_TIMEOUT', 'deadline')), 20);
    expect(await queued).toMatchObject({ ok: false, error: { code: 'UPSTREAM_TIMEOUT' } });
    expect(await first).toMatchObject({ ok: false, error: { code: 'UPSTREAM_TIMEOUT' } });
    expect(upstream.calls().map((c) => c.path)).toEqual(['/flows/f1']);
  });
});
