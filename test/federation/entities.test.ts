import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireFlow } from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

/**
 * `_entities` as any federation router sends it to this subgraph: routers do not always
 * de-duplicate representations (Hive Gateway does, see supergraph.test.ts), so the subgraph must.
 * `_entities` is not part of the public schema, so these operations are plain strings.
 */
const ENTITIES = (selection: string) =>
  `query($r: [_Any!]!) { _entities(representations: $r) { __typename ${selection} } }`;

type Rep = { __typename: 'User' | 'Flow' | 'FlowRun'; id: string };

describe('federation: _entities on the subgraph', () => {
  let gw: TestGateway;
  let f1: WireFlow;
  let f2: WireFlow;
  let u1: string;
  let u2: string;

  beforeAll(async () => {
    gw = await startTestGateway();
    const flows = gw.sandbox.data.flows.filter((f) => !f.archivedAt && f.userId);
    const pair = flows.find((f) => f.userId !== flows[0]?.userId);
    if (!flows[0]?.userId || !pair?.userId) {
      throw new Error('seed lacks two flows of different users');
    }
    [f1, f2, u1, u2] = [flows[0], pair, flows[0].userId, pair.userId];
  });
  afterAll(() => gw.close());

  const run = async (selection: string, reps: Rep[]) => {
    gw.resetCalls();
    const res = await gw.execute<{ _entities: Record<string, unknown>[] }>(ENTITIES(selection), {
      r: reps,
    });
    expect(res.errors).toBeUndefined();
    return res.data?._entities;
  };
  const name = (id: string) => gw.sandbox.data.customers.find((c) => c.id === id)?.name;

  it('N representations with k distinct ids cost exactly k GETs, in representation order', async () => {
    const reps: Rep[] = [
      { __typename: 'User', id: u1 },
      { __typename: 'Flow', id: f1.id },
      { __typename: 'User', id: u2 },
      { __typename: 'User', id: u1 },
      { __typename: 'Flow', id: f1.id },
    ];
    const entities = await run('... on User { id name } ... on Flow { id name }', reps);
    expect(entities).toEqual([
      { __typename: 'User', id: u1, name: name(u1) },
      { __typename: 'Flow', id: f1.id, name: f1.name },
      { __typename: 'User', id: u2, name: name(u2) },
      { __typename: 'User', id: u1, name: name(u1) },
      { __typename: 'Flow', id: f1.id, name: f1.name },
    ]);
    expect(gw.calls().sort()).toEqual(
      [`GET /customers/${u1}`, `GET /customers/${u2}`, `GET /flows/${f1.id}`].sort(),
    );
  });

  it('a representation also reached through a relation is read once', async () => {
    const reps: Rep[] = [
      { __typename: 'Flow', id: f1.id },
      { __typename: 'Flow', id: f2.id },
      { __typename: 'User', id: u1 },
      { __typename: 'User', id: u2 },
    ];
    const entities = await run('... on User { name } ... on Flow { user { id name } }', reps);
    expect(entities).toEqual([
      { __typename: 'Flow', user: { id: u1, name: name(u1) } },
      { __typename: 'Flow', user: { id: u2, name: name(u2) } },
      { __typename: 'User', name: name(u1) },
      { __typename: 'User', name: name(u2) },
    ]);
    expect(gw.calls().sort()).toEqual(
      [
        `GET /customers/${u1}`,
        `GET /customers/${u2}`,
        `GET /flows/${f1.id}`,
        `GET /flows/${f2.id}`,
      ].sort(),
    );
  });

  it('selecting only id costs nothing', async () => {
    const reps: Rep[] = [
      { __typename: 'User', id: u1 },
      { __typename: 'Flow', id: f1.id },
    ];
    const entities = await run('... on User { id } ... on Flow { id }', reps);
    expect(entities).toEqual([
      { __typename: 'User', id: u1 },
      { __typename: 'Flow', id: f1.id },
    ]);
    expect(gw.calls()).toEqual([]);
  });

  it("one type's fragment does not make another type's representations load", async () => {
    const reps: Rep[] = [
      { __typename: 'User', id: u1 },
      { __typename: 'Flow', id: f1.id },
    ];
    const entities = await run('... on User { id } ... on Flow { name }', reps);
    expect(entities).toEqual([
      { __typename: 'User', id: u1 },
      { __typename: 'Flow', name: f1.name },
    ]);
    expect(gw.calls()).toEqual([`GET /flows/${f1.id}`]);
  });

  it('fields in a named fragment on the _Entity union still count', async () => {
    gw.resetCalls();
    const res = await gw.execute<{ _entities: Record<string, unknown>[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ...E } }
       fragment E on _Entity { ... on User { id name } }`,
      { r: [{ __typename: 'User', id: u1 }] },
    );
    expect(res).toEqual({ status: 200, data: { _entities: [{ id: u1, name: name(u1) }] } });
    expect(gw.calls()).toEqual([`GET /customers/${u1}`]);
  });

  it('FlowRun is an entity: representations resolve through the run loader, unknown ids null', async () => {
    const [r1, r2] = gw.sandbox.data.flowRuns ?? [];
    if (!r1 || !r2) {
      throw new Error('seed lacks flow runs');
    }
    gw.resetCalls();
    const res = await gw.execute<{ _entities: Record<string, unknown>[] }>(
      ENTITIES('... on FlowRun { id state connectionFlowId }'),
      {
        r: [
          { __typename: 'FlowRun', id: r1.id },
          { __typename: 'FlowRun', id: 'no-such-run' },
          { __typename: 'FlowRun', id: r2.id },
          { __typename: 'FlowRun', id: r1.id },
        ],
      },
    );
    const entity = (r: typeof r1) => ({
      __typename: 'FlowRun',
      id: r.id,
      state: r.state.toUpperCase(),
      connectionFlowId: r.connectionFlowId,
    });
    expect(res.data?._entities).toEqual([entity(r1), null, entity(r2), entity(r1)]);
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['_entities', 1], 'NOT_FOUND'],
    ]);
    expect(gw.calls().sort()).toEqual(
      [`GET /flow-runs/${r1.id}`, 'GET /flow-runs/no-such-run', `GET /flow-runs/${r2.id}`].sort(),
    );
  });

  it('Action and ActionRunLog are entities: one GET per distinct id, unknown ids null in their slot', async () => {
    const [a1, a2] = (gw.sandbox.data.actions ?? []).filter((a) => !a.archivedAt);
    await gw.execute('{ actionRunLogs(first: 1) { nodes { id } } }');
    const [l1] = gw.sandbox.data.actionRunLogs ?? [];
    if (!a1 || !a2 || !l1) {
      throw new Error('seed lacks actions or run logs');
    }
    gw.resetCalls();
    const res = await gw.execute<{ _entities: Record<string, unknown>[] }>(
      ENTITIES('... on Action { id key } ... on ActionRunLog { id status connectionActionId }'),
      {
        r: [
          { __typename: 'Action', id: a1.id },
          { __typename: 'ActionRunLog', id: 'no-such-log' },
          { __typename: 'ActionRunLog', id: l1.id },
          { __typename: 'Action', id: 'no-such-action' },
          { __typename: 'Action', id: a2.id },
          { __typename: 'Action', id: a1.id },
        ],
      },
    );
    const action = (a: typeof a1) => ({ __typename: 'Action', id: a.id, key: a.key });
    expect(res.data?._entities).toEqual([
      action(a1),
      null,
      {
        __typename: 'ActionRunLog',
        id: l1.id,
        status: l1.status.toUpperCase(),
        connectionActionId: l1.connectionActionId,
      },
      null,
      action(a2),
      action(a1),
    ]);
    const failed = res.errors?.map((e) => [e.path, e.extensions?.code]);
    expect(failed?.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      [['_entities', 1], 'NOT_FOUND'],
      [['_entities', 3], 'NOT_FOUND'],
    ]);
    expect(gw.calls().sort()).toEqual(
      [
        `GET /actions/${a1.id}`,
        `GET /actions/${a2.id}`,
        'GET /actions/no-such-action',
        `GET /action-run-logs/${l1.id}`,
        'GET /action-run-logs/no-such-log',
      ].sort(),
    );
  });
});
