import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireFlow } from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { clients, type LiveClient, until } from './clients.js';
import { runnableFlows } from './fixtures.js';

interface FlowShape {
  id: string;
  name: string;
  state: string;
  revision: string;
  enabled: boolean | null;
  archivedAt: string | null;
  integration: { key: string } | null;
}

const FLOW_SUBSCRIPTION = `subscription($s: String!, $cid: ID, $layer: ElementLayer) {
  flow(selector: $s, connectionId: $cid, layer: $layer) {
    id name state revision enabled archivedAt integration { key }
  }
}`;

describe.each(clients)('Subscription.flow over %s', (_name, connect) => {
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

  const rest = (method: string, path: string, body?: unknown) =>
    fetch(`${gw.sandbox.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${gw.sandbox.tokens.admin}`,
        'content-type': 'application/json',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const getsOf = (id: string) => gw.calls().filter((c) => c === `GET /flows/${id}`).length;

  it('sends the flow now, then only changes of the watched fields, with its relations', async () => {
    const flow = flows[0] as WireFlow;
    const stream = client.subscribe<{ flow: FlowShape }>(FLOW_SUBSCRIPTION, { s: flow.id });
    const first = await stream.next();
    expect(first).toEqual({
      data: {
        flow: {
          id: flow.id,
          name: flow.name,
          state: 'READY',
          revision: flow.revision,
          enabled: flow.enabled ?? null,
          archivedAt: null,
          integration: { key: flow.integrationKey },
        },
      },
    });
    // a change no screen watches (the name alone, same revision) is polled, not sent
    const renamedAt = getsOf(flow.id);
    flow.name = 'Renamed without a revision';
    await until(() => getsOf(flow.id) >= renamedAt + 2, 'two polls after the rename');
    const patched = await rest('PATCH', `/flows/${flow.id}`, { enabled: false });
    expect(patched.status).toBe(200);
    const second = await stream.next();
    expect(second?.data?.flow).toMatchObject({
      name: 'Renamed without a revision',
      enabled: false,
      revision: flow.revision,
    });
    expect(flow.revision).not.toBe(first?.data?.flow.revision);
    await stream.leave();
  });

  it('shows what a screen shows after refreshFlow: the state and errors it settles in', async () => {
    const flow = flows[1] as WireFlow;
    const integration = gw.sandbox.data.integrations.find((i) => i.id === flow.integrationId);
    if (!integration) {
      throw new Error('the flow needs its integration');
    }
    const stream = client.subscribe<{ flow: FlowShape & { errors: { key: string }[] | null } }>(
      `subscription($s: String!) { flow(selector: $s) { state errors { key } } }`,
      { s: flow.id },
    );
    expect(await stream.next()).toEqual({ data: { flow: { state: 'READY', errors: null } } });
    integration.hasMissingParameters = true;
    expect((await rest('POST', `/flows/${flow.id}/refresh`)).status).toBe(200);
    expect(await stream.next()).toEqual({
      data: { flow: { state: 'CONFIGURATION_ERROR', errors: [{ key: 'missing_parameters' }] } },
    });
    integration.hasMissingParameters = false;
    expect((await rest('POST', `/flows/${flow.id}/refresh`)).status).toBe(200);
    expect(await stream.next()).toEqual({ data: { flow: { state: 'READY', errors: null } } });
    await stream.leave();
  });

  it('archiving is a change; a flow that is gone ends the stream with NOT_FOUND', async () => {
    const flow = flows[2] as WireFlow;
    const stream = client.subscribe<{ flow: FlowShape }>(FLOW_SUBSCRIPTION, { s: flow.id });
    await stream.next();
    expect((await rest('DELETE', `/flows/${flow.id}`)).status).toBe(200);
    expect((await stream.next())?.data?.flow.archivedAt).toBe(flow.archivedAt);
    gw.sandbox.data.flows = gw.sandbox.data.flows.filter((f) => f !== flow);
    gw.sandbox.faults.add({
      kind: 'status',
      status: 404,
      method: 'GET',
      path: `/flows/${flow.id}`,
    });
    const last = await stream.rest();
    expect(last).toEqual([
      {
        data: null,
        errors: [
          expect.objectContaining({
            path: ['flow'],
            extensions: {
              code: 'NOT_FOUND',
              upstream: { status: 404, type: 'bad_request', key: 'not_found' },
            },
          }),
        ],
      },
    ]);
    gw.sandbox.faults.clear();
  });

  it('finds an instance by connection through the list filter, and never creates one', async () => {
    const instance = flows[3] as WireFlow;
    const parent = gw.sandbox.data.flows.find((f) => f.id === instance.flowId) as WireFlow;
    const count = gw.sandbox.data.flows.length;
    gw.resetCalls();
    const stream = client.subscribe<{ flow: FlowShape }>(FLOW_SUBSCRIPTION, {
      s: parent.id,
      cid: instance.connectionId,
    });
    expect((await stream.next())?.data?.flow.id).toBe(instance.id);
    await stream.leave();
    const flowCalls = gw.calls().filter((c) => c.includes(' /flows'));
    expect(flowCalls.every((c) => c.startsWith('GET /flows?'))).toBe(true);
    expect(flowCalls[0]).toContain(`connectionId=${instance.connectionId}`);

    // a connection without an instance of this flow: NOT_FOUND, and nothing created
    const other = gw.sandbox.data.connections.find(
      (c) =>
        c.integrationId === parent.integrationId &&
        !gw.sandbox.data.flows.some((f) => f.connectionId === c.id && f.flowId === parent.id),
    );
    if (other) {
      const missing = await client
        .subscribe<{ flow: FlowShape }>(FLOW_SUBSCRIPTION, { s: parent.id, cid: other.id })
        .rest();
      expect(missing).toEqual([
        { data: null, errors: [expect.objectContaining({ extensions: { code: 'NOT_FOUND' } })] },
      ]);
    }
    expect(gw.sandbox.data.flows.length).toBe(count);
    expect(gw.calls().some((c) => c.startsWith('POST'))).toBe(false);
  });

  it('rejects bad arguments with BAD_USER_INPUT before any upstream call or poller', async () => {
    gw.resetCalls();
    const results = await client
      .subscribe(FLOW_SUBSCRIPTION, { s: '../flows', layer: 'CONNECTION' })
      .rest();
    expect(results).toEqual([
      {
        errors: [
          expect.objectContaining({ path: ['flow'], extensions: { code: 'BAD_USER_INPUT' } }),
        ],
      },
    ]);
    expect(gw.calls()).toEqual([]);
    expect(gw.live.size).toEqual({ subscriptions: 0, pollers: 0 });
  });
});
