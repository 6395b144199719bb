import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

describe('gateway smoke', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('answers a flow query with its relations', async () => {
    const flow = gw.sandbox.data.flows.find((f) => f.connectionId && !f.archivedAt);
    gw.resetCalls();
    const res = await gw.execute<{ flow: { id: string; name: string } }>(
      'query($s: String!) { flow(selector: $s) { id name integration { id name } user { id name } connection { id name } } }',
      { s: flow?.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.flow.id).toBe(flow?.id);
    expect(gw.calls()).toHaveLength(4);
  });
});
