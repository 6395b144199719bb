import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireFlow } from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { clients, type LiveClient, until } from './clients.js';
import {
  breakFlow,
  distinctInOrder,
  expectNoErrors,
  finishRuns,
  followRun,
  RUN_SUBSCRIPTION,
  type RunShape,
  runFlow,
  runnableFlows,
} from './fixtures.js';

describe.each(clients)('Subscription.flowRun over %s', (_name, connect) => {
  let gw: TestGateway;
  let client: LiveClient;
  let flows: WireFlow[];
  beforeAll(async () => {
    gw = await startTestGateway({
      sandbox: { flowRunStepMs: 0 },
      env: { SUBSCRIPTION_POLL_MS: '20' },
    });
    client = connect(gw.url, gw.sandbox.tokens.admin);
    flows = runnableFlows(gw.sandbox.data);
  });
  afterAll(async () => {
    await client.close();
    await gw.close();
  });

  const flow = (i: number) => flows[i] as WireFlow;

  it('sees QUEUED → RUNNING → COMPLETED, then the stream completes', async () => {
    finishRuns(gw);
    const id = await runFlow(gw, flow(0).id);
    const runs = await followRun(gw, client.subscribe(RUN_SUBSCRIPTION, { id }));
    expect(distinctInOrder(runs.map((r) => r.state))).toEqual(['QUEUED', 'RUNNING', 'COMPLETED']);
    const last = runs.at(-1) as RunShape;
    expect(last.id).toBe(id);
    expect(last.endTime).not.toBeNull();
    expect(last.errors).toBeNull();
    expect(last.nodes?.every((n) => n.state === 'COMPLETED')).toBe(true);
    // every update was a change: each step moved the run on
    expect(new Set(runs.map((r) => JSON.stringify(r))).size).toBe(runs.length);
    await until(() => gw.live.size.pollers === 0, 'the poller to stop');
  });

  it('a failing run ends FAILED with its errors', async () => {
    finishRuns(gw);
    breakFlow(flow(1));
    const id = await runFlow(gw, flow(1).id);
    const runs = await followRun(gw, client.subscribe(RUN_SUBSCRIPTION, { id }));
    expect(distinctInOrder(runs.map((r) => r.state))).toEqual(['QUEUED', 'RUNNING', 'FAILED']);
    expect(runs.at(-1)).toMatchObject({
      state: 'FAILED',
      errors: [{ message: 'No action selected', type: 'CONFIGURATION', key: 'missing_config' }],
      nodes: [
        { key: 'broken', state: 'FAILED' },
        { key: 'trigger', state: 'COMPLETED' },
      ],
    });
  });

  it('stopFlowRun ends a watched run as STOPPED', async () => {
    finishRuns(gw);
    const id = await runFlow(gw, flow(2).id);
    const stream = client.subscribe<{ flowRun: RunShape }>(RUN_SUBSCRIPTION, { id });
    const first = await stream.next();
    expect(first?.data?.flowRun.state).toBe('QUEUED');
    gw.sandbox.flowRuns.step();
    const running = await stream.next();
    expect(running?.data?.flowRun.state).toBe('RUNNING');
    const stopped = await gw.execute<{ stopFlowRun: { state: string } }>(
      'mutation($id: ID!) { stopFlowRun(id: $id) { state } }',
      { id },
    );
    expect(stopped.data).toEqual({ stopFlowRun: { state: 'STOPPED' } });
    const rest = await stream.rest();
    expect(rest).toHaveLength(1);
    expectNoErrors(rest[0] ?? {});
    expect(rest[0]?.data?.flowRun).toMatchObject({ id, state: 'STOPPED' });
    expect(rest[0]?.data?.flowRun.endTime).not.toBeNull();
  });

  it('a finished run is sent once and the stream completes', async () => {
    finishRuns(gw);
    const id = await runFlow(gw, flow(3).id);
    finishRuns(gw);
    const results = await client.subscribe<{ flowRun: RunShape }>(RUN_SUBSCRIPTION, { id }).rest();
    expect(results.map((r) => r.data?.flowRun.state)).toEqual(['COMPLETED']);
  });

  it('a bad id is BAD_USER_INPUT before any upstream call or poller', async () => {
    gw.resetCalls();
    const results = await client.subscribe(RUN_SUBSCRIPTION, { id: '../flows' }).rest();
    expect(results).toEqual([
      {
        errors: [
          expect.objectContaining({
            message: 'Invalid id: expected 1–200 letters, digits, "-" or "_".',
            path: ['flowRun'],
            extensions: { code: 'BAD_USER_INPUT' },
          }),
        ],
      },
    ]);
    expect(gw.calls()).toEqual([]);
    expect(gw.live.size).toEqual({ subscriptions: 0, pollers: 0 });
  });
});
