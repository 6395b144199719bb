import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

/** The global id the gateway issues: opaque to clients, base64 of `Type:id` here. */
const nodeId = (type: string, id: string) => encodeGlobalID(type, id);

const CODE = 'BAD_USER_INPUT';

describe('Relay Global Object Identification: Node, node, nodes', () => {
  let gw: TestGateway;
  let flowId: string;
  let connectionId: string;
  let userId: string;
  let integrationId: string;
  let runId: string;
  let actionId: string;
  let actionRunLogId: string;
  beforeAll(async () => {
    gw = await startTestGateway();
    const { data } = gw.sandbox;
    const instance = data.flows.find((f) => f.connectionId && !f.archivedAt);
    const run = data.flowRuns?.[0];
    if (!instance?.connectionId || !instance.integrationId || !run) {
      throw new Error('the seed has a connection-level flow and a run');
    }
    flowId = instance.id;
    connectionId = instance.connectionId;
    integrationId = instance.integrationId;
    userId = data.customers[0]?.id ?? '';
    runId = run.id;
    actionId = data.actions?.find((a) => a.connectionId)?.id ?? '';
    actionRunLogId = data.actionRunLogs?.[0]?.id ?? '';
    if (!actionId || !actionRunLogId) {
      throw new Error('the seed has a connection-level action and an action run log');
    }
  });
  afterAll(() => gw.close());
  beforeEach(() => gw.resetCalls());

  it('every entity has a nodeId that node() takes back with the one GET of that object', async () => {
    const cases = [
      ['Flow', flowId, `/flows/${flowId}`],
      ['FlowRun', runId, `/flow-runs/${runId}`],
      ['Integration', integrationId, `/integrations/${integrationId}`],
      ['Connection', connectionId, `/connections/${connectionId}`],
      ['User', userId, `/customers/${userId}`],
      ['Action', actionId, `/actions/${actionId}`],
      ['ActionRunLog', actionRunLogId, `/action-run-logs/${actionRunLogId}`],
    ] as const;
    for (const [type, id, path] of cases) {
      gw.resetCalls();
      const answer = await gw.execute(
        'query($id: ID!) { node(id: $id) { __typename nodeId ... on Flow { id } ... on FlowRun { id } ... on Integration { id } ... on Connection { id } ... on User { id } ... on Action { id } ... on ActionRunLog { id } } }',
        { id: nodeId(type, id) },
      );
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({ node: { __typename: type, nodeId: nodeId(type, id), id } });
      expect(gw.calls()).toEqual([`GET ${path}`]);
    }
  });

  it('nodeId of a relation costs nothing more than its id (it is made from the parent key)', async () => {
    const answer = await gw.execute(
      'query($id: ID!) { connection(id: $id) { nodeId integration { id nodeId } } }',
      { id: connectionId },
    );
    expect(answer.data).toEqual({
      connection: {
        nodeId: nodeId('Connection', connectionId),
        integration: { id: integrationId, nodeId: nodeId('Integration', integrationId) },
      },
    });
    expect(gw.calls()).toEqual([`GET /connections/${connectionId}`]);
  });

  it('nodes: one GET per distinct object through the same loaders, in order, duplicates shared', async () => {
    const answer = await gw.execute(
      'query($ids: [ID!]!) { nodes(ids: $ids) { __typename nodeId } }',
      {
        ids: [
          nodeId('Flow', flowId),
          nodeId('User', userId),
          nodeId('Flow', flowId),
          nodeId('Connection', connectionId),
        ],
      },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({
      nodes: [
        { __typename: 'Flow', nodeId: nodeId('Flow', flowId) },
        { __typename: 'User', nodeId: nodeId('User', userId) },
        { __typename: 'Flow', nodeId: nodeId('Flow', flowId) },
        { __typename: 'Connection', nodeId: nodeId('Connection', connectionId) },
      ],
    });
    expect(gw.calls().sort()).toEqual(
      [
        `GET /connections/${connectionId}`,
        `GET /customers/${userId}`,
        `GET /flows/${flowId}`,
      ].sort(),
    );
  });

  it('node after another path read the object: no second GET', async () => {
    const answer = await gw.execute(
      'query($sel: String!, $id: ID!) { flow(selector: $sel) { id } node(id: $id) { ... on Flow { name } } }',
      { sel: flowId, id: nodeId('Flow', flowId) },
    );
    expect(answer.errors).toBeUndefined();
    expect(gw.calls()).toEqual([`GET /flows/${flowId}`]);
  });

  it('an unknown id: node is null with NOT_FOUND; in nodes, null in its slot and NOT_FOUND at that path', async () => {
    const single = await gw.execute('query($id: ID!) { node(id: $id) { nodeId } }', {
      id: nodeId('Flow', 'no-such-flow'),
    });
    expect(single.data).toEqual({ node: null });
    expect(single.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['node'], 'NOT_FOUND'],
    ]);
    gw.resetCalls();
    const many = await gw.execute('query($ids: [ID!]!) { nodes(ids: $ids) { nodeId } }', {
      ids: [nodeId('User', 'no-such-user'), nodeId('Flow', flowId)],
    });
    expect(many.data).toEqual({ nodes: [null, { nodeId: nodeId('Flow', flowId) }] });
    expect(many.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['nodes', 0], 'NOT_FOUND'],
    ]);
    expect(gw.calls().sort()).toEqual(['GET /customers/no-such-user', `GET /flows/${flowId}`]);
  });

  it('malformed or foreign ids are BAD_USER_INPUT with no upstream call, in their own slot', async () => {
    const bad = [
      flowId, // a Membrane id, not a nodeId
      'not base64!',
      nodeId('PageInfo', 'x'), // a type that is not a Node
      nodeId('Unknown', 'x'),
      nodeId('Flow', '../customers'), // an id that is not a path segment
      nodeId('Flow', ''),
      nodeId('Flow', flowId).replace(/=+$/, ''), // not the canonical encoding (padding)
      `${nodeId('Flow', flowId)} `,
    ];
    expect(bad[6]).not.toBe(nodeId('Flow', flowId));
    for (const id of bad) {
      gw.resetCalls();
      const answer = await gw.execute('query($id: ID!) { node(id: $id) { nodeId } }', { id });
      expect(answer.data).toEqual({ node: null });
      expect(answer.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['node'], CODE]]);
      expect(answer.errors?.[0]?.message).toBe(
        'Invalid node id: expected the nodeId of a Flow, FlowRun, Integration, Connection, User, Action, ActionRunLog.',
      );
      expect(gw.calls()).toEqual([]);
    }
    gw.resetCalls();
    const many = await gw.execute('query($ids: [ID!]!) { nodes(ids: $ids) { nodeId } }', {
      ids: [bad[0], nodeId('User', userId), bad[2]],
    });
    expect(many.data).toEqual({ nodes: [null, { nodeId: nodeId('User', userId) }, null] });
    expect(many.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['nodes', 0], CODE],
      [['nodes', 2], CODE],
    ]);
    expect(gw.calls()).toEqual([`GET /customers/${userId}`]);
  });
});
