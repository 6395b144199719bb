import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionOutput } from '../../src/sandbox/action-outputs.js';
import { busiestCustomer } from '../../src/sandbox/tokens.js';
import type { SandboxData, WireAction } from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { live, one } from './wire-fields.js';

const RUN = `mutation($s: String!, $input: JSON) {
  runAction(selector: $s, input: $input) { output actionRunId } }`;
const RUN_WITH_LOG = `mutation($s: String!, $input: JSON) {
  runAction(selector: $s, input: $input) { output actionRunId log { id status input output error { type } } } }`;

describe('actions: runAction and the lifecycle mutations', () => {
  let gw: TestGateway;
  let data: SandboxData;
  let tenant: string;
  let mine: WireAction[];
  beforeAll(async () => {
    // GET retries on: a run must still never be retried
    gw = await startTestGateway({ env: { UPSTREAM_RETRIES: '2' } });
    data = gw.sandbox.data;
    tenant = gw.sandbox.tokens.tenant;
    // the demo tenant token's customer
    const owner = busiestCustomer(data);
    const connections = new Set(
      data.connections
        .filter((c) => c.userId === owner?.id && live(c) && !c.disconnected)
        .map((c) => c.id),
    );
    mine = (data.actions ?? []).filter((a) => a.connectionId && connections.has(a.connectionId));
  });
  afterAll(() => gw.close());

  /** A READY action of the tenant's with a required input field. */
  const runnable = () =>
    one(
      mine.filter(
        (a) =>
          a.state === 'READY' &&
          live(a) &&
          Array.isArray(a.inputSchema?.required) &&
          (a.inputSchema?.required as unknown[]).length > 0,
      ),
      "a READY action of the tenant's with required input",
    );
  const inputFor = (a: WireAction) =>
    Object.fromEntries(
      (a.inputSchema?.required as string[]).map((key) => [key, `value of ${key}`]),
    );
  const posts = () => gw.records().filter((r) => r.method === 'POST');

  it('sends exactly one POST with exactly the input given, and answers the output', async () => {
    const action = runnable();
    const input = { ...inputFor(action), note: 'ünïcode ✓', nested: { list: [1, 2, null] } };
    const before = data.actionRunLogs?.length ?? 0;
    gw.resetCalls();
    const res = await gw.execute(RUN, { s: action.id, input }, { token: tenant });
    expect(res.errors).toBeUndefined();
    const log = data.actionRunLogs?.at(-1);
    expect(data.actionRunLogs?.length).toBe(before + 1);
    expect(res.data).toEqual({
      runAction: { output: actionOutput(action, input), actionRunId: log?.id },
    });
    // `log` not selected: the POST is the only call
    expect(gw.calls()).toEqual([`POST /actions/${action.id}/run`]);
    expect(JSON.parse(posts()[0]?.body ?? '')).toEqual({ input });
  });

  it('without input the body is empty; `log` costs one GET, only when selected', async () => {
    const action = one(
      mine.filter((a) => a.state === 'READY' && live(a) && !a.inputSchema?.required),
      'a READY action without required input',
    );
    gw.resetCalls();
    const res = await gw.execute<{ runAction: { actionRunId: string } }>(
      RUN_WITH_LOG,
      { s: action.id },
      { token: tenant },
    );
    expect(res.errors).toBeUndefined();
    const id = res.data?.runAction.actionRunId;
    expect(res.data).toEqual({
      runAction: {
        output: actionOutput(action, undefined),
        actionRunId: id,
        log: {
          id,
          status: 'SUCCESS',
          input: null,
          output: actionOutput(action, undefined),
          error: null,
        },
      },
    });
    expect(gw.calls()).toEqual([`POST /actions/${action.id}/run`, `GET /action-run-logs/${id}`]);
    expect(posts()[0]?.body).toBe('{}');

    gw.resetCalls();
    const idOnly = await gw.execute(
      'mutation($s: String!) { runAction(selector: $s) { log { id } } }',
      { s: action.id },
      { token: tenant },
    );
    expect(idOnly.errors).toBeUndefined();
    expect(gw.calls()).toEqual([`POST /actions/${action.id}/run`]);
  });

  it('a 5xx answer to the run is UPSTREAM_ERROR and is never retried', async () => {
    const action = runnable();
    gw.sandbox.faults.add({
      kind: 'status',
      status: 503,
      method: 'POST',
      path: /\/run$/,
      times: 3,
    });
    gw.resetCalls();
    const res = await gw.execute(RUN, { s: action.id, input: inputFor(action) }, { token: tenant });
    gw.sandbox.faults.clear();
    expect(res.data).toBeNull();
    expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.upstream])).toEqual([
      ['UPSTREAM_ERROR', { status: 503, type: 'internal' }],
    ]);
    expect(gw.calls()).toEqual([`POST /actions/${action.id}/run`]);
  });

  it("an action's own error is the contract's code with the upstream type and key", async () => {
    const broken = one(
      (data.actions ?? []).filter(
        (a) => a.connectionId && a.state === 'CONFIGURATION_ERROR' && live(a) && a.errors?.[0],
      ),
      'a broken connection-level action',
    );
    const cause = broken.errors?.[0];
    gw.resetCalls();
    // with the admin token (the fallback)
    const res = await gw.execute(RUN, { s: broken.id, input: {} });
    expect(res.data).toBeNull();
    expect(res.errors?.map((e) => [e.path, e.extensions?.code, e.extensions?.upstream])).toEqual([
      [['runAction'], 'BAD_USER_INPUT', { status: 400, type: cause?.type, key: cause?.key }],
    ]);
    expect(gw.calls()).toEqual([`POST /actions/${broken.id}/run`]);

    const action = runnable();
    const invalid = await gw.execute(RUN, { s: action.id, input: {} }, { token: tenant });
    expect(invalid.errors?.map((e) => [e.extensions?.code, e.extensions?.upstream])).toEqual([
      ['BAD_USER_INPUT', { status: 400, type: 'action_run', key: 'invalid_input' }],
    ]);
  });

  it('a bad selector or clarifying parameter is BAD_USER_INPUT with no call', async () => {
    for (const [query, variables] of [
      [RUN, { s: '../customers', input: {} }],
      [RUN, { s: 'a.b.c' }],
      ['mutation { runAction(selector: "x", connectionId: "a/b") { output } }', {}],
      ['mutation { runAction(selector: "x", instanceKey: "x y", input: 1) { output } }', {}],
      ['mutation { updateAction(selector: "x", input: {}) { id } }', {}],
      ['mutation { archiveAction(selector: "x", connectionKey: "%2e") }', {}],
    ] as const) {
      gw.resetCalls();
      const res = await gw.execute(query, variables, { token: tenant });
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(gw.calls()).toEqual([]);
    }
  });

  it('updateAction sends one PATCH with exactly the fields given; its answer serves the rest', async () => {
    const action = runnable();
    gw.resetCalls();
    const res = await gw.execute(
      `mutation($s: String!) {
        updateAction(selector: $s, layer: CONNECTION, input: { name: "Renamed", config: { a: 1 } }) {
          id name config } }`,
      { s: action.id },
      { token: tenant },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      updateAction: { id: action.id, name: 'Renamed', config: { a: 1 } },
    });
    expect(gw.calls()).toEqual([`PATCH /actions/${action.id}?layer=connection`]);
    expect(JSON.parse(gw.records()[0]?.body ?? '')).toEqual({ name: 'Renamed', config: { a: 1 } });
  });

  it('archiveAction looks the action up, archives it and returns its id; restoreAction brings it back', async () => {
    const action = one(
      mine.filter((a) => live(a) && a.id !== runnable().id),
      'another action',
    );
    gw.resetCalls();
    const archived = await gw.execute(
      'mutation($s: String!) { archiveAction(selector: $s) }',
      { s: action.id },
      { token: tenant },
    );
    expect(archived.data).toEqual({ archiveAction: action.id });
    expect(gw.calls()).toEqual([`GET /actions/${action.id}`, `DELETE /actions/${action.id}`]);
    expect(action.archivedAt).toBeDefined();
    gw.resetCalls();
    const restored = await gw.execute(
      'mutation($s: String!) { restoreAction(selector: $s) { id archivedAt } }',
      { s: action.id },
      { token: tenant },
    );
    expect(restored.data).toEqual({ restoreAction: { id: action.id, archivedAt: null } });
    expect(gw.calls()).toEqual([`POST /actions/${action.id}/restore`]);
  });
});
