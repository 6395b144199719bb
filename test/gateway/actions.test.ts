import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxData, WireAction, WireActionRunLog } from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  ACTION_RUN_LOG_SELECTION,
  ACTION_SELECTION,
  expectedAction,
  expectedActionRunLog,
  firstIds,
  live,
  logOrder,
  one,
} from './wire-fields.js';

interface Page {
  nodes: { id: string }[];
  pageInfo?: { hasNextPage: boolean };
}

describe('actions: reads (exact data, exact upstream calls)', () => {
  let gw: TestGateway;
  let data: SandboxData;
  let actions: WireAction[];
  let logs: WireActionRunLog[];
  beforeAll(async () => {
    gw = await startTestGateway();
    data = gw.sandbox.data;
    actions = data.actions ?? [];
    // the history is seeded on its first read
    await gw.execute('{ actionRunLogs(first: 1) { nodes { id } } }');
    logs = data.actionRunLogs ?? [];
  });
  afterAll(() => gw.close());

  const byId = (id: string | undefined) =>
    one(
      actions.filter((a) => a.id === id),
      `action ${id}`,
    );
  /** A live connection-level action of a universal action whose parent has other instances. */
  const instance = () =>
    one(
      actions.filter(
        (a) =>
          a.connectionId &&
          a.universalParentId &&
          live(a) &&
          !a.instanceKey &&
          actions.some((b) => b.parentId === a.parentId && b.id !== a.id),
      ),
      'a connection-level action of a universal action, with a sibling',
    );

  it('Query.action by id answers every field from one GET', async () => {
    const action = byId(instance().parentId);
    gw.resetCalls();
    const res = await gw.execute(
      `query($s: String!) { action(selector: $s) { ${ACTION_SELECTION} } }`,
      {
        s: action.id,
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ action: expectedAction(action) });
    expect(gw.calls()).toEqual([`GET /actions/${action.id}`]);
  });

  it('Query.action with a connection finds the instance through the list filter and creates none', async () => {
    const target = instance();
    const parent = byId(target.parentId);
    const count = actions.length;
    gw.resetCalls();
    const res = await gw.execute(
      'query($s: String!, $c: ID!) { action(selector: $s, connectionId: $c) { id connectionId parentId } }',
      { s: `${parent.integrationKey}.${parent.key}`, c: target.connectionId },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      action: { id: target.id, connectionId: target.connectionId, parentId: parent.id },
    });
    expect(gw.calls()).toEqual([
      `GET /actions?connectionId=${target.connectionId}&integrationKey=${parent.integrationKey}&layer=connection&limit=1000`,
    ]);
    expect(actions.length).toBe(count);
  });

  it('Query.action that matches no instance is NOT_FOUND (null), still without creating one', async () => {
    const connection = one(
      data.connections.filter(
        (c) => live(c) && !actions.some((a) => a.connectionId === c.id && a.key === 'no-such'),
      ),
      'a connection',
    );
    const count = actions.length;
    const res = await gw.execute(
      'query($c: ID!) { action(selector: "no-such", connectionId: $c) { id } }',
      { c: connection.id },
    );
    expect(res.data).toEqual({ action: null });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(actions.length).toBe(count);
  });

  it('Query.actions filters as asked in one GET', async () => {
    const integrationId = one(
      actions.filter((a) => a.integrationId && !a.connectionId),
      'an integration-level action',
    ).integrationId;
    const expected = actions.filter(
      (a) => a.integrationId === integrationId && !a.connectionId && live(a),
    );
    gw.resetCalls();
    const res = await gw.execute<{ actions: Page }>(
      'query($i: ID!) { actions(first: 100, layer: INTEGRATION, integrationId: $i) { nodes { id } pageInfo { hasNextPage } } }',
      { i: integrationId },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.actions.nodes.map((n) => n.id)).toEqual(firstIds(expected));
    expect(res.data?.actions.pageInfo?.hasNextPage).toBe(false);
    expect(gw.calls()).toEqual([
      `GET /actions?integrationId=${integrationId}&layer=integration&limit=100`,
    ]);
  });

  it("a connection's actions with their input schema (tenant token): one list GET", async () => {
    const tenant = gw.sandbox.tokens.tenant;
    const connection = one(
      data.connections.filter(
        (c) => live(c) && actions.some((a) => a.connectionId === c.id && live(a)),
      ),
      'a connection with actions',
    );
    const owner = one(
      data.customers.filter((u) => u.id === connection.userId),
      'owner',
    );
    const expected = actions.filter((a) => a.connectionId === connection.id && live(a));
    gw.resetCalls();
    const res = await gw.execute(
      'query($c: ID!) { connection(id: $c) { actions(first: 100) { nodes { id key type inputSchema } } } }',
      { c: connection.id },
      { token: gw.sandbox.tokens.forTenant(owner.internalId) },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      connection: {
        actions: {
          nodes: expected
            .sort((a, b) => (firstIds([a, b])[0] === a.id ? -1 : 1))
            .map((a) => ({
              id: a.id,
              key: a.key,
              type: a.type?.replace(/-/g, '_').toUpperCase(),
              inputSchema: a.inputSchema ?? null,
            })),
        },
      },
    });
    expect(gw.calls()).toEqual([
      `GET /connections/${connection.id}`,
      `GET /actions?connectionId=${connection.id}&limit=100`,
    ]);
    expect(tenant).not.toBe('');
  });

  it('relations: id-only costs nothing; each related GET is sent once per operation', async () => {
    const target = instance();
    const sibling = one(
      actions.filter((a) => a.parentId === target.parentId && a.id !== target.id),
      'a second instance of the same parent',
    );
    gw.resetCalls();
    const idOnly = await gw.execute(
      `query($a: String!) { action(selector: $a) {
        parent { id } universalAction { id } integration { id } connection { id } user { id } } }`,
      { a: target.id },
    );
    expect(idOnly.data).toEqual({
      action: {
        parent: { id: target.parentId },
        universalAction: { id: target.universalParentId },
        integration: { id: target.integrationId },
        connection: { id: target.connectionId },
        user: { id: target.userId },
      },
    });
    expect(gw.calls()).toEqual([`GET /actions/${target.id}`]);

    gw.resetCalls();
    const res = await gw.execute(
      `query($a: String!, $b: String!) {
        a: action(selector: $a) { parent { key } universalAction { key } integration { key } }
        b: action(selector: $b) { parent { key } universalAction { key } integration { key } } }`,
      { a: target.id, b: sibling.id },
    );
    expect(res.errors).toBeUndefined();
    const parent = byId(target.parentId);
    const universal = byId(target.universalParentId);
    const related = {
      parent: { key: parent.key },
      universalAction: { key: universal.key },
      integration: { key: target.integrationKey },
    };
    expect(res.data).toEqual({ a: related, b: related });
    expect(gw.calls().sort()).toEqual(
      [
        `GET /actions/${target.id}`,
        `GET /actions/${sibling.id}`,
        `GET /actions/${parent.id}`,
        `GET /actions/${universal.id}`,
        `GET /integrations/${target.integrationId}`,
      ].sort(),
    );
  });

  it('instances and runLogs follow the layer: parentId, universalParentId, the layer’s run filter', async () => {
    const target = instance();
    const parent = byId(target.parentId);
    const universal = byId(target.universalParentId);
    gw.resetCalls();
    const res = await gw.execute<{
      p: { instances: Page; runLogs: Page };
      u: { instances: Page; runLogs: Page };
    }>(
      `query($p: String!, $u: String!) {
        p: action(selector: $p) { instances(first: 100) { nodes { id } } runLogs(first: 100) { nodes { id } } }
        u: action(selector: $u) { instances(first: 100) { nodes { id } } runLogs(first: 100, status: ERROR) { nodes { id } } } }`,
      { p: parent.id, u: universal.id },
    );
    expect(res.errors).toBeUndefined();
    const live100 = (list: WireAction[]) => firstIds(list.filter(live));
    expect(res.data?.p.instances.nodes.map((n) => n.id)).toEqual(
      live100(actions.filter((a) => a.parentId === parent.id)),
    );
    expect(res.data?.u.instances.nodes.map((n) => n.id)).toEqual(
      live100(actions.filter((a) => a.universalParentId === universal.id && a.connectionId)),
    );
    const logIds = (list: WireActionRunLog[]) =>
      logOrder(list)
        .slice(0, 100)
        .map((l) => l.id);
    expect(res.data?.p.runLogs.nodes.map((n) => n.id)).toEqual(
      logIds(logs.filter((l) => l.integrationActionId === parent.id)),
    );
    expect(res.data?.u.runLogs.nodes.map((n) => n.id)).toEqual(
      logIds(logs.filter((l) => l.universalActionId === universal.id && l.status === 'error')),
    );
    expect(gw.calls().sort()).toEqual(
      [
        `GET /actions/${parent.id}`,
        `GET /actions/${universal.id}`,
        `GET /actions?limit=100&parentId=${parent.id}`,
        `GET /actions?layer=connection&limit=100&universalParentId=${universal.id}`,
        `GET /action-run-logs?integrationActionId=${parent.id}&limit=100`,
        `GET /action-run-logs?limit=100&status=error&universalActionId=${universal.id}`,
      ].sort(),
    );
  });

  it('Query.actionRunLog answers every field from one GET; its relations one GET each', async () => {
    const log = one(
      logs.filter((l) => l.status === 'error' && l.universalActionId && l.error),
      'a failed run of an action of a universal action',
    );
    gw.resetCalls();
    const res = await gw.execute(
      `query($id: ID!) { actionRunLog(id: $id) { ${ACTION_RUN_LOG_SELECTION}
        action { id connectionId } integrationAction { id } universalAction { id isUniversal }
        integration { id } connection { id name } user { id name } } }`,
      { id: log.id },
    );
    expect(res.errors).toBeUndefined();
    const connection = one(
      data.connections.filter((c) => c.id === log.connectionId),
      'connection',
    );
    const user = one(
      data.customers.filter((u) => u.id === log.userId),
      'user',
    );
    expect(res.data).toEqual({
      actionRunLog: {
        ...expectedActionRunLog(log),
        action: { id: log.connectionActionId, connectionId: log.connectionId },
        integrationAction: { id: log.integrationActionId },
        universalAction: { id: log.universalActionId, isUniversal: true },
        integration: { id: log.integrationId },
        connection: { id: connection.id, name: connection.name },
        user: { id: user.id, name: user.name },
      },
    });
    expect(gw.calls().sort()).toEqual(
      [
        `GET /action-run-logs/${log.id}`,
        `GET /actions/${log.connectionActionId}`,
        `GET /actions/${log.universalActionId}`,
        `GET /connections/${log.connectionId}`,
        `GET /customers/${log.userId}`,
      ].sort(),
    );
  });

  it('Query.actionRunLogs, Connection.actionRunLogs and User.actionRunLogs filter in one GET each', async () => {
    const log = one(
      logs.filter((l) => l.status === 'error'),
      'a failed run',
    );
    const ids = (list: WireActionRunLog[]) =>
      logOrder(list)
        .slice(0, 100)
        .map((l) => l.id);
    gw.resetCalls();
    const res = await gw.execute<{
      actionRunLogs: Page;
      connection: { actionRunLogs: Page };
      user: { actionRunLogs: Page };
    }>(
      `query($c: ID!, $u: ID!) {
        actionRunLogs(first: 100, status: ERROR, userId: $u) { nodes { id } }
        connection(id: $c) { actionRunLogs(first: 100) { nodes { id } } }
        user(id: $u) { actionRunLogs(first: 100, status: SUCCESS) { nodes { id } } } }`,
      { c: log.connectionId, u: log.userId },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.actionRunLogs.nodes.map((n) => n.id)).toEqual(
      ids(logs.filter((l) => l.userId === log.userId && l.status === 'error')),
    );
    expect(res.data?.connection.actionRunLogs.nodes.map((n) => n.id)).toEqual(
      ids(logs.filter((l) => l.connectionId === log.connectionId)),
    );
    expect(res.data?.user.actionRunLogs.nodes.map((n) => n.id)).toEqual(
      ids(logs.filter((l) => l.userId === log.userId && l.status === 'success')),
    );
    expect(gw.calls().sort()).toEqual(
      [
        `GET /action-run-logs?limit=100&status=error&userId=${log.userId}`,
        `GET /connections/${log.connectionId}`,
        `GET /action-run-logs?connectionId=${log.connectionId}&limit=100`,
        `GET /customers/${log.userId}`,
        `GET /action-run-logs?limit=100&status=success&userId=${log.userId}`,
      ].sort(),
    );
  });
});

describe('actions: embeds serve what they carry', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ sandbox: { embeds: 'all' } });
  });
  afterAll(() => gw.close());

  it("an action's integration, user and parent embeds cost no call", async () => {
    const actions = gw.sandbox.data.actions ?? [];
    const target = one(
      actions.filter((a) => a.connectionId && a.parentId && live(a)),
      'a connection-level action',
    );
    const parent = one(
      actions.filter((a) => a.id === target.parentId),
      'parent',
    );
    gw.resetCalls();
    const res = await gw.execute(
      `query($a: String!) { action(selector: $a) {
        integration { key } user { id } parent { key name } } }`,
      { a: target.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      action: {
        integration: { key: target.integrationKey },
        user: { id: target.userId },
        parent: { key: parent.key, name: parent.name },
      },
    });
    expect(gw.calls()).toEqual([`GET /actions/${target.id}`]);
  });
});
