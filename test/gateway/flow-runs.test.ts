import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxData, WireFlowRun } from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { expectedFlowRun, FLOW_RUN_SELECTION, one, runOrder } from './wire-fields.js';

interface RunPage {
  nodes: { id: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe('flow runs: reads', () => {
  let gw: TestGateway;
  let data: SandboxData;
  let runs: WireFlowRun[];
  beforeAll(async () => {
    gw = await startTestGateway({ sandbox: { flowRunStepMs: 0 } });
    data = gw.sandbox.data;
    runs = data.flowRuns ?? [];
  });
  afterAll(() => gw.close());

  const flowById = (id: string | undefined) =>
    one(
      data.flows.filter((f) => f.id === id),
      `flow ${id}`,
    );
  /** A seeded run whose flows exist at all three layers, failed with errors. */
  const richRun = () =>
    one(
      runs
        .filter(
          (r) =>
            r.state === 'failed' && r.universalFlowId && r.integrationFlowId && r.errors?.length,
        )
        .slice(0, 1),
      'a failed run of a universal flow',
    );
  const ids = (list: WireFlowRun[]) => list.map((r) => r.id);

  it('Query.flowRun answers every field from one GET', async () => {
    const run = richRun();
    gw.resetCalls();
    const res = await gw.execute(`query($id: ID!) { flowRun(id: $id) { ${FLOW_RUN_SELECTION} } }`, {
      id: run.id,
    });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ flowRun: expectedFlowRun(run) });
    expect(gw.calls()).toEqual([`GET /flow-runs/${run.id}`]);
  });

  it('Query.flowRuns filters as asked, newest first, in one GET', async () => {
    const run = richRun();
    const expected = runOrder(runs.filter((r) => r.userId === run.userId && r.state === 'failed'));
    expect(expected.length).toBeGreaterThan(0);
    gw.resetCalls();
    const res = await gw.execute<{ flowRuns: RunPage }>(
      `query($u: ID!) { flowRuns(userId: $u, state: FAILED, first: 100) { nodes { id } pageInfo { hasNextPage endCursor } } }`,
      { u: run.userId },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.flowRuns.nodes.map((n) => n.id)).toEqual(ids(expected));
    expect(res.data?.flowRuns.pageInfo.hasNextPage).toBe(false);
    expect(gw.calls()).toEqual([`GET /flow-runs?limit=100&state=failed&userId=${run.userId}`]);
  });

  it('Query.flowRuns: from/to bound the start time and pages resume after their cursor', async () => {
    const sorted = runOrder(runs);
    const [newest, , third] = sorted;
    const from = third?.startTime ?? '';
    const to = newest?.startTime ?? '';
    const inRange = sorted.filter((r) => r.startTime >= from && r.startTime <= to);
    const query = `query($from: DateTime, $to: DateTime, $after: String) {
      flowRuns(from: $from, to: $to, first: 2, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }`;
    gw.resetCalls();
    const first = await gw.execute<{ flowRuns: RunPage }>(query, { from, to });
    expect(first.data?.flowRuns.nodes.map((n) => n.id)).toEqual(ids(inRange.slice(0, 2)));
    expect(first.data?.flowRuns.pageInfo.hasNextPage).toBe(inRange.length > 2);
    expect(gw.calls()).toEqual([
      `GET /flow-runs?from=${encodeURIComponent(from)}&limit=2&to=${encodeURIComponent(to)}`,
    ]);
    const after = first.data?.flowRuns.pageInfo.endCursor;
    const second = await gw.execute<{ flowRuns: RunPage }>(query, { from, to, after });
    expect(second.data?.flowRuns.nodes.map((n) => n.id)).toEqual(ids(inRange.slice(2, 4)));
  });

  it('a run reaches its flows, integration, connection and user through one GET each', async () => {
    const run = richRun();
    gw.resetCalls();
    const res = await gw.execute(
      `query($id: ID!) { flowRun(id: $id) {
        flow { id name connectionId } integrationFlow { id name } universalFlow { id isUniversal }
        integration { id key } connection { id name } user { id name } } }`,
      { id: run.id },
    );
    expect(res.errors).toBeUndefined();
    const instance = flowById(run.connectionFlowId);
    const connection = one(
      data.connections.filter((c) => c.id === run.connectionId),
      'connection',
    );
    const integration = one(
      data.integrations.filter((i) => i.id === run.integrationId),
      'integration',
    );
    const user = one(
      data.customers.filter((c) => c.id === run.userId),
      'user',
    );
    expect(res.data).toEqual({
      flowRun: {
        flow: { id: instance.id, name: instance.name, connectionId: run.connectionId },
        integrationFlow: { id: run.integrationFlowId, name: flowById(run.integrationFlowId).name },
        universalFlow: { id: run.universalFlowId, isUniversal: true },
        integration: { id: integration.id, key: integration.key },
        connection: { id: connection.id, name: connection.name },
        user: { id: user.id, name: user.name },
      },
    });
    expect(gw.calls().sort()).toEqual(
      [
        `GET /flow-runs/${run.id}`,
        `GET /flows/${run.connectionFlowId}`,
        `GET /flows/${run.integrationFlowId}`,
        `GET /flows/${run.universalFlowId}`,
        `GET /integrations/${run.integrationId}`,
        `GET /connections/${run.connectionId}`,
        `GET /customers/${run.userId}`,
      ].sort(),
    );
  });

  it('id-only relations cost nothing beyond the run', async () => {
    const run = richRun();
    gw.resetCalls();
    const res = await gw.execute(
      `query($id: ID!) { flowRun(id: $id) { flow { id } integrationFlow { id } universalFlow { id }
        integration { id } connection { id } user { id } } }`,
      { id: run.id },
    );
    expect(res.data).toEqual({
      flowRun: {
        flow: { id: run.connectionFlowId },
        integrationFlow: { id: run.integrationFlowId },
        universalFlow: { id: run.universalFlowId },
        integration: { id: run.integrationId },
        connection: { id: run.connectionId },
        user: { id: run.userId },
      },
    });
    expect(gw.calls()).toEqual([`GET /flow-runs/${run.id}`]);
  });

  it("a flow's runs follow its layer; a connection's and a user's runs their id", async () => {
    const run = richRun();
    const cases: [string, string, string, (r: WireFlowRun) => boolean][] = [
      [
        'flow',
        run.connectionFlowId,
        'connectionFlowId',
        (r) => r.connectionFlowId === run.connectionFlowId,
      ],
      [
        'flow',
        run.integrationFlowId ?? '',
        'integrationFlowId',
        (r) => r.integrationFlowId === run.integrationFlowId,
      ],
      [
        'flow',
        run.universalFlowId ?? '',
        'universalFlowId',
        (r) => r.universalFlowId === run.universalFlowId,
      ],
    ];
    for (const [, id, filter, belongs] of cases) {
      gw.resetCalls();
      const res = await gw.execute<{ flow: { runs: RunPage } }>(
        `query($id: String!) { flow(selector: $id) { runs(first: 100) { nodes { id } } } }`,
        { id },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.flow.runs.nodes.map((n) => n.id)).toEqual(
        ids(runOrder(runs.filter(belongs))),
      );
      const query = new URLSearchParams(
        [
          [filter, id],
          ['limit', '100'],
        ].sort(),
      );
      expect(gw.calls()).toEqual([`GET /flows/${id}`, `GET /flow-runs?${query}`]);
    }
    gw.resetCalls();
    const res = await gw.execute<{
      connection: { flowRuns: RunPage };
      user: { flowRuns: RunPage };
    }>(
      `query($c: ID!, $u: ID!) { connection(id: $c) { flowRuns(first: 100, state: FAILED) { nodes { id } } }
        user(id: $u) { flowRuns(first: 100) { nodes { id } } } }`,
      { c: run.connectionId, u: run.userId },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.connection.flowRuns.nodes.map((n) => n.id)).toEqual(
      ids(
        runOrder(runs.filter((r) => r.connectionId === run.connectionId && r.state === 'failed')),
      ),
    );
    expect(res.data?.user.flowRuns.nodes.map((n) => n.id)).toEqual(
      ids(runOrder(runs.filter((r) => r.userId === run.userId))),
    );
    expect(gw.calls().sort()).toEqual(
      [
        `GET /connections/${run.connectionId}`,
        `GET /customers/${run.userId}`,
        `GET /flow-runs?connectionId=${run.connectionId}&limit=100&state=failed`,
        `GET /flow-runs?limit=100&userId=${run.userId}`,
      ].sort(),
    );
  });

  it('a tenant sees only its own runs, under concurrent load from two tenants', async () => {
    const byTenant = new Map<string, WireFlowRun[]>();
    for (const r of runs) {
      byTenant.set(r.userId, [...(byTenant.get(r.userId) ?? []), r]);
    }
    const [a, b] = [...byTenant.keys()]
      .map((userId) =>
        one(
          data.customers.filter((c) => c.id === userId),
          'customer',
        ),
      )
      .filter((c) => c.internalId);
    if (!a?.internalId || !b?.internalId) {
      throw new Error('the seed needs two tenants with runs');
    }
    const tokens = [a, b].map((c) => gw.sandbox.tokens.forTenant(c.internalId as string));
    const others = byTenant.get(b.id) ?? [];
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        gw.execute<{ flowRuns: RunPage; other: { id: string } | null }>(
          `query($other: ID!) { flowRuns(first: 100) { nodes { id } } other: flowRun(id: $other) { id } }`,
          { other: (i % 2 === 0 ? others : (byTenant.get(a.id) ?? []))[0]?.id },
          { token: tokens[i % 2] },
        ),
      ),
    );
    answers.forEach((res, i) => {
      const own = i % 2 === 0 ? a : b;
      expect(res.data?.flowRuns.nodes.map((n) => n.id)).toEqual(
        ids(runOrder(byTenant.get(own.id) ?? [])),
      );
      expect(res.data?.other).toBeNull();
      expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
        [['other'], 'NOT_FOUND'],
      ]);
    });
  });

  it('bad input: a clear code and no upstream call', async () => {
    gw.resetCalls();
    const badId = await gw.execute(`{ flowRun(id: "../flows") { id } }`);
    expect(badId.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['BAD_USER_INPUT', 'Invalid id: expected 1–200 letters, digits, "-" or "_".'],
    ]);
    const badDate = await gw.execute(`{ flowRuns(from: "yesterday") { nodes { id } } }`);
    expect(badDate.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const badState = await gw.execute(`{ flowRuns(state: DONE) { nodes { id } } }`);
    expect(badState.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const badFirst = await gw.execute(`{ flowRuns(first: 0) { nodes { id } } }`);
    expect(badFirst.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(gw.calls()).toEqual([]);
  });

  it('an unknown run is NOT_FOUND with null data', async () => {
    const res = await gw.execute(`{ flowRun(id: "no-such-run") { id } }`);
    expect(res.data).toEqual({ flowRun: null });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
  });
});

describe('flow runs: embeds', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ sandbox: { flowRunStepMs: 0, embeds: 'all' } });
  });
  afterAll(() => gw.close());

  it("a run's embeds serve its instance, integration, connection and user", async () => {
    const runs = gw.sandbox.data.flowRuns ?? [];
    const run = one(
      runs.filter((r) => r.universalFlowId && r.integrationFlowId).slice(0, 1),
      'a run of a universal flow',
    );
    gw.resetCalls();
    const res = await gw.execute(
      `query($id: ID!) { flowRun(id: $id) {
        flow { name } integration { key } connection { name } user { name } integrationFlow { name } } }`,
      { id: run.id },
    );
    expect(res.errors).toBeUndefined();
    expect(gw.calls()).toEqual([`GET /flow-runs/${run.id}`, `GET /flows/${run.integrationFlowId}`]);
  });
});
