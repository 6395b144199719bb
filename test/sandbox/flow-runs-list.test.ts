import { describe, expect, it } from 'vitest';
import { at, ids, post, sandboxPerTest, tokenOf, withRuns } from './flow-runs-helpers.js';
import { call } from './helpers.js';

const start = sandboxPerTest();

describe('GET /flow-runs: filters, order, pagination, tenant scoping', () => {
  it('newest first; every FindFlowRunsQuery filter selects exactly', async () => {
    const s = await start(withRuns());
    const cases: [string, string[]][] = [
      ['', ['r6', 'r5', 'r4', 'r3', 'r2', 'r1']],
      ['state=failed', ['r4', 'r2']],
      ['state=completed&connectionId=conn-a-hub', ['r3', 'r1']],
      ['connectionFlowId=fi-a-sync', ['r2', 'r1']],
      ['integrationFlowId=fl-hub-sync', ['r6', 'r4', 'r2', 'r1']],
      ['universalFlowId=fl-u-sync', ['r6', 'r4', 'r2', 'r1']],
      ['flowId=fl-u-sync', ['r6', 'r4', 'r2', 'r1']],
      ['flowId=fl-hub-send', ['r3']],
      ['flowId=fi-b-sync', ['r6', 'r4']],
      ['integrationId=int-missing', ['r5']],
      ['connectionId=conn-b-hub', ['r6', 'r4']],
      ['externalAppId=app-1', ['r3']],
      ['userId=cus-bob', ['r6', 'r4']],
      ['tenantId=cus-alice', ['r5', 'r3', 'r2', 'r1']],
      [`from=${at(3)}`, ['r6', 'r5', 'r4', 'r3']],
      [`to=${at(3)}`, ['r3', 'r2', 'r1']],
      [`from=${at(3)}&to=${at(4)}`, ['r4', 'r3']],
      ['search=missing', ['r5']],
      ['search=R2', ['r2']],
      ['connectionId=nope', []],
    ];
    for (const [query, expected] of cases) {
      const res = await call(s, 'GET', `/flow-runs?${query}`);
      expect([query, res.status, ids(res)]).toEqual([query, 200, expected]);
    }
  });

  it('pages with the usual limit and cursor; bad values are 400', async () => {
    const s = await start(withRuns());
    const pages: string[][] = [];
    let cursor: string | undefined = '0';
    while (cursor !== undefined) {
      const res = await call(s, 'GET', `/flow-runs?limit=4&cursor=${cursor}`);
      pages.push(ids(res));
      cursor = res.json.cursor;
    }
    expect(pages).toEqual([
      ['r6', 'r5', 'r4', 'r3'],
      ['r2', 'r1'],
    ]);
    for (const query of ['limit=0', 'limit=1001', 'cursor=zzz', 'state=done', 'from=yesterday']) {
      const res = await call(s, 'GET', `/flow-runs?${query}`);
      expect([query, res.status, res.json.type]).toEqual([query, 400, 'bad_request']);
    }
  });

  it('a tenant sees, gets and stops only its own runs', async () => {
    const s = await start(withRuns());
    const alice = tokenOf(s, 'alice');
    const bob = tokenOf(s, 'bob');
    expect(ids(await call(s, 'GET', '/flow-runs', { token: alice }))).toEqual([
      'r5',
      'r3',
      'r2',
      'r1',
    ]);
    expect(ids(await call(s, 'GET', '/flow-runs', { token: bob }))).toEqual(['r6', 'r4']);
    expect(ids(await call(s, 'GET', '/flow-runs?tenantId=cus-bob', { token: alice }))).toEqual([]);
    expect(ids(await call(s, 'GET', '/flow-runs', { token: s.tokens.forTenant('new') }))).toEqual(
      [],
    );
    const foreign = await call(s, 'GET', '/flow-runs/r4', { token: alice });
    expect([foreign.status, foreign.json]).toEqual([
      404,
      { type: 'bad_request', key: 'not_found', message: "Flow run 'r4' not found" },
    ]);
    const fresh = (await post(s, '/flows/fi-b-sync/run', {}, 'bob')).json.id;
    const stop = await call(s, 'POST', `/flow-runs/${fresh}/stop`, { token: alice });
    expect([stop.status, stop.json.key]).toEqual([404, 'not_found']);
    expect((await call(s, 'GET', `/flow-runs/${fresh}`, { token: bob })).json.state).toBe('queued');
    expect(ids(await call(s, 'GET', '/flow-runs?limit=2', { token: bob }))).toEqual([fresh, 'r6']);
    const missing = await call(s, 'GET', '/flow-runs/nope');
    expect([missing.status, missing.json.key]).toEqual([404, 'not_found']);
  });
});
