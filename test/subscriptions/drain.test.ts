import { createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WireFlow } from '../../src/sandbox/types.js';
import { startTestGateway } from '../support/gateway.js';
import { sseClient } from './clients.js';

describe('drain with open subscriptions', () => {
  it('cuts SSE streams and closes WebSockets with 1001 (clients subscribe again elsewhere), within the grace period', async () => {
    const gw = await startTestGateway({ env: { SUBSCRIPTION_POLL_MS: '20' } });
    const flow = gw.sandbox.data.flows[0] as WireFlow;
    const query = `subscription { flow(selector: "${flow.id}") { id } }`;
    const sse = sseClient(gw.url, gw.sandbox.tokens.admin);
    const overSse = sse.subscribe(query);
    const closes: number[] = [];
    const ws = createClient({
      url: gw.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      on: { closed: (event) => closes.push((event as { code: number }).code) },
    });
    const overWs = ws.iterate({ query });
    expect((await overSse.next())?.data).toEqual({ flow: { id: flow.id } });
    expect((await overWs.next()).value).toEqual({ data: { flow: { id: flow.id } } });
    expect(gw.live.size).toEqual({ subscriptions: 2, pollers: 1 });

    // a grace period no subscription could outlast by itself: drained means they were ended
    expect(await gw.drain(30_000)).toBe(true);
    // no `complete`: that would end the client's subscription instead of making it reconnect
    await expect(overSse.rest()).rejects.toBeDefined();
    await expect(overWs.next()).rejects.toMatchObject({ code: 1001, reason: 'Going away' });
    expect(closes).toEqual([1001]);
    expect(gw.live.size).toEqual({ subscriptions: 0, pollers: 0 });
    await Promise.all([sse.close(), ws.dispose()]);
    await gw.close();
  });
});
