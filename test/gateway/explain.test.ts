import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const DOCUMENT = `query($s: String!) {
  a: flow(selector: $s) { id integration { id } user { name } }
  b: flow(selector: $s) { name }
}`;

describe('EXPLAIN', () => {
  let gw: TestGateway;
  let off: TestGateway;
  let flowId: string;
  beforeAll(async () => {
    [gw, off] = await Promise.all([
      startTestGateway({ env: { EXPLAIN: 'true', UPSTREAM_RETRIES: '2' } }),
      startTestGateway(),
    ]);
    const instance = gw.sandbox.data.flows.find(
      (f) => f.connectionId && f.userId && f.integrationId && !f.archivedAt,
    );
    flowId = String(instance?.id);
  });
  afterAll(async () => {
    await Promise.all([gw.close(), off.close()]);
  });

  it('x-explain: 1 gets every upstream call and every call saved', async () => {
    const answer = await gw.execute(DOCUMENT, { s: flowId }, { headers: { 'x-explain': '1' } });
    const explain = (answer as { extensions?: { explain?: { calls: { ms: number }[] } } })
      .extensions?.explain;
    expect(explain?.calls.every((c) => typeof c.ms === 'number' && c.ms >= 0)).toBe(true);
    expect({
      ...explain,
      calls: explain?.calls.map(({ ms: _, ...call }) => call),
    }).toEqual({
      calls: [
        { method: 'GET', route: '/flows/{id}', status: 200, attempts: 1 },
        { method: 'GET', route: '/customers/{id}', status: 200, attempts: 1 },
      ],
      // b's flow is a's GET again; integration { id } is the flow's integrationId
      saved: { deduplicated: 1, embedded: 0, idOnly: 1 },
    });
  });

  it('runAction: the run and its log, by route template; the log by id alone is saved', async () => {
    const action = (gw.sandbox.data.actions ?? []).find(
      (a) => a.connectionId && a.state === 'READY' && !a.archivedAt && !a.inputSchema?.required,
    );
    const answer = await gw.execute(
      `mutation($s: String!) { runAction(selector: $s) { actionRunId log { status } again: log { id } } }`,
      { s: String(action?.id) },
      { headers: { 'x-explain': '1' } },
    );
    expect(answer.errors).toBeUndefined();
    const explain = (answer as { extensions?: { explain?: { calls: { ms: number }[] } } })
      .extensions?.explain;
    expect({
      ...explain,
      calls: explain?.calls.map(({ ms: _, ...call }) => call),
    }).toEqual({
      calls: [
        { method: 'POST', route: '/actions/{id}/run', status: 200, attempts: 1 },
        { method: 'GET', route: '/action-run-logs/{id}', status: 200, attempts: 1 },
      ],
      saved: { deduplicated: 0, embedded: 0, idOnly: 1 },
    });
  });

  it('shows failures and retries: a 503 then a 200 is one call of two attempts; a 404 its status', async () => {
    const remove = gw.sandbox.faults.add({
      kind: 'status',
      status: 503,
      path: /^\/customers\//,
      times: 1,
    });
    try {
      const answer = await gw.execute(
        'query($s: String!) { flow(selector: $s) { user { name } } missing: flow(selector: "nope") { id } }',
        { s: flowId },
        { headers: { 'x-explain': '1' } },
      );
      const calls = (
        answer as { extensions?: { explain?: { calls: Record<string, unknown>[] } } }
      ).extensions?.explain?.calls.map(({ ms: _, ...call }) => call);
      expect(calls?.sort((x, y) => String(x.route).localeCompare(String(y.route)))).toEqual([
        { method: 'GET', route: '/customers/{id}', status: 200, attempts: 2 },
        { method: 'GET', route: '/flows/{id}', status: 200, attempts: 1 },
        { method: 'GET', route: '/flows/{id}', status: 404, attempts: 1 },
      ]);
    } finally {
      remove();
    }
  });

  it('is never shown without the header, nor when the operator has not enabled it', async () => {
    expect(await gw.execute(DOCUMENT, { s: flowId })).not.toHaveProperty('extensions');
    expect(
      await off.execute(DOCUMENT, { s: flowId }, { headers: { 'x-explain': '1' } }),
    ).not.toHaveProperty('extensions');
  });
});
