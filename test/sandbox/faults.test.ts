import { connect } from 'node:net';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultRule, Sandbox } from '../../src/sandbox/index.js';
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

/** Raw HTTP/1.1 exchange: returns everything received until the server closes or `waitMs`. */
function raw(s: Sandbox, text: string, waitMs = 1500): Promise<{ data: string; times: number[] }> {
  const url = new URL(s.url);
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    const started = Date.now();
    let data = '';
    const times: number[] = [];
    socket.on('data', (chunk) => {
      times.push(Date.now() - started);
      data += chunk.toString();
    });
    const done = (): void => resolve({ data, times });
    socket.on('close', done);
    socket.on('error', done);
    socket.write(text);
    setTimeout(() => {
      socket.destroy();
    }, waitMs);
  });
}

const getFlows = (s: Sandbox): string =>
  `GET /flows/fl-hub-send HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${s.tokens.admin}\r\nConnection: close\r\n\r\n`;

describe('error statuses', () => {
  it('answers 404 for unknown routes and wrong methods, and 500 for internal bugs', async () => {
    const s = await start();
    expect((await call(s, 'GET', '/nothing')).json).toEqual({
      type: 'bad_request',
      key: 'not_found',
      message: 'Cannot GET /nothing',
    });
    expect((await call(s, 'PUT', '/flows/fl-hub-send', { body: '{}' })).json).toEqual({
      type: 'bad_request',
      key: 'not_found',
      message: 'Cannot PUT /flows/fl-hub-send',
    });
    // A broken record makes a handler throw: the sandbox answers 500 and keeps serving.
    (s.data.flows as unknown[]).push(null);
    expect((await call(s, 'GET', '/flows')).json).toEqual({
      type: 'internal',
      message: 'Internal server error',
    });
    s.data.flows.pop();
    expect((await call(s, 'GET', '/flows')).status).toBe(200);
  });

  it('rejects bodies over 1 MiB with 400 without reading them all', async () => {
    const s = await start();
    const res = await call(s, 'PATCH', '/flows/fi-a-sync', {
      body: JSON.stringify({ name: 'x'.repeat(1100 * 1024) }),
    });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ type: 'bad_request', message: 'Request body is larger than 1 MiB' });
    expect((await call(s, 'GET', '/flows/fi-a-sync')).json.name).toBe('Sync custom');
  });

  it('answers status faults with Membrane bodies, Retry-After and custom fields', async () => {
    const s = await start();
    const expectations: [FaultRule, number, object][] = [
      [
        { kind: 'status', status: 429, retryAfter: 2 },
        429,
        { type: 'bad_request', key: 'rate_limit_exceeded', message: 'Rate limit exceeded' },
      ],
      [
        { kind: 'status', status: 500 },
        500,
        { type: 'internal', message: 'Internal server error' },
      ],
      [
        { kind: 'status', status: 503, message: 'down' },
        503,
        { type: 'internal', message: 'down' },
      ],
      [
        {
          kind: 'status',
          status: 409,
          type: 'concurrency',
          key: 'lock_timeout',
          message: 'locked',
        },
        409,
        { type: 'concurrency', key: 'lock_timeout', message: 'locked' },
      ],
      [
        { kind: 'status', status: 403 },
        403,
        { type: 'bad_request', key: 'access_denied', message: 'Access denied' },
      ],
    ];
    for (const [rule, status, body] of expectations) {
      const remove = s.faults.add(rule);
      const res = await call(s, 'GET', '/flows');
      expect(res.status).toBe(status);
      expect(res.json).toEqual(body);
      expect(res.headers['retry-after']).toBe(
        rule.kind === 'status' && rule.retryAfter !== undefined ? '2' : undefined,
      );
      remove();
    }
    expect((await call(s, 'GET', '/flows')).status).toBe(200);
  });
});

