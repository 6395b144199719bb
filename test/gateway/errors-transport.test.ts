import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireFlow } from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { expectNoLeaks } from './error-leaks.js';
import { live, one } from './wire-fields.js';

const FLOW = 'query($s: String!) { flow(selector: $s) { id name } }';

/** A live connection-level flow: it has an integration, a connection and a user. */
const instanceOf = (gw: TestGateway): WireFlow =>
  one(
    gw.sandbox.data.flows.filter((f) => f.connectionId && f.userId && f.integrationId && live(f)),
    'instance',
  );

describe('transport failures and partial data (no retries)', () => {
  let gw: TestGateway;
  let flow: WireFlow;
  beforeAll(async () => {
    gw = await startTestGateway();
    flow = instanceOf(gw);
  });
  afterAll(() => gw.close());

  it.each([
    ['a connection reset', 'reset', 'The Membrane API could not be reached.'],
    ['invalid JSON', 'invalid-json', 'The Membrane API returned an unreadable answer.'],
    ['a truncated body', 'truncated-body', 'The Membrane API returned an unreadable answer.'],
    ['wrong shape', 'invalid-shape', 'The Membrane API returned an unexpected payload.'],
  ] as const)('%s → UPSTREAM_ERROR without upstream info', async (_, kind, message) => {
    gw.sandbox.faults.add({ kind, method: 'GET', path: `/flows/${flow.id}`, times: 1 });
    gw.resetCalls();
    const res = await gw.execute(FLOW, { s: flow.id });
    expect(res.data).toEqual({ flow: null });
    expect(res.errors?.map((e) => [e.message, e.path, e.extensions])).toEqual([
      [message, ['flow'], { code: 'UPSTREAM_ERROR' }],
    ]);
    expect(gw.calls()).toEqual([`GET /flows/${flow.id}`]);
    expectNoLeaks(gw, res);
  });

  it('a failing nested field nulls only itself', async () => {
    gw.sandbox.faults.add({
      kind: 'status',
      status: 500,
      method: 'GET',
      path: `/integrations/${flow.integrationId}`,
      times: 1,
    });
    const res = await gw.execute(
      `query($s: String!) { flow(selector: $s) { id name integration { id name }
        connection { id name } user { id name } } }`,
      { s: flow.id },
    );
    const connection = gw.sandbox.data.connections.find((c) => c.id === flow.connectionId);
    const user = gw.sandbox.data.customers.find((c) => c.id === flow.userId);
    expect(res.data).toEqual({
      flow: {
        id: flow.id,
        name: flow.name,
        integration: null,
        connection: { id: connection?.id, name: connection?.name },
        user: { id: user?.id, name: user?.name },
      },
    });
    expect(res.errors?.map((e) => [e.path, e.extensions])).toEqual([
      [
        ['flow', 'integration'],
        { code: 'UPSTREAM_ERROR', upstream: { status: 500, type: 'internal' } },
      ],
    ]);
    expectNoLeaks(gw, res);
  });

  it('a failing root field leaves its siblings alone', async () => {
    const res = await gw.execute(
      'query($s: String!) { good: flow(selector: $s) { id } bad: flow(selector: "000000000000000000000000") { id } }',
      { s: flow.id },
    );
    expect(res.data).toEqual({ good: { id: flow.id }, bad: null });
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['bad'], 'NOT_FOUND']]);
  });
});

describe('timeouts and GET retries (REQUEST_TIMEOUT_MS 1500, UPSTREAM_RETRIES 2)', () => {
  let gw: TestGateway;
  let flow: WireFlow;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { REQUEST_TIMEOUT_MS: '1500', UPSTREAM_RETRIES: '2' } });
    flow = instanceOf(gw);
  });
  afterAll(() => gw.close());

  it('slow headers beyond the deadline → UPSTREAM_TIMEOUT, answered at the deadline', async () => {
    gw.sandbox.faults.add({
      kind: 'slow-headers',
      ms: 8000,
      method: 'GET',
      path: `/flows/${flow.id}`,
      times: 1,
    });
    const started = Date.now();
    const res = await gw.execute(FLOW, { s: flow.id });
    const elapsed = Date.now() - started;
    expect(res.data).toEqual({ flow: null });
    expect(res.errors?.map((e) => [e.message, e.path, e.extensions])).toEqual([
      ['The Membrane API did not answer in time.', ['flow'], { code: 'UPSTREAM_TIMEOUT' }],
    ]);
    expect(elapsed).toBeGreaterThanOrEqual(1400);
    // at the 1.5 s deadline, not when the 8 s late answer would come
    expect(elapsed).toBeLessThan(6000);
    expectNoLeaks(gw, res);
  });

  it('retries a GET once on 503: success, exactly two identical GETs', async () => {
    gw.sandbox.faults.add({
      kind: 'status',
      status: 503,
      method: 'GET',
      path: `/flows/${flow.id}`,
      times: 1,
    });
    gw.resetCalls();
    const res = await gw.execute(FLOW, { s: flow.id });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ flow: { id: flow.id, name: flow.name } });
    expect(gw.calls()).toEqual([`GET /flows/${flow.id}`, `GET /flows/${flow.id}`]);
    expect(gw.records().map((r) => r.status)).toEqual([503, 200]);
    const [first, second] = gw.records();
    expect(second?.authorization).toBe(first?.authorization);
  });

  it('retries a GET after a connection reset', async () => {
    gw.sandbox.faults.add({ kind: 'reset', method: 'GET', path: `/flows/${flow.id}`, times: 1 });
    gw.resetCalls();
    const res = await gw.execute(FLOW, { s: flow.id });
    expect(res.errors).toBeUndefined();
    expect(gw.calls()).toEqual([`GET /flows/${flow.id}`, `GET /flows/${flow.id}`]);
  });

  it('gives up after two retries: three GETs, UPSTREAM_ERROR with the last status', async () => {
    gw.sandbox.faults.add({
      kind: 'status',
      status: 503,
      method: 'GET',
      path: `/flows/${flow.id}`,
      times: 3,
    });
    gw.resetCalls();
    const res = await gw.execute(FLOW, { s: flow.id });
    expect(res.errors?.map((e) => e.extensions)).toEqual([
      { code: 'UPSTREAM_ERROR', upstream: { status: 503, type: 'internal' } },
    ]);
    expect(gw.calls()).toHaveLength(3);
  });

  it('does not retry a 500, and fails a 429 at once when Retry-After exceeds the time left', async () => {
    gw.sandbox.faults.add({
      kind: 'status',
      status: 500,
      method: 'GET',
      path: `/flows/${flow.id}`,
      times: 1,
    });
    gw.resetCalls();
    const failed = await gw.execute(FLOW, { s: flow.id });
    expect(failed.errors?.map((e) => e.extensions?.code)).toEqual(['UPSTREAM_ERROR']);
    expect(gw.calls()).toHaveLength(1);
    gw.sandbox.faults.add({
      kind: 'status',
      status: 429,
      retryAfter: 60,
      method: 'GET',
      path: `/flows/${flow.id}`,
      times: 1,
    });
    gw.resetCalls();
    const limited = await gw.execute(FLOW, { s: flow.id });
    expect(limited.errors?.map((e) => e.extensions)).toEqual([
      {
        code: 'RATE_LIMITED',
        upstream: { status: 429, type: 'bad_request', key: 'rate_limit_exceeded' },
        retryAfter: 60,
      },
    ]);
    expect(gw.calls()).toHaveLength(1);
  });
});
