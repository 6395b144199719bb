import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxData, WireFlow } from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

// Selector and id validation (design §3) and the non-creating instance lookup (design §6.7).

const BAD_SELECTORS = [
  '..',
  '.',
  'a/b',
  '%2e%2e',
  'a b',
  '.a',
  'a.',
  'a..b',
  'a.b.c',
  'x'.repeat(300),
  '?x',
  '#',
  '\\',
  'a\nb',
  'a\u0000b',
  'caf\u00e9',
  '',
];
const BAD_IDS = [...BAD_SELECTORS, 'a.b', 'x'.repeat(201)];

type Errors = { path?: (string | number)[]; extensions?: Record<string, unknown> }[] | undefined;
const codes = (errors: Errors) => errors?.map((e) => [e.path?.join('.'), e.extensions?.code]);

/** A live connection-level flow, its parent and its connection. */
function instance(data: SandboxData): WireFlow & { connectionId: string; flowId: string } {
  const flow = data.flows.find((f) => f.connectionId && f.flowId && !f.archivedAt);
  if (!flow?.connectionId || !flow.flowId) {
    throw new Error('the seed has no connection-level flow');
  }
  return { ...flow, connectionId: flow.connectionId, flowId: flow.flowId };
}

describe('selector and id validation', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it.each(
    BAD_SELECTORS.map((s) => [JSON.stringify(s).slice(0, 20), s]),
  )('rejects selector %s on flow and integration with no upstream call', async (_, selector) => {
    gw.resetCalls();
    const res = await gw.execute(
      'query($s: String!) { flow(selector: $s) { id } integration(selector: $s) { id } }',
      { s: selector },
    );
    expect(res.data).toEqual({ flow: null, integration: null });
    expect(codes(res.errors)?.sort()).toEqual([
      ['flow', 'BAD_USER_INPUT'],
      ['integration', 'BAD_USER_INPUT'],
    ]);
    expect(gw.calls()).toEqual([]);
  });

  it.each(
    BAD_SELECTORS.map((s) => [JSON.stringify(s).slice(0, 20), s]),
  )('rejects selector %s on refreshFlow with no upstream call', async (_, selector) => {
    gw.resetCalls();
    const res = await gw.execute(
      'mutation($s: String!) { refreshFlow(selector: $s, layer: INTEGRATION) { id } }',
      { s: selector },
    );
    expect(res.data).toBeNull();
    expect(codes(res.errors)).toEqual([['refreshFlow', 'BAD_USER_INPUT']]);
    expect(gw.calls()).toEqual([]);
  });

  it('rejects bad ids on connection(id:) and user(id:) with no upstream call', async () => {
    for (const id of BAD_IDS) {
      gw.resetCalls();
      const res = await gw.execute(
        'query($i: ID!) { connection(id: $i) { id } user(id: $i) { id } }',
        { i: id },
      );
      expect([id, res.data]).toEqual([id, { connection: null, user: null }]);
      expect([id, codes(res.errors)?.sort()]).toEqual([
        id,
        [
          ['connection', 'BAD_USER_INPUT'],
          ['user', 'BAD_USER_INPUT'],
        ],
      ]);
      expect(gw.calls()).toEqual([]);
    }
  });

  it('rejects bad clarifying ids of a flow selector with no upstream call', async () => {
    const flow = instance(gw.sandbox.data);
    for (const bad of ['a/b', '..', 'a b', 'a.b']) {
      gw.resetCalls();
      const res = await gw.execute(
        `query($s: String!, $b: ID!, $k: String!) {
          a: flow(selector: $s, connectionId: $b) { id }
          b: flow(selector: $s, integrationKey: $k) { id }
          c: flow(selector: $s, connectionId: "ok", integrationKey: $k) { id }
          d: flow(selector: $s, instanceKey: $k) { id }
        }`,
        { s: flow.flowId, b: bad, k: bad },
      );
      expect([bad, res.data]).toEqual([bad, { a: null, b: null, c: null, d: null }]);
      expect([bad, codes(res.errors)?.sort()]).toEqual([
        bad,
        [
          ['a', 'BAD_USER_INPUT'],
          ['b', 'BAD_USER_INPUT'],
          ['c', 'BAD_USER_INPUT'],
          ['d', 'BAD_USER_INPUT'],
        ],
      ]);
      expect(gw.calls()).toEqual([]);
    }
  });

  it('the dotted integrationKey.flowKey form addresses the integration-level flow', async () => {
    const flow = gw.sandbox.data.flows.find(
      (f) => f.integrationKey && f.key && !f.connectionId && !f.archivedAt,
    );
    const selector = `${flow?.integrationKey}.${flow?.key}`;
    gw.resetCalls();
    const res = await gw.execute(
      'query($s: String!) { flow(selector: $s) { id key integrationId connectionId } }',
      { s: selector },
    );
    expect(res).toEqual({
      status: 200,
      data: {
        flow: {
          id: flow?.id,
          key: flow?.key,
          integrationId: flow?.integrationId,
          connectionId: null,
        },
      },
    });
    expect(gw.calls()).toEqual([`GET /flows/${selector}`]);
  });
});

describe('flow(selector:, connectionId:) never creates an instance', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  const QUERY = `query($s: String!, $c: ID!) {
    flow(selector: $s, connectionId: $c) { id flowId connectionId }
  }`;

  it('finds the existing instance through the list filter, by parent id or by key', async () => {
    const flow = instance(gw.sandbox.data);
    const parent = gw.sandbox.data.flows.find((f) => f.id === flow.flowId);
    for (const selector of [
      flow.flowId,
      flow.id,
      parent?.key,
      `${parent?.integrationKey}.${parent?.key}`,
    ]) {
      gw.resetCalls();
      const res = await gw.execute(QUERY, { s: selector, c: flow.connectionId });
      expect([selector, res.data]).toEqual([
        selector,
        { flow: { id: flow.id, flowId: flow.flowId, connectionId: flow.connectionId } },
      ]);
      const scope = selector?.includes('.') ? `&integrationKey=${parent?.integrationKey}` : '';
      expect(gw.calls()).toEqual([
        `GET /flows?connectionId=${flow.connectionId}${scope}&layer=connection&limit=1000`,
      ]);
    }
  });

  it('answers null + NOT_FOUND when the connection has no such instance, and creates none', async () => {
    const data = gw.sandbox.data;
    const flow = instance(data);
    const connection = data.connections.find((c) => c.id === flow.connectionId);
    const missing = data.flows.find(
      (f) =>
        f.integrationId === connection?.integrationId &&
        !f.connectionId &&
        !f.archivedAt &&
        !data.flows.some((i) => i.flowId === f.id && i.connectionId === connection?.id),
    );
    expect(missing).toBeDefined();
    const before = structuredClone(data.flows);
    for (const selector of [missing?.id, missing?.key]) {
      gw.resetCalls();
      const res = await gw.execute(QUERY, { s: selector, c: flow.connectionId });
      expect(res.data).toEqual({ flow: null });
      expect(codes(res.errors)).toEqual([['flow', 'NOT_FOUND']]);
      expect(gw.calls()).toEqual([
        `GET /flows?connectionId=${flow.connectionId}&layer=connection&limit=1000`,
      ]);
    }
    expect(data.flows).toEqual(before);
  });
});
