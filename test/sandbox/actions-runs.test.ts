import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { actionFixture } from './action-fixture.js';
import { call } from './helpers.js';

let s: Sandbox;
beforeEach(async () => {
  s = await startSandbox({ data: actionFixture() });
});
afterEach(() => s.close());

const get = async (path: string, token?: string) => {
  const res = await call(s, 'GET', path, token === undefined ? {} : { token });
  return { status: res.status, id: res.json?.id as string | undefined, body: res.json };
};

const post = (path: string, body: unknown, token?: string) =>
  call(s, 'POST', path, {
    body: JSON.stringify(body),
    ...(token === undefined ? {} : { token }),
  });

/** The sandbox's documented rule: 10 hex of sha256(action id, input JSON with sorted keys). */
const digest = (actionId: string, input: string): string =>
  createHash('sha256').update(`${actionId}\n${input}`).digest('hex').slice(0, 10);

const notFound = (message: string) => ({ type: 'bad_request', key: 'not_found', message });

describe('action selectors (the rules of flows)', () => {
  it('by id (archived too), by key (the universal one first), integrationKey.key', async () => {
    expect((await get('/actions/ai-a-create')).id).toBe('ai-a-create');
    expect((await get('/actions/ac-old')).id).toBe('ac-old');
    expect((await get('/actions/create-contact')).id).toBe('ac-u-create');
    expect((await get('/actions/list-deals')).id).toBe('ac-hub-list');
    expect((await get('/actions/hubspot.create-contact')).id).toBe('ac-hub-create');
    expect((await get('/actions/slack.create-contact')).id).toBe('ac-slack-create');
  });

  it('clarifying params pick the layer, integration, connection and instance', async () => {
    expect((await get('/actions/create-contact?integrationKey=slack')).id).toBe('ac-slack-create');
    expect((await get('/actions/ac-u-create?integrationId=int-hub')).id).toBe('ac-hub-create');
    expect((await get('/actions/create-contact?connectionId=conn-a-hub')).id).toBe('ai-a-create');
    expect((await get('/actions/create-contact?connectionKey=bob-hub')).id).toBe('ai-b-create');
    expect((await get('/actions/list-deals?connectionId=conn-a-hub&instanceKey=k2')).id).toBe(
      'ai-a-list-k2',
    );
    expect((await get('/actions/ai-a-create?layer=integration')).id).toBe('ac-hub-create');
    expect((await get('/actions/ai-a-create?layer=universal')).id).toBe('ac-u-create');
  });

  it('unknown, foreign and unclarified selectors answer the flows’ errors', async () => {
    expect(await get('/actions/nope')).toEqual({
      status: 404,
      id: undefined,
      body: notFound("Action 'nope' not found"),
    });
    expect((await get('/actions/ai-b-create', s.tokens.forTenant('alice'))).body).toEqual(
      notFound("Action 'ai-b-create' not found"),
    );
    expect((await get('/actions/create-contact?layer=integration')).body).toEqual({
      type: 'bad_request',
      message:
        "Pass integrationKey, integrationId, connectionId or connectionKey to select a version of universal action 'ac-u-create'",
    });
    expect((await get('/actions/ac-u-ping?integrationKey=hubspot')).body).toEqual(
      notFound("Action 'ac-u-ping' has no version for integration 'hubspot'"),
    );
    expect((await get('/actions/ac-hub-list?connectionId=conn-a-slack')).body).toEqual(
      notFound("Action 'ac-hub-list' has no instance on connection 'conn-a-slack'"),
    );
  });

  it('a connection-level lookup that does not exist yet creates the instance (as flows do)', async () => {
    const before = s.data.actions?.length ?? 0;
    const res = await get('/actions/list-deals?connectionId=conn-b-hub');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      key: 'list-deals',
      name: 'List Deals',
      integrationId: 'int-hub',
      connectionId: 'conn-b-hub',
      parentId: 'ac-hub-list',
      userId: 'cus-bob',
      tenantId: 'cus-bob',
      type: 'list-data-records',
      config: { dataSource: { collectionKey: 'deals' } },
      state: 'READY',
      isCustomized: false,
    });
    expect(s.data.actions?.length).toBe(before + 1);
    expect((await get('/actions/list-deals?connectionId=conn-b-hub')).id).toBe(res.id);
  });

  it('GET /connections/{c}/actions/{a} resolves on that connection', async () => {
    expect((await get('/connections/conn-a-hub/actions/create-contact')).id).toBe('ai-a-create');
    expect((await get('/connections/alice-hub/actions/list-deals?instanceKey=k2')).id).toBe(
      'ai-a-list-k2',
    );
    expect((await get('/connections/nope/actions/create-contact')).body).toEqual(
      notFound("Connection 'nope' not found"),
    );
  });
});

