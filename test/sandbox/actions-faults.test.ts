import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { actionFixture } from './action-fixture.js';
import { call } from './helpers.js';

let s: Sandbox;
beforeEach(async () => {
  s = await startSandbox({ data: actionFixture() });
});
afterEach(() => s.close());

const run = (path = '/actions/ai-a-create/run') =>
  call(s, 'POST', path, { body: JSON.stringify({ input: { email: 'a@b.c' } }) });

describe('faults on the action routes', () => {
  it('a status fault on run answers the Membrane body and runs nothing (no log)', async () => {
    const logs = s.data.actionRunLogs?.length;
    s.faults.add({ kind: 'status', status: 503, method: 'POST', path: /\/run$/, times: 1 });
    s.clearRequests();
    const res = await run();
    expect([res.status, res.json]).toEqual([
      503,
      { type: 'internal', message: 'Internal server error' },
    ]);
    expect(s.requests.map((r) => [r.path, r.status, r.faults])).toEqual([
      ['/actions/ai-a-create/run', 503, ['status 503']],
    ]);
    expect(s.data.actionRunLogs?.length).toBe(logs);
    expect((await run()).status).toBe(200);
    expect(s.data.actionRunLogs?.length).toBe((logs ?? 0) + 1);
  });

  it('429 with Retry-After on the action list and the run-log lookup', async () => {
    s.faults.add({ kind: 'status', status: 429, retryAfter: 3, path: /^\/action(s|-run-logs)/ });
    for (const path of [
      '/actions',
      '/actions/ai-a-create',
      '/action-run-logs',
      '/action-run-logs/lg-1',
    ]) {
      const res = await call(s, 'GET', path);
      expect([res.status, res.json, res.headers['retry-after']], path).toEqual([
        429,
        { type: 'bad_request', key: 'rate_limit_exceeded', message: 'Rate limit exceeded' },
        '3',
      ]);
    }
    s.faults.clear();
    expect((await call(s, 'GET', '/actions')).status).toBe(200);
  });

  it('a reset on the connection-level run path drops the socket and writes no log', async () => {
    const logs = s.data.actionRunLogs?.length;
    s.faults.add({
      kind: 'reset',
      path: '/connections/conn-a-hub/actions/create-contact/run',
      times: 1,
    });
    await expect(
      request(`${s.url}/connections/conn-a-hub/actions/create-contact/run`, {
        method: 'POST',
        headers: { authorization: `Bearer ${s.tokens.admin}`, 'content-type': 'application/json' },
        body: '{"email":"a@b.c"}',
      }),
    ).rejects.toThrow();
    expect(s.data.actionRunLogs?.length).toBe(logs);
  });

  it('invalid-shape and invalid-json on action reads', async () => {
    s.faults.add({ kind: 'invalid-shape', path: '/actions/ai-a-create', times: 1 });
    const shaped = await call(s, 'GET', '/actions/ai-a-create');
    expect([shaped.status, shaped.json]).toEqual([
      200,
      [s.data.actions?.find((a) => a.id === 'ai-a-create')],
    ]);
    s.faults.add({ kind: 'invalid-json', path: '/action-run-logs', times: 1 });
    const broken = await call(s, 'GET', '/action-run-logs');
    expect([broken.status, broken.json]).toEqual([200, undefined]);
  });
});
