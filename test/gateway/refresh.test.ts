import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busiestCustomer } from '../../src/sandbox/tokens.js';
import type { SandboxData, WireFlow } from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { live, one } from './wire-fields.js';

const REFRESH = `mutation($s: String!, $layer: ElementLayer, $ik: String, $iid: ID, $cid: ID, $ck: String, $inst: String) {
  refreshFlow(selector: $s, layer: $layer, integrationKey: $ik, integrationId: $iid, connectionId: $cid,
              connectionKey: $ck, instanceKey: $inst) { id state revision errors { type key message } } }`;

interface Refreshed {
  id: string;
  state: string;
  revision: string;
  errors: { type: string; key: string; message: string }[] | null;
}

const isIntegrationLayer = (f: WireFlow) => Boolean(f.integrationId) && !f.connectionId;

describe('Mutation.refreshFlow', () => {
  let gw: TestGateway;
  let data: SandboxData;
  beforeAll(async () => {
    gw = await startTestGateway();
    data = gw.sandbox.data;
  });
  afterAll(() => gw.close());

  const integration = (key: string) =>
    one(
      data.integrations.filter((i) => i.key === key),
      key,
    );
  const flowById = (id: string | undefined) =>
    one(
      data.flows.filter((f) => f.id === id),
      `flow ${id}`,
    );
  /** A live integration-level flow of `key` derived from a live universal flow. */
  const version = (key: string) =>
    one(
      data.flows.filter(
        (f) =>
          isIntegrationLayer(f) &&
          live(f) &&
          f.integrationId === integration(key).id &&
          f.universalFlowId &&
          live(flowById(f.universalFlowId)),
      ),
      `${key} version`,
    );
  const instanceOf = (key: string, extra: (f: WireFlow) => boolean = () => true) =>
    one(
      data.flows.filter(
        (f) => f.connectionId && live(f) && f.integrationId === integration(key).id && extra(f),
      ),
      `${key} instance`,
    );

  /** Runs the mutation; `target` is the flow the sandbox must refresh. */
  async function refresh(vars: Record<string, unknown>, target: WireFlow, token?: string) {
    const before = target.revision;
    gw.resetCalls();
    const res = await gw.execute<{ refreshFlow: Refreshed }>(REFRESH, vars, { token });
    return { res, flow: res.data?.refreshFlow, before, after: target.revision, calls: gw.calls() };
  }

  const ready = (target: WireFlow, r: Awaited<ReturnType<typeof refresh>>) => {
    expect(r.res.errors).toBeUndefined();
    expect(r.flow).toEqual({ id: target.id, state: 'READY', revision: r.after, errors: null });
    expect(r.after).not.toBe(r.before);
  };

  it('refreshes by id: one POST, READY, a new revision', async () => {
    const f = version('slack');
    const r = await refresh({ s: f.id }, f);
    expect(r.calls).toEqual([`POST /flows/${f.id}/refresh`]);
    ready(f, r);
  });

  it('refreshes a universal flow by key and a version by integrationKey.flowKey', async () => {
    const universal = flowById(version('slack').universalFlowId);
    const byKey = await refresh({ s: universal.key }, universal);
    expect(byKey.calls).toEqual([`POST /flows/${universal.key}/refresh`]);
    ready(universal, byKey);
    const f = version('hubspot');
    const dotted = await refresh({ s: `hubspot.${f.key}` }, f);
    expect(dotted.calls).toEqual([`POST /flows/hubspot.${f.key}/refresh`]);
    ready(f, dotted);
  });

  it('sends layer as given: an instance at integration layer refreshes its parent', async () => {
    const inst = instanceOf('slack');
    const parent = flowById(inst.flowId);
    const r = await refresh({ s: inst.id, layer: 'INTEGRATION' }, parent);
    expect(r.calls).toEqual([`POST /flows/${inst.id}/refresh?layer=integration`]);
    ready(parent, r);
  });

  it('reports CONFIGURATION_ERROR with errors for an integration with missing parameters', async () => {
    const sheets = integration('google-sheets');
    expect(sheets.hasMissingParameters).toBe(true);
    const f = version('google-sheets');
    const universal = flowById(f.universalFlowId);
    const r = await refresh({ s: universal.key, ik: 'google-sheets' }, f);
    expect(r.calls).toEqual([`POST /flows/${universal.key}/refresh?integrationKey=google-sheets`]);
    expect(r.res.errors).toBeUndefined();
    expect(r.flow).toEqual({
      id: f.id,
      state: 'CONFIGURATION_ERROR',
      revision: r.after,
      errors: [
        {
          type: 'CONFIGURATION',
          key: 'missing_parameters',
          message: "Integration 'google-sheets' has missing parameters",
        },
      ],
    });
    expect(r.after).not.toBe(r.before);
  });

  it('selects the version of a universal flow by integrationId', async () => {
    const f = version('slack');
    const slack = integration('slack');
    const r = await refresh({ s: f.universalFlowId, iid: slack.id }, f);
    expect(r.calls).toEqual([`POST /flows/${f.universalFlowId}/refresh?integrationId=${slack.id}`]);
    ready(f, r);
  });

  it('refreshes an instance by parent + connectionId, connectionKey, instanceKey', async () => {
    const keyOf = (f: WireFlow) => data.connections.find((c) => c.id === f.connectionId)?.key;
    // without instanceKey the sandbox matches only instances without one (else it creates one)
    const inst = instanceOf('slack', (f) => f.instanceKey === undefined && keyOf(f) !== undefined);
    const count = data.flows.length;
    const byId = await refresh({ s: inst.flowId, cid: inst.connectionId }, inst);
    expect(byId.calls).toEqual([
      `POST /flows/${inst.flowId}/refresh?connectionId=${inst.connectionId}`,
    ]);
    ready(inst, byId);
    const key = String(keyOf(inst));
    const byKey = await refresh({ s: inst.flowId, ck: key }, inst);
    expect(byKey.calls).toEqual([`POST /flows/${inst.flowId}/refresh?connectionKey=${key}`]);
    ready(inst, byKey);
    const keyed = instanceOf('slack', (f) => f.instanceKey !== undefined);
    const vars = { s: keyed.flowId, cid: keyed.connectionId, inst: keyed.instanceKey };
    const withKey = await refresh(vars, keyed);
    expect(withKey.calls).toEqual([
      `POST /flows/${keyed.flowId}/refresh?connectionId=${keyed.connectionId}&instanceKey=${keyed.instanceKey}`,
    ]);
    ready(keyed, withKey);
    expect(data.flows.length).toBe(count);
  });

  it('lets a tenant refresh its own instance but not a workspace-level flow (FORBIDDEN)', async () => {
    const tenant = busiestCustomer(data);
    const own = one(
      data.flows.filter((f) => live(f) && f.connectionId && f.userId === tenant?.id),
      'tenant instance',
    );
    ready(own, await refresh({ s: own.id }, own, gw.sandbox.tokens.tenant));
    const f = version('slack');
    const r = await refresh({ s: f.id }, f, gw.sandbox.tokens.tenant);
    expect(r.calls).toEqual([`POST /flows/${f.id}/refresh`]);
    expect(r.res.data).toBeNull();
    expect(r.res.errors?.map((e) => e.extensions)).toEqual([
      {
        code: 'FORBIDDEN',
        upstream: { status: 403, type: 'bad_request', key: 'access_denied' },
      },
    ]);
    expect(r.after).toBe(r.before);
  });
});

