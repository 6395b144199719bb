import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { actionFixture } from './action-fixture.js';
import { call, walk } from './helpers.js';

let s: Sandbox;
beforeAll(async () => {
  s = await startSandbox({ data: actionFixture() });
});
afterAll(() => s.close());

const ids = async (path: string, token?: string): Promise<string[]> => {
  const res = await call(s, 'GET', path, token === undefined ? {} : { token });
  expect(res.status, res.text).toBe(200);
  return (res.json.items as { id: string }[]).map((item) => item.id);
};

const LIVE = [
  'ac-u-create',
  'ac-u-ping',
  'ac-hub-create',
  'ac-slack-create',
  'ac-hub-list',
  'ac-hub-broken',
  'ac-hub-ro',
  'ai-a-create',
  'ai-b-create',
  'ai-a-list-k2',
  'ai-a-slack-create',
];

describe('GET /actions', () => {
  it('lists live actions in createdAt order; includeArchived adds the archived one', async () => {
    expect(await ids('/actions')).toEqual(LIVE);
    expect(await ids('/actions?includeArchived=true')).toEqual([
      ...LIVE.slice(0, 7),
      'ac-old',
      ...LIVE.slice(7),
    ]);
  });

  it.each([
    ['layer=universal', ['ac-u-create', 'ac-u-ping']],
    [
      'layer=integration',
      ['ac-hub-create', 'ac-slack-create', 'ac-hub-list', 'ac-hub-broken', 'ac-hub-ro'],
    ],
    ['layer=connection', ['ai-a-create', 'ai-b-create', 'ai-a-list-k2', 'ai-a-slack-create']],
    ['integrationKey=slack', ['ac-slack-create', 'ai-a-slack-create']],
    ['integrationId=int-slack', ['ac-slack-create', 'ai-a-slack-create']],
    ['connectionId=conn-a-hub', ['ai-a-create', 'ai-a-list-k2']],
    ['connectionKey=alice-hub', ['ai-a-create', 'ai-a-list-k2']],
    ['instanceKey=k2', ['ai-a-list-k2']],
    ['parentId=ac-hub-create', ['ai-a-create', 'ai-b-create']],
    ['parentId=ac-u-create', ['ac-hub-create', 'ac-slack-create']],
    [
      'universalParentId=ac-u-create',
      ['ac-hub-create', 'ac-slack-create', 'ai-a-create', 'ai-b-create', 'ai-a-slack-create'],
    ],
    ['userId=cus-bob', ['ai-b-create']],
    ['tenantId=cus-alice', ['ai-a-create', 'ai-a-list-k2', 'ai-a-slack-create']],
    ['isUniversal=true', ['ac-u-create', 'ac-u-ping']],
    ['isUniversal=0', LIVE.slice(2)],
    ['externalAppId=app-1', ['ac-hub-create', 'ai-a-create']],
    ['search=DEALS', ['ac-hub-list', 'ai-a-list-k2']],
    ['search=locked', ['ac-hub-ro']],
    ['layer=connection&integrationKey=hubspot&userId=cus-alice', ['ai-a-create', 'ai-a-list-k2']],
    ['integrationKey=nope', []],
    ['connectionKey=nope', []],
  ])('filters by %s', async (query, expected) => {
    expect(await ids(`/actions?${query}`)).toEqual(expected);
  });

  it.each([
    ['layer=bogus', "Query parameter 'layer' must be one of universal, integration, connection"],
    [
      'isUniversal=maybe',
      `Query parameter 'isUniversal' must be a boolean ("true", "false", "1" or "0")`,
    ],
    ['limit=0', "Query parameter 'limit' must be an integer between 1 and 1000"],
    ['limit=1001', "Query parameter 'limit' must be an integer between 1 and 1000"],
    ['cursor=%21%21', "Query parameter 'cursor' is malformed"],
  ])('rejects %s with a 400', async (query, message) => {
    const res = await call(s, 'GET', `/actions?${query}`);
    expect([res.status, res.json]).toEqual([400, { type: 'bad_request', message }]);
  });

  it('pages exactly as flows do: every action once, cursor only while more follow', async () => {
    for (const limit of [1, 2, 3, 5, 11, 100]) {
      const { ids: walked, pages } = await walk(s, '/actions', limit);
      expect(walked).toEqual(LIVE);
      expect(pages).toBe(Math.ceil(LIVE.length / limit));
    }
    const last = await call(s, 'GET', '/actions?limit=11');
    expect(last.json.cursor).toBeUndefined();
  });

  it('a tenant sees workspace-level actions and its own connection-level ones only', async () => {
    const alice = s.tokens.forTenant('alice');
    expect(await ids('/actions', alice)).toEqual(LIVE.filter((id) => id !== 'ai-b-create'));
    expect(await ids('/actions?userId=cus-bob', alice)).toEqual([]);
    expect(await ids('/actions', s.tokens.forTenant('bob'))).toEqual([
      ...LIVE.slice(0, 7),
      'ai-b-create',
    ]);
  });

  it('GET /connections/{c}/actions lists that connection’s actions; by id or key; 404 for others', async () => {
    expect(await ids('/connections/conn-a-hub/actions')).toEqual(['ai-a-create', 'ai-a-list-k2']);
    expect(await ids('/connections/alice-hub/actions?instanceKey=k2')).toEqual(['ai-a-list-k2']);
    const alice = s.tokens.forTenant('alice');
    expect(await ids('/connections/conn-a-hub/actions', alice)).toEqual([
      'ai-a-create',
      'ai-a-list-k2',
    ]);
    const foreign = await call(s, 'GET', '/connections/conn-b-hub/actions', { token: alice });
    expect([foreign.status, foreign.json]).toEqual([
      404,
      { type: 'bad_request', key: 'not_found', message: "Connection 'conn-b-hub' not found" },
    ]);
  });
});

