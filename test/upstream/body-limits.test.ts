import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mockUpstream } from './mock-upstream.js';

let upstream = mockUpstream();
afterEach(async () => {
  upstream.agent.assertNoPendingInterceptors();
  await upstream.agent.close();
  upstream = mockUpstream();
});

const Any = z.unknown();

describe('body size limits', () => {
  it('an answer over 32 MiB is unreadable, not buffered whole', async () => {
    const huge = `{"items":["${'x'.repeat(33 * 1024 * 1024)}"]}`;
    upstream.pool.intercept({ path: '/flows?limit=1', method: 'GET' }).reply(200, huge);
    await expect(upstream.client().get('/flows', { limit: 1 }, Any)).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
      message: 'The Membrane API returned an unreadable answer.',
    });
  });

  it('an error body over 64 KiB is not parsed: the status alone decides', async () => {
    const big = JSON.stringify({ type: 'bad_request', key: 'not_found', pad: 'x'.repeat(70_000) });
    upstream.pool.intercept({ path: '/flows/f1', method: 'GET' }).reply(404, big);
    const error = await upstream
      .client()
      .get('/flows/f1', {}, Any)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
    expect((error as { upstream?: unknown }).upstream).toEqual({ status: 404 });
  });

  it('an empty 200 body is unreadable', async () => {
    upstream.pool.intercept({ path: '/flows/f1', method: 'GET' }).reply(200, '');
    await expect(upstream.client().get('/flows/f1', {}, Any)).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
      message: 'The Membrane API returned an unreadable answer.',
    });
  });
});
