import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxData, WireFlow } from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { live, one } from './wire-fields.js';

const FLOW = `query($s: String!, $layer: ElementLayer, $ik: String, $iid: ID, $cid: ID, $ck: String, $inst: String) {
  flow(selector: $s, layer: $layer, integrationKey: $ik, integrationId: $iid, connectionId: $cid,
       connectionKey: $ck, instanceKey: $inst) { id } }`;

const isUniversalLayer = (f: WireFlow) => !f.integrationId && !f.connectionId;
const isIntegrationLayer = (f: WireFlow) => Boolean(f.integrationId) && !f.connectionId;

describe('Query.flow arguments', () => {
  let gw: TestGateway;
  let data: SandboxData;
  const flowOf = async (vars: Record<string, unknown>) => {
    gw.resetCalls();
    const res = await gw.execute<{ flow: { id: string } | null }>(FLOW, vars);
    return { res, id: res.data?.flow?.id, calls: gw.calls() };
  };
  beforeAll(async () => {
    gw = await startTestGateway();
    data = gw.sandbox.data;
  });
  afterAll(() => gw.close());

  const integrationKeyed = () =>
    one(
      data.integrations.filter((i) => i.key === 'slack'),
      'slack',
    );
  /** A live universal flow with a live version on slack, and that version. */
  const universalWithVersion = () => {
    const slack = integrationKeyed();
    const version = one(
      data.flows.filter(
        (f) =>
          isIntegrationLayer(f) && live(f) && f.integrationId === slack.id && f.universalFlowId,
      ),
      'slack version',
    );
    const universal = one(
      data.flows.filter((f) => f.id === version.universalFlowId),
      'universal',
    );
    return { slack, version, universal };
  };
  /** A live instance that is the only live flow of its connection derived from its parent. */
  const instance = (extra: (f: WireFlow) => boolean = () => true) =>
    one(
      data.flows.filter(
        (f) =>
          f.connectionId &&
          live(f) &&
          extra(f) &&
          data.flows.filter(
            (g) => live(g) && g.connectionId === f.connectionId && g.flowId === f.flowId,
          ).length === 1,
      ),
      'instance',
    );

  it('finds a flow by id with one GET', async () => {
    const f = one(data.flows.filter(isIntegrationLayer), 'integration flow');
    expect(await flowOf({ s: f.id })).toMatchObject({ id: f.id, calls: [`GET /flows/${f.id}`] });
  });

  it('finds a universal flow by key', async () => {
    const { universal } = universalWithVersion();
    const key = String(universal.key);
    expect(data.flows.filter((f) => live(f) && isUniversalLayer(f) && f.key === key)).toHaveLength(
      1,
    );
    expect(await flowOf({ s: key })).toMatchObject({
      id: universal.id,
      calls: [`GET /flows/${key}`],
    });
  });

  it('finds an integration-level flow by integrationKey.flowKey', async () => {
    const { slack, version } = universalWithVersion();
    const selector = `${slack.key}.${version.key}`;
    expect(await flowOf({ s: selector })).toMatchObject({
      id: version.id,
      calls: [`GET /flows/${selector}`],
    });
  });

  it('passes layer to the upstream: an instance at integration layer is its parent', async () => {
    const i = instance();
    expect(await flowOf({ s: i.id, layer: 'INTEGRATION' })).toMatchObject({
      id: i.flowId,
      calls: [`GET /flows/${i.id}?layer=integration`],
    });
    const { version } = universalWithVersion();
    expect(await flowOf({ s: version.id, layer: 'UNIVERSAL' })).toMatchObject({
      id: version.universalFlowId,
      calls: [`GET /flows/${version.id}?layer=universal`],
    });
  });

  it('selects the version of a universal flow by integrationKey or integrationId', async () => {
    const { slack, version, universal } = universalWithVersion();
    expect(await flowOf({ s: universal.key, ik: slack.key })).toMatchObject({
      id: version.id,
      calls: [`GET /flows/${universal.key}?integrationKey=${slack.key}`],
    });
    expect(await flowOf({ s: universal.id, iid: slack.id })).toMatchObject({
      id: version.id,
      calls: [`GET /flows/${universal.id}?integrationId=${slack.id}`],
    });
  });

  it('finds an instance by connectionId through the list filter, never the auto-creating GET', async () => {
    const i = instance();
    const count = data.flows.length;
    expect(await flowOf({ s: i.flowId, cid: i.connectionId })).toMatchObject({
      id: i.id,
      calls: [`GET /flows?connectionId=${i.connectionId}&layer=connection&limit=1000`],
    });
    expect(data.flows.length).toBe(count);
  });

  it('finds an instance by connectionKey and by instanceKey through the list filter', async () => {
    const keyOf = (f: WireFlow) => data.connections.find((c) => c.id === f.connectionId)?.key;
    const i = instance((f) => keyOf(f) !== undefined);
    const key = String(keyOf(i));
    expect(await flowOf({ s: i.flowId, ck: key })).toMatchObject({
      id: i.id,
      calls: [`GET /flows?connectionKey=${key}&layer=connection&limit=1000`],
    });
    const keyed = instance((f) => f.instanceKey !== undefined);
    expect(await flowOf({ s: keyed.id, inst: keyed.instanceKey })).toMatchObject({
      id: keyed.id,
      calls: [`GET /flows?instanceKey=${keyed.instanceKey}&layer=connection&limit=1000`],
    });
  });

  it('sends the integration of a dotted selector with the connection filter', async () => {
    const i = instance((f) => Boolean(f.integrationKey && f.key));
    const selector = `${i.integrationKey}.${i.key}`;
    expect(await flowOf({ s: selector, cid: i.connectionId })).toMatchObject({
      id: i.id,
      calls: [
        `GET /flows?connectionId=${i.connectionId}&integrationKey=${i.integrationKey}&layer=connection&limit=1000`,
      ],
    });
  });

  it('answers NOT_FOUND and creates nothing when the connection has no such instance', async () => {
    const i = instance();
    const other = one(
      data.flows.filter((f) => isIntegrationLayer(f) && f.integrationId !== i.integrationId),
      'flow of another integration',
    );
    const count = data.flows.length;
    const { res, calls } = await flowOf({ s: other.id, cid: i.connectionId });
    expect(res.data).toEqual({ flow: null });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(calls).toEqual([
      `GET /flows?connectionId=${i.connectionId}&layer=connection&limit=1000`,
    ]);
    expect(data.flows.length).toBe(count);
  });
});