describe('GET /integrations/{i}/actions[/{a}] (the SDK’s integration-level accessors)', () => {
  it('lists the integration-level actions of that integration and resolves one by key', async () => {
    const hub = ['ac-hub-create', 'ac-hub-list', 'ac-hub-broken', 'ac-hub-ro'];
    expect(await ids('/integrations/hubspot/actions')).toEqual(hub);
    expect(await ids('/integrations/int-hub/actions?search=list')).toEqual(['ac-hub-list']);
    const one = await call(s, 'GET', '/integrations/slack/actions/create-contact');
    expect([one.status, one.json.id]).toEqual([200, 'ac-slack-create']);
    const missing = await call(s, 'GET', '/integrations/nope/actions');
    expect([missing.status, missing.json]).toEqual([
      404,
      { type: 'bad_request', key: 'not_found', message: "Integration 'nope' not found" },
    ]);
  });
});

describe('GET /action-run-logs', () => {
  it('lists logs newest first', async () => {
    expect(await ids('/action-run-logs')).toEqual(['lg-4', 'lg-3', 'lg-2', 'lg-1']);
    const { ids: walked, pages } = await walk(s, '/action-run-logs', 3);
    expect([walked, pages]).toEqual([['lg-4', 'lg-3', 'lg-2', 'lg-1'], 2]);
  });

  it.each([
    ['status=error', ['lg-4', 'lg-2']],
    ['status=success', ['lg-3', 'lg-1']],
    ['connectionId=conn-b-hub', ['lg-2']],
    ['integrationId=int-hub', ['lg-4', 'lg-3', 'lg-2', 'lg-1']],
    ['userId=cus-alice', ['lg-4', 'lg-3', 'lg-1']],
    ['tenantId=cus-bob', ['lg-2']],
    ['actionId=ac-hub-create', ['lg-4', 'lg-2', 'lg-1']],
    ['actionId=ai-a-create', ['lg-4', 'lg-1']],
    ['actionId=ac-u-create', ['lg-4', 'lg-2', 'lg-1']],
    ['universalActionId=ac-u-create', ['lg-4', 'lg-2', 'lg-1']],
    ['integrationActionId=ac-hub-list', ['lg-3']],
    ['connectionActionId=ai-b-create', ['lg-2']],
    ['from=2024-01-01T01:12:00.000Z', ['lg-4', 'lg-3', 'lg-2']],
    ['to=2024-01-01T01:12:00.000Z', ['lg-2', 'lg-1']],
    ['from=2024-01-01T01:11:00Z&to=2024-01-01T01:15:00Z', ['lg-3', 'lg-2']],
    ['status=error&userId=cus-alice', ['lg-4']],
    ['externalAppId=app-1', []],
  ])('filters by %s', async (query, expected) => {
    expect(await ids(`/action-run-logs?${query}`)).toEqual(expected);
  });

  it.each([
    ['status=failed', "Query parameter 'status' must be one of success, error"],
    ['from=yesterday', "Query parameter 'from' must be an ISO date-time"],
    ['to=x', "Query parameter 'to' must be an ISO date-time"],
    ['limit=abc', "Query parameter 'limit' must be an integer between 1 and 1000"],
  ])('rejects %s with a 400', async (query, message) => {
    const res = await call(s, 'GET', `/action-run-logs?${query}`);
    expect([res.status, res.json]).toEqual([400, { type: 'bad_request', message }]);
  });

  it('a tenant sees only its own logs, by list and by id', async () => {
    const alice = s.tokens.forTenant('alice');
    expect(await ids('/action-run-logs', alice)).toEqual(['lg-4', 'lg-3', 'lg-1']);
    expect(await ids('/action-run-logs?connectionId=conn-b-hub', alice)).toEqual([]);
    const own = await call(s, 'GET', '/action-run-logs/lg-1', { token: alice });
    expect([own.status, own.json]).toEqual([200, s.data.actionRunLogs?.[0]]);
    for (const token of [alice, s.tokens.forTenant('carol')]) {
      const foreign = await call(s, 'GET', '/action-run-logs/lg-2', { token });
      expect([foreign.status, foreign.json]).toEqual([
        404,
        { type: 'bad_request', key: 'not_found', message: "Action run log 'lg-2' not found" },
      ]);
    }
    expect((await call(s, 'GET', '/action-run-logs/nope')).status).toBe(404);
  });
});