describe('fault rules', () => {
  it('matches by method and exact path or RegExp, and expires after `times`', async () => {
    const s = await start();
    s.faults.add({ kind: 'status', status: 500, method: 'POST', path: /\/refresh$/, times: 2 });
    s.faults.add({ kind: 'status', status: 404, path: '/integrations' });
    expect((await call(s, 'GET', '/flows/fl-hub-send')).status).toBe(200);
    expect((await call(s, 'POST', '/flows/fl-hub-send/refresh')).status).toBe(500);
    expect((await call(s, 'POST', '/flows/fl-hub-send/refresh')).status).toBe(500);
    expect((await call(s, 'POST', '/flows/fl-hub-send/refresh')).status).toBe(200);
    expect((await call(s, 'GET', '/integrations')).status).toBe(404);
    expect((await call(s, 'GET', '/integrations/hubspot')).status).toBe(200);
    s.faults.clear();
    expect((await call(s, 'GET', '/integrations')).status).toBe(200);
  });

  it('applies probability deterministically from the seed', async () => {
    const pattern = async (): Promise<number[]> => {
      const s = await start({
        seed: 7,
        faults: [{ kind: 'status', status: 500, probability: 0.5 }],
      });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i += 1) {
        statuses.push((await call(s, 'GET', '/integrations/hubspot')).status);
      }
      await s.close();
      sandbox = undefined;
      return statuses;
    };
    const first = await pattern();
    expect(await pattern()).toEqual(first);
    expect(first.filter((x) => x === 500).length).toBeGreaterThan(3);
    expect(first.filter((x) => x === 200).length).toBeGreaterThan(3);
  });

  it('adds latency (option and rule)', async () => {
    const s = await start({ latencyMs: 60 });
    s.faults.add({ kind: 'latency', ms: 600, times: 1 });
    let t = Date.now();
    expect((await call(s, 'GET', '/integrations')).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(655);
    t = Date.now();
    await call(s, 'GET', '/integrations');
    const second = Date.now() - t;
    // the rule applied once: the second call has the option's latency only
    expect(second).toBeGreaterThanOrEqual(55);
    expect(second).toBeLessThan(600);
  });

  it('resets the connection without answering', async () => {
    const s = await start();
    s.faults.add({ kind: 'reset', times: 1 });
    await expect(call(s, 'GET', '/flows')).rejects.toThrow();
    expect(s.requests.at(-1)?.status).toBe(0);
    expect((await call(s, 'GET', '/flows')).status).toBe(200);
  });

  it('delays the head with slow-headers', async () => {
    const s = await start();
    s.faults.add({ kind: 'slow-headers', ms: 200 });
    const { data, times } = await raw(s, getFlows(s));
    expect(data.startsWith('HTTP/1.1 200 OK')).toBe(true);
    expect(times[0]).toBeGreaterThanOrEqual(190);
  });

  it('sends half the body, pauses, then the rest with slow-body', async () => {
    const s = await start();
    s.faults.add({ kind: 'slow-body', ms: 250 });
    const { data, times } = await raw(s, getFlows(s));
    const body = data.slice(data.indexOf('\r\n\r\n') + 4);
    expect(JSON.parse(body).id).toBe('fl-hub-send');
    expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(240);
    const viaClient = await call(s, 'GET', '/flows/fl-hub-send');
    expect(viaClient.json.id).toBe('fl-hub-send');
  });

  it('ends the socket after half the promised body with truncated-body', async () => {
    const s = await start();
    s.faults.add({ kind: 'truncated-body', times: 1 });
    const { data } = await raw(s, getFlows(s));
    const length = Number(/content-length: (\d+)/i.exec(data)?.[1]);
    const body = data.slice(data.indexOf('\r\n\r\n') + 4);
    expect(Buffer.byteLength(body)).toBe(Math.floor(length / 2));
    s.faults.add({ kind: 'truncated-body', times: 1 });
    await expect(
      request(`${s.url}/flows/fl-hub-send`, {
        headers: { authorization: `Bearer ${s.tokens.admin}` },
      }).then((r) => r.body.text()),
    ).rejects.toThrow();
  });

  it('answers 200 with a non-JSON body with invalid-json', async () => {
    const s = await start();
    s.faults.add({ kind: 'invalid-json', times: 1 });
    const res = await call(s, 'GET', '/flows');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(() => JSON.parse(res.text)).toThrow();
  });

  it('answers 200 with the answer inside an array with invalid-shape (errors too)', async () => {
    const s = await start();
    s.faults.add({ kind: 'invalid-shape', times: 1 });
    const res = await call(s, 'GET', '/flows/fl-hub-send');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.json).toEqual([(await call(s, 'GET', '/flows/fl-hub-send')).json]);
    s.faults.add({ kind: 'invalid-shape', times: 1 });
    const unknown = await call(s, 'GET', '/flows/no-such-flow');
    expect([unknown.status, unknown.json]).toEqual([
      200,
      [{ type: 'bad_request', key: 'not_found', message: "Flow 'no-such-flow' not found" }],
    ]);
  });

  it('names the rules it applied in the request log', async () => {
    const s = await start();
    s.faults.add({ kind: 'latency', ms: 5, times: 1 });
    s.faults.add({ kind: 'status', status: 503, times: 1 });
    s.faults.add({ kind: 'slow-body', ms: 1, times: 1 });
    s.faults.add({ kind: 'status', status: 429, retryAfter: 30, times: 1 });
    for (let i = 0; i < 4; i += 1) {
      await call(s, 'GET', '/flows/fl-hub-send');
    }
    expect(s.requests.map((r) => [r.status, r.faults])).toEqual([
      [503, ['latency 5', 'status 503']],
      [200, ['slow-body 1']],
      [429, ['status 429 retry-after 30']],
      [200, undefined],
    ]);
  });
});
