import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveHub } from '../../src/live/live-hub.js';
import { createLogger } from '../../src/logger.js';
import type { WireFlow } from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { ManualTimers } from '../support/manual-timers.js';
import { clients, type LiveStream, sleep, sseClient, until } from './clients.js';
import { finishRuns, RUN_SUBSCRIPTION, type RunShape, runFlow, runnableFlows } from './fixtures.js';

type RunStream = LiveStream<{ flowRun: RunShape }>;

describe('one poller per credential and resource (pollers on a hand-moved clock)', () => {
  let gw: TestGateway;
  const timers = new ManualTimers();
  let flows: WireFlow[];
  beforeAll(async () => {
    const live = new LiveHub({
      pollMs: 20,
      maxPerCredential: 50,
      readTimeoutMs: 30_000,
      timers,
      log: createLogger('silent'),
    });
    gw = await startTestGateway({ sandbox: { flowRunStepMs: 0 }, live });
    flows = runnableFlows(gw.sandbox.data);
  });
  afterAll(() => gw.close());

  const getsOf = (id: string) => gw.calls().filter((c) => c === `GET /flow-runs/${id}`).length;

  /**
   * Follows a run with `count` subscribers to its end, one poll per clock tick and one sandbox
   * step per update; returns the states each subscriber saw and the GETs of the run.
   */
  async function follow(flow: WireFlow, count: number) {
    finishRuns(gw);
    const id = await runFlow(gw, flow.id);
    const client = sseClient(gw.url, gw.sandbox.tokens.admin);
    const streams: RunStream[] = Array.from({ length: count }, () =>
      client.subscribe(RUN_SUBSCRIPTION, { id }),
    );
    const seen: string[][] = streams.map(() => []);
    let results = await Promise.all(streams.map((s) => s.next()));
    expect(getsOf(id)).toBe(1);
    expect(gw.live.size).toEqual({ subscriptions: count, pollers: 1 });
    while (results.every((r) => r !== undefined)) {
      results.forEach((r, i) => {
        seen[i]?.push(r?.data?.flowRun.state as string);
      });
      const state = results[0]?.data?.flowRun.state as string;
      if (['COMPLETED', 'FAILED', 'STOPPED'].includes(state)) {
        results = await Promise.all(streams.map((s) => s.next()));
        break;
      }
      gw.sandbox.flowRuns.step();
      // one poller, so one timer, whatever the number of subscribers
      expect(timers.waits()).toEqual([20]);
      timers.fire();
      results = await Promise.all(streams.map((s) => s.next()));
    }
    expect(results.every((r) => r === undefined)).toBe(true);
    expect(timers.waits()).toEqual([]);
    await until(() => gw.live.size.pollers === 0, 'the poller to stop');
    await client.close();
    return { seen, gets: getsOf(id) };
  }

  it('20 subscribers of one run make the same upstream polls as one', async () => {
    const one = await follow(flows[0] as WireFlow, 1);
    const twenty = await follow(flows[1] as WireFlow, 20);
    expect(twenty.gets).toBe(one.gets);
    // one GET per update: nothing polled twice
    expect(one.gets).toBe(one.seen[0]?.length);
    for (const states of twenty.seen) {
      expect(states).toEqual(one.seen[0]);
    }
    expect(one.seen[0]?.[0]).toBe('QUEUED');
    expect(one.seen[0]?.at(-1)).toBe('COMPLETED');
  });

  it('a transient upstream failure backs off and keeps the subscription', async () => {
    finishRuns(gw);
    const id = await runFlow(gw, (flows[2] as WireFlow).id);
    const client = sseClient(gw.url, gw.sandbox.tokens.admin);
    const stream: RunStream = client.subscribe(RUN_SUBSCRIPTION, { id });
    expect((await stream.next())?.data?.flowRun.state).toBe('QUEUED');
    gw.sandbox.faults.add({
      kind: 'status',
      status: 503,
      method: 'GET',
      path: `/flow-runs/${id}`,
      times: 2,
    });
    gw.sandbox.flowRuns.step();
    const waits: number[] = [];
    for (let failed = 0; failed < 2; failed += 1) {
      const before = getsOf(id);
      timers.fire();
      await until(() => getsOf(id) === before + 1 && timers.waits().length === 1, 'a retry');
      waits.push(...timers.waits());
    }
    // 20 ms doubled per failure, ±20 % jitter
    expect(waits[0]).toBeGreaterThanOrEqual(32);
    expect(waits[0]).toBeLessThanOrEqual(48);
    expect(waits[1]).toBeGreaterThanOrEqual(64);
    expect(waits[1]).toBeLessThanOrEqual(96);
    timers.fire();
    expect((await stream.next())?.data?.flowRun.state).toBe('RUNNING');
    expect(timers.waits()).toEqual([20]);
    await stream.leave();
    await client.close();
  });
});

