import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxData, WireFlow } from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { firstIds, listOrder, live, one } from './wire-fields.js';

const isUniversalLayer = (f: WireFlow) => !f.integrationId && !f.connectionId;
const isIntegrationLayer = (f: WireFlow) => Boolean(f.integrationId) && !f.connectionId;

const FLOWS = `query($search: String, $layer: ElementLayer, $integrationId: ID, $integrationKey: String,
  $connectionId: ID, $userId: ID, $flowId: ID, $universalFlowId: ID, $isUniversal: Boolean,
  $includeArchived: Boolean, $first: Int) {
  flows(first: $first, search: $search, layer: $layer, integrationId: $integrationId,
        integrationKey: $integrationKey, connectionId: $connectionId, userId: $userId, flowId: $flowId,
        universalFlowId: $universalFlowId, isUniversal: $isUniversal, includeArchived: $includeArchived) {
    nodes { id } pageInfo { hasNextPage } } }`;

interface FilterCase {
  vars: Record<string, unknown>;
  /** The query string after `GET /flows?` (sorted keys, as the harness prints it). */
  query: string;
  keep: (f: WireFlow) => boolean;
}

/** Each filter with a value taken from the data, and the same filter computed over it. */
function filterCases(data: SandboxData): Record<string, FilterCase> {
  const inst = one(
    data.flows.filter((f) => f.connectionId && live(f) && f.flowId && f.userId),
    'instance',
  );
  const slack = one(
    data.integrations.filter((i) => i.key === 'slack'),
    'slack',
  );
  const hubspot = one(
    data.integrations.filter((i) => i.key === 'hubspot'),
    'hubspot',
  );
  const retired = one(
    data.integrations.filter((i) => i.archivedAt),
    'archived integration',
  );
  const universal = String(data.flows.find((f) => f.universalFlowId && live(f))?.universalFlowId);
  const has = (v: string | undefined, needle: string) => v?.toLowerCase().includes(needle) === true;
  return {
    search: {
      vars: { search: 'Contact' },
      query: 'limit=100&search=Contact',
      keep: (f) => live(f) && (has(f.name, 'contact') || has(f.key, 'contact')),
    },
    'layer UNIVERSAL': {
      vars: { layer: 'UNIVERSAL' },
      query: 'layer=universal&limit=100',
      keep: (f) => live(f) && isUniversalLayer(f),
    },
    'layer INTEGRATION': {
      vars: { layer: 'INTEGRATION' },
      query: 'layer=integration&limit=100',
      keep: (f) => live(f) && isIntegrationLayer(f),
    },
    'layer CONNECTION': {
      vars: { layer: 'CONNECTION' },
      query: 'layer=connection&limit=100',
      keep: (f) => live(f) && Boolean(f.connectionId),
    },
    integrationId: {
      vars: { integrationId: slack.id },
      query: `integrationId=${slack.id}&limit=100`,
      keep: (f) => live(f) && f.integrationId === slack.id,
    },
    integrationKey: {
      vars: { integrationKey: 'hubspot' },
      query: 'integrationKey=hubspot&limit=100',
      keep: (f) => live(f) && f.integrationId === hubspot.id,
    },
    connectionId: {
      vars: { connectionId: inst.connectionId },
      query: `connectionId=${inst.connectionId}&limit=100`,
      keep: (f) => live(f) && f.connectionId === inst.connectionId,
    },
    userId: {
      vars: { userId: inst.userId },
      query: `limit=100&userId=${inst.userId}`,
      keep: (f) => live(f) && (f.userId ?? f.tenantId) === inst.userId,
    },
    flowId: {
      vars: { flowId: inst.flowId },
      query: `flowId=${inst.flowId}&limit=100`,
      keep: (f) => live(f) && f.flowId === inst.flowId,
    },
    universalFlowId: {
      vars: { universalFlowId: universal },
      query: `limit=100&universalFlowId=${universal}`,
      keep: (f) => live(f) && f.universalFlowId === universal,
    },
    'isUniversal true': {
      vars: { isUniversal: true },
      query: 'isUniversal=true&limit=100',
      keep: (f) => live(f) && f.isUniversal === true,
    },
    'isUniversal false': {
      vars: { isUniversal: false },
      query: 'isUniversal=false&limit=100',
      keep: (f) => live(f) && f.isUniversal !== true,
    },
    includeArchived: {
      vars: { includeArchived: true },
      query: 'includeArchived=true&limit=100',
      keep: () => true,
    },
    'includeArchived with integrationId': {
      vars: { includeArchived: true, integrationId: retired.id },
      query: `includeArchived=true&integrationId=${retired.id}&limit=100`,
      keep: (f) => f.integrationId === retired.id,
    },
  };
}

describe('Query.flows filters', () => {
  let gw: TestGateway;
  let cases: Record<string, FilterCase>;
  beforeAll(async () => {
    gw = await startTestGateway();
    cases = filterCases(gw.sandbox.data);
  });
  afterAll(() => gw.close());

  const run = async (vars: Record<string, unknown>) => {
    gw.resetCalls();
    const res = await gw.execute<{
      flows: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean } };
    }>(FLOWS, vars);
    expect(res.errors).toBeUndefined();
    return {
      ids: res.data?.flows.nodes.map((n) => n.id),
      more: res.data?.flows.pageInfo.hasNextPage,
      calls: gw.calls(),
    };
  };

  it('lists the first 20 live flows without arguments', async () => {
    const live20 = firstIds(gw.sandbox.data.flows.filter(live), 20);
    expect(await run({})).toEqual({ ids: live20, more: true, calls: ['GET /flows?limit=20'] });
  });

  it.each([
    'search',
    'layer UNIVERSAL',
    'layer INTEGRATION',
    'layer CONNECTION',
    'integrationId',
    'integrationKey',
    'connectionId',
    'userId',
    'flowId',
    'universalFlowId',
    'isUniversal true',
    'isUniversal false',
    'includeArchived',
    'includeArchived with integrationId',
  ])('filters by %s: exact upstream query and exactly the matching ids', async (name) => {
    const c = cases[name];
    if (!c) {
      throw new Error(name);
    }
    const matching = listOrder(gw.sandbox.data.flows.filter(c.keep));
    expect(matching.length).toBeGreaterThan(0);
    // the filter changes the answer: it is not the unfiltered list of live flows
    expect(matching).not.toEqual(listOrder(gw.sandbox.data.flows.filter(live)));
    expect(await run({ ...c.vars, first: 100 })).toEqual({
      ids: firstIds(matching, 100),
      more: matching.length > 100,
      calls: [`GET /flows?${c.query}`],
    });
  });
});
