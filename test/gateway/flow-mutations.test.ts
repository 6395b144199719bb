import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxData, WireFlow } from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { live, one } from './wire-fields.js';

const SELECTOR_VARS = `$s: String!, $layer: ElementLayer, $ik: String, $iid: ID, $cid: ID, $ck: String, $inst: String`;
const SELECTOR_ARGS = `selector: $s, layer: $layer, integrationKey: $ik, integrationId: $iid, connectionId: $cid, connectionKey: $ck, instanceKey: $inst`;

describe('flow lifecycle mutations', () => {
  let gw: TestGateway;
  let data: SandboxData;
  beforeAll(async () => {
    // retries on, so that "never retried" is shown, not assumed
    gw = await startTestGateway({ sandbox: { flowRunStepMs: 0 }, env: { UPSTREAM_RETRIES: '2' } });
    data = gw.sandbox.data;
  });
  afterAll(() => gw.close());

  /** Live, READY connection-level flows with a trigger to start from, in seed order. */
  const runnable = (): WireFlow[] =>
    data.flows.filter(
      (f) =>
        f.connectionId &&
        live(f) &&
        f.state === 'READY' &&
        !f.isReadOnly &&
        Object.keys(f.nodes ?? {}).length > 0,
    );
  const flowById = (id: string) =>
    one(
      data.flows.filter((f) => f.id === id),
      `flow ${id}`,
    );
  /** Write calls with their bodies, as the sandbox received them. */
  const writes = () =>
    gw
      .records()
      .filter((r) => r.method !== 'GET')
      .map((r) => ({ call: `${r.method} ${r.path}`, query: r.query, body: r.body ?? null }));

  it('runFlow sends its arguments as given: one POST, the run QUEUED, never retried', async () => {
    const flow = runnable()[0] as WireFlow;
    gw.resetCalls();
    const res = await gw.execute<{ runFlow: Record<string, unknown> }>(
      `mutation(${SELECTOR_VARS}, $input: JSON, $node: String) {
        runFlow(${SELECTOR_ARGS}, input: $input, nodeKey: $node) {
          id state connectionFlowId input flow { id name } } }`,
      { s: flow.id, input: { orderId: 42, tags: ['a'] } },
    );
    expect(res.errors).toBeUndefined();
    const run = one(
      (data.flowRuns ?? []).filter((r) => r.id === res.data?.runFlow.id),
      'the new run',
    );
    expect(res.data?.runFlow).toEqual({
      id: run.id,
      state: 'QUEUED',
      connectionFlowId: flow.id,
      input: { orderId: 42, tags: ['a'] },
      flow: { id: flow.id, name: flow.name },
    });
    expect(gw.calls()).toEqual([`POST /flows/${flow.id}/run`, `GET /flows/${flow.id}`]);
    expect(writes()).toEqual([
      {
        call: `POST /flows/${flow.id}/run`,
        query: {},
        body: JSON.stringify({ input: { orderId: 42, tags: ['a'] } }),
      },
    ]);

    gw.sandbox.faults.add({
      kind: 'status',
      status: 503,
      method: 'POST',
      path: /\/run$/,
      times: 1,
    });
    gw.resetCalls();
    const failed = await gw.execute(`mutation($s: String!) { runFlow(selector: $s) { id } }`, {
      s: flow.id,
    });
    expect(failed.errors?.map((e) => e.extensions?.code)).toEqual(['UPSTREAM_ERROR']);
    expect(gw.calls()).toEqual([`POST /flows/${flow.id}/run`]);
  });

  it('runFlow by integration flow key and connection forwards the clarifying params', async () => {
    const instance = one(
      runnable()
        .filter((f) => f.flowId && f.integrationKey && !f.instanceKey)
        .slice(0, 1),
      'an instance of an integration flow',
    );
    const parent = flowById(instance.flowId as string);
    gw.resetCalls();
    const res = await gw.execute<{ runFlow: { connectionFlowId: string; state: string } }>(
      `mutation(${SELECTOR_VARS}, $node: String) { runFlow(${SELECTOR_ARGS}, nodeKey: $node) { connectionFlowId state } }`,
      {
        s: parent.key,
        ik: instance.integrationKey,
        cid: instance.connectionId,
        node: Object.keys(instance.nodes ?? {})[0],
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.runFlow).toEqual({ connectionFlowId: instance.id, state: 'QUEUED' });
    expect(writes()).toEqual([
      {
        call: `POST /flows/${parent.key}/run`,
        query: { integrationKey: instance.integrationKey, connectionId: instance.connectionId },
        body: JSON.stringify({ nodeKey: Object.keys(instance.nodes ?? {})[0] }),
      },
    ]);
  });

  it('stopFlowRun stops, then reads the run once: STOPPED', async () => {
    const flow = runnable()[1] as WireFlow;
    const started = await gw.execute<{ runFlow: { id: string } }>(
      `mutation($s: String!) { runFlow(selector: $s) { id } }`,
      { s: flow.id },
    );
    const id = started.data?.runFlow.id as string;
    gw.sandbox.flowRuns.step(1);
    gw.resetCalls();
    const res = await gw.execute(
      `mutation($id: ID!) { stopFlowRun(id: $id) { id state endTime } }`,
      { id },
    );
    expect(res.errors).toBeUndefined();
    const run = one(
      (data.flowRuns ?? []).filter((r) => r.id === id),
      'the run',
    );
    expect(res.data).toEqual({ stopFlowRun: { id, state: 'STOPPED', endTime: run.endTime } });
    expect(gw.calls()).toEqual([`POST /flow-runs/${id}/stop`, `GET /flow-runs/${id}`]);

    gw.resetCalls();
    const unknown = await gw.execute(`mutation { stopFlowRun(id: "no-such-run") { id } }`);
    expect(unknown.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(gw.calls()).toEqual(['POST /flow-runs/no-such-run/stop']);
  });

  it('updateFlow switches a flow off and on with one PATCH each; the answer primes the operation', async () => {
    const flow = runnable()[2] as WireFlow;
    gw.resetCalls();
    const res = await gw.execute(
      `mutation($s: String!) {
        off: updateFlow(selector: $s, input: { enabled: false, description: null }) { id enabled }
        run: runFlow(selector: $s) { flow { id enabled } } }`,
      { s: flow.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      off: { id: flow.id, enabled: false },
      run: { flow: { id: flow.id, enabled: false } },
    });
    expect(flowById(flow.id).enabled).toBe(false);
    // the run's flow came from updateFlow's answer: no GET
    expect(gw.calls()).toEqual([`PATCH /flows/${flow.id}`, `POST /flows/${flow.id}/run`]);
    expect(writes()[0]).toEqual({
      call: `PATCH /flows/${flow.id}`,
      query: {},
      body: JSON.stringify({ enabled: false }),
    });

    const on = await gw.execute(
      `mutation($s: String!) { updateFlow(selector: $s, input: { enabled: true, name: "Renamed", meta: { team: "ops" } }) { enabled name meta } }`,
      { s: flow.id },
    );
    expect(on.data).toEqual({
      updateFlow: { enabled: true, name: 'Renamed', meta: { team: 'ops' } },
    });

    gw.resetCalls();
    const empty = await gw.execute(
      `mutation($s: String!) { updateFlow(selector: $s, input: { name: null }) { id } }`,
      { s: flow.id },
    );
    expect(empty.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['BAD_USER_INPUT', 'input must set at least one field.'],
    ]);
    expect(gw.calls()).toEqual([]);
  });

  it('archiveFlow looks the flow up, archives it as selected and returns its id; restoreFlow brings it back', async () => {
    const instance = one(
      runnable()
        .filter((f) => f.flowId && f.integrationKey)
        .slice(1, 2),
      'an instance',
    );
    const parent = flowById(instance.flowId as string);
    const vars = {
      s: parent.key,
      ik: instance.integrationKey,
      cid: instance.connectionId,
      ...(instance.instanceKey && { inst: instance.instanceKey }),
    };
    gw.resetCalls();
    const archived = await gw.execute(
      `mutation(${SELECTOR_VARS}) { archiveFlow(${SELECTOR_ARGS}) }`,
      vars,
    );
    expect(archived).toEqual({ status: 200, data: { archiveFlow: instance.id } });
    expect(flowById(instance.id).archivedAt).toBeDefined();
    const calls = gw.calls();
    expect(calls.slice(-1)).toEqual([
      `DELETE /flows/${parent.key}?${new URLSearchParams(
        Object.entries({
          connectionId: instance.connectionId as string,
          ...(instance.instanceKey && { instanceKey: instance.instanceKey }),
          integrationKey: instance.integrationKey as string,
        }).sort(),
      )}`,
    ]);
    // the lookup reads and never creates (the `flow` query's way): GETs only before the DELETE
    expect(calls.slice(0, -1).every((c) => c.startsWith('GET /flows'))).toBe(true);

    gw.resetCalls();
    const restored = await gw.execute<{ restoreFlow: { id: string; archivedAt: string | null } }>(
      `mutation(${SELECTOR_VARS}) { restoreFlow(${SELECTOR_ARGS}) { id archivedAt } }`,
      vars,
    );
    expect(restored.data).toEqual({ restoreFlow: { id: instance.id, archivedAt: null } });
    expect(gw.calls().map((c) => c.split('?')[0])).toEqual([`POST /flows/${parent.key}/restore`]);

    gw.resetCalls();
    const missing = await gw.execute(`mutation { archiveFlow(selector: "no-such-flow") }`);
    expect(missing.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(gw.calls()).toEqual(['GET /flows/no-such-flow']);
  });

  it('resetFlow: one POST, the flow as reset', async () => {
    const flow = runnable()[3] as WireFlow;
    gw.resetCalls();
    const res = await gw.execute<{ resetFlow: { id: string; revision: string } }>(
      `mutation($s: String!) { resetFlow(selector: $s) { id revision } }`,
      { s: flow.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.resetFlow).toEqual({ id: flow.id, revision: flowById(flow.id).revision });
    expect(gw.calls()).toEqual([`POST /flows/${flow.id}/reset`]);
  });

  it('bad selectors and ids: BAD_USER_INPUT and no upstream call, for every mutation', async () => {
    const mutations = [
      `runFlow(selector: "a/b") { id }`,
      `updateFlow(selector: "a b", input: { enabled: true }) { id }`,
      `resetFlow(selector: "..") { id }`,
      `archiveFlow(selector: "a.b.c")`,
      `restoreFlow(selector: "", connectionId: "x") { id }`,
      `refreshFlow(selector: "f", connectionId: "c/1") { id }`,
      `stopFlowRun(id: "%2e") { id }`,
    ];
    gw.resetCalls();
    for (const mutation of mutations) {
      const res = await gw.execute(`mutation { ${mutation} }`);
      expect(res.data).toBeNull();
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
    expect(gw.calls()).toEqual([]);
  });
});