describe('running actions', () => {
  it('POST /actions/{s}/run answers {output, actionRunId} and writes one success log', async () => {
    s.clearRequests();
    const body = { input: { name: 'Ann', email: 'ann@example.com' } };
    const res = await post('/actions/create-contact/run?connectionId=conn-a-hub', body);
    const expectedId = `contacts_${digest('ai-a-create', '{"email":"ann@example.com","name":"Ann"}')}`;
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({ output: { id: expectedId }, actionRunId: res.json.actionRunId });
    expect(s.requests.map((r) => [r.method, r.path, r.query, r.body])).toEqual([
      ['POST', '/actions/create-contact/run', { connectionId: 'conn-a-hub' }, JSON.stringify(body)],
    ]);
    const log = await get(`/action-run-logs/${res.json.actionRunId}`);
    expect(log.body).toEqual({
      id: res.json.actionRunId,
      userId: 'cus-alice',
      tenantId: 'cus-alice',
      name: 'Create Contact (alice)',
      universalActionId: 'ac-u-create',
      integrationActionId: 'ac-hub-create',
      connectionActionId: 'ai-a-create',
      actionId: 'ac-hub-create',
      actionInstanceId: 'ai-a-create',
      integrationId: 'int-hub',
      connectionId: 'conn-a-hub',
      externalAppId: 'app-1',
      input: body.input,
      output: { id: expectedId },
      status: 'success',
      createdAt: log.body.createdAt,
      completedAt: log.body.completedAt,
      duration: log.body.duration,
    });
    expect(Date.parse(log.body.completedAt) - Date.parse(log.body.createdAt)).toBe(
      log.body.duration,
    );
    expect((await get('/action-run-logs')).body.items[0].id).toBe(res.json.actionRunId);
  });

  it('the same action and input give the same output, a new run id each time', async () => {
    const a = await post('/actions/ai-a-create/run', { input: { email: 'x@y.z' } });
    const b = await post('/actions/ai-a-create/run', { input: { email: 'x@y.z' } });
    const c = await post('/actions/ai-b-create/run', { input: { email: 'x@y.z' } });
    expect(a.json.output).toEqual(b.json.output);
    expect(a.json.actionRunId).not.toBe(b.json.actionRunId);
    expect(c.json.output).toEqual({ id: `contacts_${digest('ai-b-create', '{"email":"x@y.z"}')}` });
  });

  it('outputs follow the action type', async () => {
    const list = await post('/actions/list-deals/run?connectionId=conn-a-hub&instanceKey=k2', {
      input: { limit: 2 },
    });
    const d = digest('ai-a-list-k2', '{"limit":2}');
    expect(list.json.output).toEqual({
      records: [
        { id: `deals_${d}_1`, name: 'deals 1' },
        { id: `deals_${d}_2`, name: 'deals 2' },
      ],
    });
    const code = await post('/actions/locked-action/run?connectionId=conn-a-hub', {
      input: { record: { b: 1, a: 2 } },
    });
    expect([code.status, code.json.output]).toEqual([200, { result: { keys: ['a', 'b'] } }]);
  });

  it('the SDK’s connection-level path takes the bare input', async () => {
    s.clearRequests();
    const res = await post('/connections/conn-a-hub/actions/create-contact/run', {
      email: 'ann@example.com',
    });
    expect(res.json.output).toEqual({
      id: `contacts_${digest('ai-a-create', '{"email":"ann@example.com"}')}`,
    });
    expect(s.requests).toHaveLength(1);
  });

  it('a tenant runs its own instances; the connection is implied when it has one', async () => {
    const alice = s.tokens.forTenant('alice');
    const own = await post(
      '/actions/create-contact/run?integrationKey=hubspot',
      { input: { email: 'a@b.c' } },
      alice,
    );
    expect(own.status, own.text).toBe(200);
    expect(s.data.actionRunLogs?.at(-1)?.connectionActionId).toBe('ai-a-create');
    const foreign = await post('/actions/ai-b-create/run', { input: { email: 'a@b.c' } }, alice);
    expect([foreign.status, foreign.json]).toEqual([
      404,
      notFound("Action 'ai-b-create' not found"),
    ]);
  });

  it('a broken action answers its error (membrane-api.md §6) and logs an error run', async () => {
    const before = s.data.actionRunLogs?.length ?? 0;
    const res = await post('/actions/broken/run?connectionId=conn-a-hub', { input: { id: '1' } });
    expect([res.status, res.json]).toEqual([
      400,
      {
        type: 'configuration',
        key: 'missing_config',
        message: 'Action config has no data collection selected',
      },
    ]);
    const log = s.data.actionRunLogs?.at(-1);
    expect(s.data.actionRunLogs?.length).toBe(before + 1);
    expect(log).toMatchObject({
      status: 'error',
      integrationActionId: 'ac-hub-broken',
      input: { id: '1' },
      error: res.json,
    });
    expect(log?.output).toBeUndefined();
  });

  it('input without a required field fails as action_run; a disconnected connection as connection', async () => {
    const missing = await post('/actions/ai-a-create/run', { input: { name: 'no email' } });
    expect([missing.status, missing.json]).toEqual([
      400,
      {
        type: 'action_run',
        key: 'invalid_input',
        message: 'Input is missing required field(s): email',
      },
    ]);
    expect(s.data.actionRunLogs?.at(-1)?.status).toBe('error');
    const off = await post('/actions/ai-a-slack-create/run', { input: { email: 'a@b.c' } });
    expect([off.status, off.json]).toEqual([
      400,
      {
        type: 'connection',
        key: 'connection_disconnected',
        message: "Connection 'conn-a-slack' is disconnected",
      },
    ]);
  });

  it('requests that cannot run write no log', async () => {
    const before = s.data.actionRunLogs?.length ?? 0;
    const cases: [string, unknown, number, string][] = [
      [
        '/actions/hubspot.create-contact/run',
        {},
        400,
        "Pass connectionId or connectionKey to select a connection-level instance of action 'ac-hub-create'",
      ],
      ['/actions/ai-a-create/run', [1], 400, 'Request body must be a JSON object'],
      ['/actions/ai-a-create/run', { input: {}, meta: 'x' }, 400, "Field 'meta' must be an object"],
      [
        '/actions/ai-a-create/run?layer=integration',
        {},
        400,
        "Action 'ac-hub-create' is not a connection-level action: pass connectionId or connectionKey",
      ],
      ['/actions/nope/run?connectionId=conn-a-hub', {}, 404, "Action 'nope' not found"],
    ];
    for (const [path, body, status, message] of cases) {
      const res = await post(path, body);
      expect([res.status, res.json?.message], path).toEqual([status, message]);
    }
    s.data.actions?.forEach((a) => {
      if (a.id === 'ai-a-create') {
        a.archivedAt = '2024-02-01T00:00:00.000Z';
      }
    });
    const archived = await post('/actions/ai-a-create/run', { input: { email: 'a@b.c' } });
    expect(archived.json.message).toBe("Action 'ai-a-create' is archived and cannot run");
    expect(s.data.actionRunLogs?.length).toBe(before);
  });
});
