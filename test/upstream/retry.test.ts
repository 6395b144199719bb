import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { json, mockUpstream } from './mock-upstream.js';

let upstream = mockUpstream();
afterEach(async () => {
  upstream.agent.assertNoPendingInterceptors();
  await upstream.agent.close();
  upstream = mockUpstream();
});

const Any = z.unknown();
const flow = { id: 'f1', name: 'Flow' };
const retrying = { retry: { maxRetries: 2, minDelayMs: 10 } };

describe('GET retry', () => {
  it.each([502, 503, 504])('retries %i, then succeeds', async (status) => {
    upstream.pool.intercept({ path: '/flows/f1', method: 'GET' }).reply(status, {});
    upstream.pool.intercept({ path: '/flows/f1', method: 'GET' }).reply(200, flow, json);
    await expect(upstream.client(retrying).get('/flows/f1', {}, Any)).resolves.toEqual(flow);
    expect(upstream.calls()).toHaveLength(2);
  });

  it('gives up after maxRetries with the last error', async () => {
    upstream.pool.intercept({ path: '/flows/f1', method: 'GET' }).reply(503, {}).times(3);
    await expect(upstream.client(retrying).get('/flows/f1', {}, Any)).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
      upstream: { status: 503 },
    });
    expect(upstream.calls()).toHaveLength(3);
  });

  it('429 with Retry-After 0 retries at once', async () => {
    upstream.pool
      .intercept({ path: '/flows/f1', method: 'GET' })
      .reply(429, {}, { headers: { 'retry-after': '0' } });
    upstream.pool.intercept({ path: '/flows/f1', method: 'GET' }).reply(200, flow, json);
    const started = Date.now();
    await expect(upstream.client(retrying).get('/flows/f1', {}, Any)).resolves.toEqual(flow);
    expect(Date.now() - started).toBeLessThan(900);
    expect(upstream.calls()).toHaveLength(2);
  });

  it('429 with Retry-After 1 waits about a second', async () => {
    upstream.pool
      .intercept({ path: '/flows/f1', method: 'GET' })
      .reply(429, {}, { headers: { 'retry-after': '1' } });
    upstream.pool.intercept({ path: '/flows/f1', method: 'GET' }).reply(200, flow, json);
    const started = Date.now();
    await expect(upstream.client(retrying).get('/flows/f1', {}, Any)).resolves.toEqual(flow);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(upstream.calls()).toHaveLength(2);
  });

  it('429 whose Retry-After passes the deadline fails at once with RATE_LIMITED', async () => {
    upstream.pool
      .intercept({ path: '/flows/f1', method: 'GET' })
      .reply(429, {}, { headers: { 'retry-after': '2' } });
    const client = upstream.client({
      ...retrying,
      deadline: { signal: new AbortController().signal, at: Date.now() + 1000 },
    });
    const started = Date.now();
    await expect(client.get('/flows/f1', {}, Any)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      retryAfter: 2,
    });
    // at once: not after the 2 s the upstream asked for
    expect(Date.now() - started).toBeLessThan(1500);
    expect(upstream.calls()).toHaveLength(1);
  });

  it('429 whose Retry-After exceeds maxDelayMs fails at once', async () => {
    upstream.pool
      .intercept({ path: '/flows/f1', method: 'GET' })
      .reply(429, {}, { headers: { 'retry-after': '120' } });
    await expect(upstream.client(retrying).get('/flows/f1', {}, Any)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      retryAfter: 120,
    });
    expect(upstream.calls()).toHaveLength(1);
  });

  it('an abort during the backoff wait stops retrying', async () => {
    upstream.pool.intercept({ path: '/flows/f1', method: 'GET' }).reply(503, {});
    const client = upstream.client({
      retry: { maxRetries: 2, minDelayMs: 2000, maxDelayMs: 5000 },
      deadline: { signal: AbortSignal.timeout(50) },
    });
    await expect(client.get('/flows/f1', {}, Any)).rejects.toMatchObject({
      code: 'UPSTREAM_TIMEOUT',
    });
    expect(upstream.calls()).toHaveLength(1);
  });

  it('does not retry other statuses', async () => {
    upstream.pool.intercept({ path: '/flows/f1', method: 'GET' }).reply(500, {});
    await expect(upstream.client(retrying).get('/flows/f1', {}, Any)).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
    });
    expect(upstream.calls()).toHaveLength(1);
  });

  it('retries a refused connection for a GET', async () => {
    const refused = Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
    upstream.pool.intercept({ path: '/flows/f1', method: 'GET' }).replyWithError(refused);
    upstream.pool.intercept({ path: '/flows/f1', method: 'GET' }).reply(200, flow, json);
    await expect(upstream.client(retrying).get('/flows/f1', {}, Any)).resolves.toEqual(flow);
  });
});

describe('POST', () => {
  it.each([429, 502, 503, 504])('is never retried (%i)', async (status) => {
    upstream.pool.intercept({ path: '/flows/f1/refresh', method: 'POST' }).reply(status, {});
    const client = upstream.client(retrying);
    await expect(
      client.write({ method: 'POST', path: '/flows/f1/refresh', query: {} }, Any),
    ).rejects.toMatchObject({
      upstream: { status },
    });
    expect(upstream.calls()).toHaveLength(1);
  });

  it('is not retried after a socket error', async () => {
    const reset = Object.assign(new Error('reset'), { code: 'ECONNRESET' });
    upstream.pool.intercept({ path: '/flows/f1/refresh', method: 'POST' }).replyWithError(reset);
    await expect(
      upstream
        .client(retrying)
        .write({ method: 'POST', path: '/flows/f1/refresh', query: {} }, Any),
    ).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
    });
    expect(upstream.calls()).toHaveLength(1);
  });
});