describe.each(clients)('leaving and limits over %s', (_name, connect) => {
  let gw: TestGateway;
  let flows: WireFlow[];
  beforeAll(async () => {
    gw = await startTestGateway({
      sandbox: { flowRunStepMs: 0 },
      env: { SUBSCRIPTION_POLL_MS: '20', MAX_SUBSCRIPTIONS_PER_CREDENTIAL: '3' },
    });
    flows = runnableFlows(gw.sandbox.data);
  });
  afterAll(() => gw.close());

  const FLOW = 'subscription($s: String!) { flow(selector: $s) { id state } }';
  const getsOf = (id: string) => gw.calls().filter((c) => c === `GET /flows/${id}`).length;

  const gauges = async () => {
    const text = await (await fetch(gw.url.replace('/graphql', '/metrics'))).text();
    return text.split('\n').filter((l) => /^gateway_subscription(s|_pollers)_active /.test(l));
  };

  it('a client that disconnects stops the polling', async () => {
    const flow = flows[0] as WireFlow;
    const client = connect(gw.url, gw.sandbox.tokens.admin);
    const stream = client.subscribe(FLOW, { s: flow.id });
    expect(await stream.next()).toEqual({ data: { flow: { id: flow.id, state: 'READY' } } });
    expect(await gauges()).toEqual([
      'gateway_subscriptions_active 1',
      'gateway_subscription_pollers_active 1',
    ]);
    await until(() => getsOf(flow.id) >= 3, 'polling');
    await stream.leave();
    await until(() => gw.live.size.pollers === 0, 'the poller to stop');
    // a GET sent just before the stop may still be on its way to the sandbox's log
    await sleep(2 * 20);
    const after = getsOf(flow.id);
    await sleep(5 * 20);
    expect(getsOf(flow.id)).toBe(after);
    expect(await gauges()).toEqual([
      'gateway_subscriptions_active 0',
      'gateway_subscription_pollers_active 0',
    ]);
    await client.close();
  });

  it('a client whose connection drops stops the polling too', async () => {
    const flow = flows[1] as WireFlow;
    const client = connect(gw.url, gw.sandbox.tokens.admin);
    const stream = client.subscribe(FLOW, { s: flow.id });
    await stream.next();
    // SSE: the request is aborted; graphql-ws: the socket closes without `complete`
    await client.close();
    await until(() => gw.live.size.pollers === 0, 'the poller to stop');
    // a GET sent just before the stop may still be on its way to the sandbox's log
    await sleep(2 * 20);
    const after = getsOf(flow.id);
    await sleep(5 * 20);
    expect(getsOf(flow.id)).toBe(after);
  });

  it('bounds the subscriptions of one credential (MAX_SUBSCRIPTIONS_PER_CREDENTIAL)', async () => {
    const admin = connect(gw.url, gw.sandbox.tokens.admin);
    const held = flows.slice(0, 3).map((f) => admin.subscribe(FLOW, { s: f.id }));
    await Promise.all(held.map((s) => s.next()));
    gw.resetCalls();
    const refused = await admin.subscribe(FLOW, { s: (flows[3] as WireFlow).id }).rest();
    expect(refused).toEqual([
      {
        errors: [
          {
            message:
              'This credential already holds 3 subscriptions, the most allowed at once (MAX_SUBSCRIPTIONS_PER_CREDENTIAL); end one first.',
            locations: [{ line: 1, column: 29 }],
            path: ['flow'],
            extensions: { code: 'OPERATION_LIMIT' },
          },
        ],
      },
    ]);
    expect(gw.calls().filter((c) => c.includes((flows[3] as WireFlow).id))).toEqual([]);
    // another credential is not affected
    const tenantFlow = gw.sandbox.data.flows.find((f) => f.connectionId === undefined) as WireFlow;
    const tenant = connect(gw.url, gw.sandbox.tokens.tenant);
    const theirs = tenant.subscribe(FLOW, { s: tenantFlow.id });
    expect((await theirs.next())?.data).toEqual({ flow: { id: tenantFlow.id, state: 'READY' } });
    // a place freed is a place again
    await held[0]?.leave();
    await until(() => gw.live.size.subscriptions === 3, 'the place to be freed');
    const again = admin.subscribe(FLOW, { s: (flows[3] as WireFlow).id });
    expect((await again.next())?.data?.flow).toMatchObject({ id: (flows[3] as WireFlow).id });
    await Promise.all([again.leave(), theirs.leave(), ...held.map((s) => s.leave())]);
    await Promise.all([admin.close(), tenant.close()]);
    await until(() => gw.live.size.subscriptions === 0, 'every place to be freed');
  });
});

describe('subscriptions asked for as plain JSON', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { SUBSCRIPTION_POLL_MS: '20' } });
  });
  afterAll(() => gw.close());

  it('get 406 and hold no place and no poller (fast path and Yoga alike)', async () => {
    const flow = gw.sandbox.data.flows[0] as WireFlow;
    const query = `subscription { flow(selector: "${flow.id}") { id } }`;
    gw.resetCalls();
    const post = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query }),
    });
    const get = await fetch(`${gw.url}?query=${encodeURIComponent(query)}`, {
      headers: { accept: 'application/json' },
    });
    expect([post.status, get.status]).toEqual([406, 406]);
    await sleep(60);
    expect(gw.live.size).toEqual({ subscriptions: 0, pollers: 0 });
    expect(gw.calls()).toEqual([]);
  });
});