describe('Mutation.refreshFlow is never retried', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { UPSTREAM_RETRIES: '2' } });
  });
  afterAll(() => gw.close());

  it('sends one POST on a 503 and answers UPSTREAM_ERROR', async () => {
    const f = one(gw.sandbox.data.flows.filter(isIntegrationLayer), 'flow');
    const before = f.revision;
    gw.sandbox.faults.add({
      method: 'POST',
      path: /\/refresh$/,
      kind: 'status',
      status: 503,
      times: 1,
    });
    gw.resetCalls();
    const res = await gw.execute(REFRESH, { s: f.id });
    expect(gw.calls()).toEqual([`POST /flows/${f.id}/refresh`]);
    expect(res.data).toBeNull();
    expect(res.errors?.map((e) => e.extensions)).toEqual([
      { code: 'UPSTREAM_ERROR', upstream: { status: 503, type: 'internal' } },
    ]);
    expect(f.revision).toBe(before);
    // the fault is spent: the same mutation now goes through, still one POST
    gw.resetCalls();
    const again = await gw.execute<{ refreshFlow: Refreshed }>(REFRESH, { s: f.id });
    expect(again.errors).toBeUndefined();
    expect(gw.calls()).toEqual([`POST /flows/${f.id}/refresh`]);
    expect(again.data?.refreshFlow.revision).toBe(f.revision);
  });
});
