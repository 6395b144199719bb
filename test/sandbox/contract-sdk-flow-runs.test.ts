import { FlowRunState, MembraneClient } from '@membranehq/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { demoTenant } from './contract-helpers.js';

describe('the official SDK client against flow runs', () => {
  let s: Sandbox;
  let admin: MembraneClient;
  let tenant: MembraneClient;
  beforeAll(async () => {
    s = await startSandbox({ flowRunStepMs: 0 });
    admin = new MembraneClient({ token: s.tokens.admin, apiUri: s.url });
    tenant = new MembraneClient({ token: s.tokens.tenant, apiUri: s.url });
  });
  afterAll(() => s.close());

  it('flowRuns.find (filters, cursor) and flowRun(id).get() return exactly the stored runs', async () => {
    const { customer, flows } = demoTenant(s);
    const flow = flows[0];
    const expected = (s.data.flowRuns ?? [])
      .filter((r) => r.connectionFlowId === flow?.id)
      .reverse();
    const found = await tenant.flowRuns.find({ connectionFlowId: flow?.id ?? '' });
    expect(found).toEqual({ items: expected });
    const failed = await admin.flowRuns.find({ state: FlowRunState.FAILED, tenantId: customer.id });
    expect(failed.items.map((r) => r.id)).toEqual(
      (s.data.flowRuns ?? [])
        .filter((r) => r.state === 'failed' && r.userId === customer.id)
        .reverse()
        .map((r) => r.id),
    );
    const first = await admin.flowRuns.find({ limit: 5 });
    const second = await admin.flowRuns.find({ limit: 5, cursor: first.cursor ?? '' });
    const all = [...(s.data.flowRuns ?? [])].reverse();
    expect([...first.items, ...second.items].map((r) => r.id)).toEqual(
      all.slice(0, 10).map((r) => r.id),
    );
    for (const run of expected) {
      expect(await tenant.flowRun(run.id).get()).toEqual(run);
    }
  });

  it('flowRuns.create, flowRun(id).stop() and repeat() work; a foreign run is not found', async () => {
    const { flows } = demoTenant(s);
    const flow = flows.find((f) => f.state === 'READY');
    const run = await tenant.flowRuns.create({ flowInstanceId: flow?.id ?? '', input: { x: 1 } });
    expect([run.state, run.connectionFlowId, run.input]).toEqual(['queued', flow?.id, { x: 1 }]);
    expect(await tenant.flowRun(run.id).stop()).toBeUndefined();
    expect((await tenant.flowRun(run.id).get()).state).toBe('stopped');
    const again = await tenant
      .flowRun(run.id)
      .stop()
      .catch((e: unknown) => e as { isMembraneError?: boolean; data?: Record<string, unknown> });
    expect(again).toMatchObject({ isMembraneError: true, data: { type: 'bad_request' } });
    const repeated = await tenant.flowRun(run.id).repeat();
    expect([
      repeated.state,
      repeated.connectionFlowId,
      repeated.input,
      repeated.id !== run.id,
    ]).toEqual(['queued', flow?.id, { x: 1 }, true]);
    const other = (s.data.flowRuns ?? []).find((r) => r.userId !== demoTenant(s).customer.id);
    const foreign = await tenant
      .flowRun(other?.id ?? '')
      .get()
      .catch((e: unknown) => e as { data?: Record<string, unknown> });
    expect(foreign).toMatchObject({ data: { type: 'bad_request', key: 'not_found' } });
  });

  it("the flow PATCH / reset / archive / restore calls of the SDK's flow(id) accessor", async () => {
    const { flows } = demoTenant(s);
    const flow = flows[2];
    const id = flow?.id ?? '';
    const patched = await tenant.flow(id).patch({ name: 'Renamed by SDK', enabled: false });
    expect([patched.name, patched.enabled, patched.isCustomized]).toEqual([
      'Renamed by SDK',
      false,
      true,
    ]);
    expect(patched).toEqual(s.data.flows.find((f) => f.id === id));
    const reset = await tenant.flow(id).reset();
    expect([reset.name, reset.isCustomized, reset.customized]).toEqual([
      s.data.flows.find((f) => f.id === flow?.flowId)?.name,
      false,
      { name: false, nodes: false },
    ]);
    expect(await tenant.flow(id).archive()).toBeUndefined();
    expect(s.data.flows.find((f) => f.id === id)?.archivedAt).toEqual(expect.any(String));
    const restored = await tenant.flow(id).restore();
    expect([restored.id, restored.archivedAt]).toEqual([id, undefined]);
    const workspaceFlow = s.data.flows.find((f) => f.connectionId === undefined);
    const denied = await tenant
      .flow(workspaceFlow?.id ?? '')
      .patch({ name: 'no' })
      .catch((e: unknown) => e as { data?: Record<string, unknown> });
    expect(denied).toMatchObject({ data: { type: 'bad_request', key: 'access_denied' } });
  });
});
