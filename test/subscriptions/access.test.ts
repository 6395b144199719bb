import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireFlow } from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { type LiveClient, type LiveResult, sseClient, until, wsClient } from './clients.js';
import { finishRuns, runnableFlows } from './fixtures.js';

const RUN = 'subscription($id: ID!) { flowRun(id: $id) { id userId state } }';
type Run = { flowRun: { id: string; userId: string; state: string } };

/** What a subscription without access gets: one result, its error's code, no data. */
const refused = (code: string) => [
  {
    data: null,
    errors: [
      expect.objectContaining({ path: ['flowRun'], extensions: expect.objectContaining({ code }) }),
    ],
  },
];

describe('credentials and tenant isolation of subscriptions', () => {
  let gw: TestGateway;
  let flows: WireFlow[];
  beforeAll(async () => {
    gw = await startTestGateway({
      sandbox: { flowRunStepMs: 0 },
      env: { SUBSCRIPTION_POLL_MS: '20' },
      fallback: 'none',
    });
    flows = runnableFlows(gw.sandbox.data);
  });
  afterAll(() => gw.close());

  const admin = () => gw.sandbox.tokens.admin;
  const start = async (flow: WireFlow) => {
    const res = await gw.execute<{ runFlow: { id: string } }>(
      'mutation($s: String!) { runFlow(selector: $s) { id } }',
      { s: flow.id },
      { token: admin() },
    );
    return res.data?.runFlow.id as string;
  };

  it('no credential at all: UNAUTHENTICATED at once, no upstream call, no poller', async () => {
    gw.resetCalls();
    for (const client of [sseClient(gw.url), wsClient(gw.url)]) {
      const results = await client.subscribe(RUN, { id: 'some-run' }).rest();
      expect(results).toEqual([
        {
          errors: [
            expect.objectContaining({
              message: 'No credential was given for the Membrane API.',
              extensions: { code: 'UNAUTHENTICATED' },
            }),
          ],
        },
      ]);
      await client.close();
    }
    expect(gw.calls()).toEqual([]);
    expect(gw.live.size).toEqual({ subscriptions: 0, pollers: 0 });
  });

  it('a token the API refuses (401) or a denial (403) end the stream with that code', async () => {
    finishRuns(gw);
    const id = await start(flows[0] as WireFlow);
    const bad = sseClient(gw.url, 'not-a-token');
    expect(await bad.subscribe(RUN, { id }).rest()).toEqual(refused('UNAUTHENTICATED'));
    gw.sandbox.faults.add({ kind: 'status', status: 403, method: 'GET', path: `/flow-runs/${id}` });
    const denied = wsClient(gw.url, admin());
    expect(await denied.subscribe(RUN, { id }).rest()).toEqual(refused('FORBIDDEN'));
    gw.sandbox.faults.clear();
    await Promise.all([bad.close(), denied.close()]);
    await until(() => gw.live.size.pollers === 0, 'no poller');
  });

  it('tenants see only their own runs, under concurrent load, on both transports', async () => {
    finishRuns(gw);
    const owner = (f: WireFlow) =>
      f.userId ?? gw.sandbox.data.connections.find((c) => c.id === f.connectionId)?.userId ?? '';
    const customer = (id: string) => gw.sandbox.data.customers.find((c) => c.id === id);
    const picked: WireFlow[] = [];
    for (const flow of flows) {
      if (customer(owner(flow))?.internalId && !picked.some((p) => owner(p) === owner(flow))) {
        picked.push(flow);
      }
    }
    const [fa, fb] = picked;
    if (!fa || !fb) {
      throw new Error('the seed needs runnable flows of two tenants');
    }
    const tenants = [fa, fb].map((f) => ({
      userId: owner(f),
      token: gw.sandbox.tokens.forTenant(customer(owner(f))?.internalId as string),
    }));
    const runIds = [await start(fa), await start(fb)];
    const clients: LiveClient[] = [];
    const streams: { tenant: number; run: number; results: Promise<LiveResult<Run>[]> }[] = [];
    for (let i = 0; i < 40; i += 1) {
      const tenant = i % 2;
      const run = (i >> 1) % 2;
      const token = tenants[tenant]?.token as string;
      const client = i % 4 < 2 ? sseClient(gw.url, token) : wsClient(gw.url, token);
      clients.push(client);
      streams.push({
        tenant,
        run,
        results: client.subscribe<Run>(RUN, { id: runIds[run] }).rest(),
      });
    }
    await until(() => gw.live.size.pollers > 0, 'the pollers to start');
    // each credential has its own poller per run, however many subscribe
    expect(gw.live.size.pollers).toBeLessThanOrEqual(4);
    while (gw.sandbox.flowRuns.pending() > 0) {
      gw.sandbox.flowRuns.step();
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (const { tenant, run, results } of streams) {
      const seen = await results;
      if (tenant === run) {
        expect(seen.length).toBeGreaterThan(0);
        for (const r of seen) {
          expect(r.errors).toBeUndefined();
          expect(r.data?.flowRun).toMatchObject({
            id: runIds[run],
            userId: tenants[tenant]?.userId,
          });
        }
        expect(seen.at(-1)?.data?.flowRun.state).toBe('COMPLETED');
      } else {
        expect(seen).toEqual(refused('NOT_FOUND'));
      }
    }
    await Promise.all(clients.map((c) => c.close()));
    await until(() => gw.live.size.subscriptions === 0, 'every subscription to end');
  });
});
