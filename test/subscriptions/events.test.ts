import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireFlow } from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { clients, type LiveClient, sleep, until } from './clients.js';

/**
 * A subscription lives longer than any query: each of its updates is executed like an
 * operation of its own (fresh loaders, deadline and upstream-call budget).
 */
describe.each(clients)('limits meant for queries apply per update over %s', (_name, connect) => {
  let gw: TestGateway;
  let client: LiveClient;
  beforeAll(async () => {
    gw = await startTestGateway({
      env: {
        SUBSCRIPTION_POLL_MS: '20',
        REQUEST_TIMEOUT_MS: '100',
        MAX_UPSTREAM_CALLS: '1',
        MAX_ESTIMATED_UPSTREAM_CALLS: '30',
      },
    });
    client = connect(gw.url, gw.sandbox.tokens.admin);
  });
  afterAll(async () => {
    await client.close();
    await gw.close();
  });

  const patch = (flow: WireFlow, body: unknown) =>
    fetch(`${gw.sandbox.url}/flows/${flow.id}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${gw.sandbox.tokens.admin}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });

  it('outlives REQUEST_TIMEOUT_MS and MAX_UPSTREAM_CALLS; relations are read again per update', async () => {
    const flow = gw.sandbox.data.flows.find(
      (f) => f.integrationId && f.connectionId === undefined && !f.isReadOnly && !f.archivedAt,
    ) as WireFlow;
    const integration = gw.sandbox.data.integrations.find((i) => i.id === flow.integrationId);
    if (!integration) {
      throw new Error('the flow needs its integration');
    }
    const original = integration.name;
    const stream = client.subscribe<{
      flow: { enabled: boolean | null; integration: { name: string } };
    }>('subscription($s: String!) { flow(selector: $s) { enabled integration { name } } }', {
      s: flow.id,
    });
    const names: string[] = [];
    let enabled: boolean | null = flow.enabled ?? null;
    for (let update = 0; update < 3; update += 1) {
      const result = await stream.next();
      expect(result?.errors).toBeUndefined();
      expect(result?.data?.flow.enabled).toBe(enabled);
      names.push(result?.data?.flow.integration.name as string);
      // past the deadline of the subscription's own request
      await sleep(150);
      integration.name = `Renamed ${update}`;
      enabled = enabled !== true;
      expect((await patch(flow, { enabled })).status).toBe(200);
    }
    // each update read the integration again, within its own budget of one call
    expect(names).toEqual([original, 'Renamed 0', 'Renamed 1']);
    await stream.leave();
    await until(() => gw.live.size.pollers === 0, 'the poller to stop');
  });

  it('a selection whose worst case is over MAX_ESTIMATED_UPSTREAM_CALLS is refused before any call', async () => {
    // refused before execution: over SSE a result, over graphql-ws the protocol's error message
    const outcome = await client
      .subscribe(
        'subscription { flow(selector: "x") { instances(first: 50) { nodes { integration { id name } } } } }',
      )
      .rest()
      .then(
        (results) => results.flatMap((r) => r.errors ?? []),
        (errors: unknown) => errors,
      );
    expect(outcome).toEqual([
      expect.objectContaining({
        extensions: { code: 'OPERATION_LIMIT', estimatedUpstreamCalls: 52 },
      }),
    ]);
    expect(gw.calls().filter((c) => c.startsWith('GET /flows/x'))).toEqual([]);
    expect(gw.live.size).toEqual({ subscriptions: 0, pollers: 0 });
  });
});
