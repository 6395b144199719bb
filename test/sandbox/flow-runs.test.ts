import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import type { SandboxData, WireFlow, WireFlowRun } from '../../src/sandbox/types.js';
import { fixture } from './fixture.js';
import { type Answer, call, startFixture } from './helpers.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const flowIn = (data: SandboxData, id: string): WireFlow => {
  const found = data.flows.find((f) => f.id === id);
  if (!found) {
    throw new Error(`no flow ${id}`);
  }
  return found;
};

/** The fixture with runnable node chains: fi-a-sync trigger → map → send; k2 has a broken node. */
function runnable(): SandboxData {
  const data = fixture();
  flowIn(data, 'fi-a-sync').nodes = {
    trigger: { type: 'api-trigger', name: 'Trigger', links: [{ key: 'map' }] },
    map: { type: 'transform-data', name: 'Map', links: [{ key: 'send' }] },
    send: { type: 'api-request-to-your-app', name: 'Send', links: [] },
  };
  flowIn(data, 'fi-a-send-k2').nodes = {
    trigger: { type: 'schedule-trigger', links: [{ key: 'broken' }] },
    broken: {
      type: 'run-action',
      links: [{ key: 'after' }],
      state: 'SETUP_FAILED',
      errors: [{ type: 'configuration', key: 'missing_config', message: 'No action selected' }],
    },
    after: { type: 'filter' },
  };
  return data;
}

const start = async (data = runnable()): Promise<Sandbox> => {
  sandbox = await startFixture({ data, flowRunStepMs: 0 });
  return sandbox;
};

const tokenOf = (s: Sandbox, who: 'alice' | 'bob' | 'admin'): string =>
  who === 'admin' ? s.tokens.admin : s.tokens.forTenant(who);

async function post(s: Sandbox, path: string, body: unknown, who: 'alice' | 'bob' | 'admin') {
  return call(s, 'POST', path, { body: JSON.stringify(body), token: tokenOf(s, who) });
}

/** State, nodes, errors and whether endTime is set, after each of `steps` clock steps. */
async function timeline(s: Sandbox, id: string, steps: number): Promise<unknown[]> {
  const seen: unknown[] = [];
  for (let i = 0; i <= steps; i += 1) {
    if (i > 0) {
      s.flowRuns.step();
    }
    const { json } = await call(s, 'GET', `/flow-runs/${id}`);
    seen.push({
      state: json.state,
      nodes: json.nodes,
      errors: json.errors,
      ended: json.endTime !== undefined,
    });
  }
  return seen;
}

const ran = { state: 'completed', runs: 1, erroredRuns: 0, outputs: 1 };
const running = { state: 'running', runs: 1, erroredRuns: 0, outputs: 0 };
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('starting a run', () => {
  it('POST /flows/{id}/run answers the queued run, stored and listed first', async () => {
    const s = await start();
    const res = await post(
      s,
      '/flows/fi-a-sync/run',
      { input: { id: 7 }, meta: { m: 1 } },
      'alice',
    );
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      id: res.json.id,
      userId: 'cus-alice',
      tenantId: 'cus-alice',
      integrationId: 'int-hub',
      connectionId: 'conn-a-hub',
      name: 'Sync custom',
      connectionFlowId: 'fi-a-sync',
      integrationFlowId: 'fl-hub-sync',
      universalFlowId: 'fl-u-sync',
      flowInstanceId: 'fi-a-sync',
      flowId: 'fl-hub-sync',
      startNodeKey: 'trigger',
      input: { id: 7 },
      state: 'queued',
      startTime: res.json.startTime,
      launchedBy: { type: 'api-trigger' },
      meta: { m: 1 },
    });
    expect(res.json.id).toMatch(/^[0-9a-f]{24}$/);
    expect(res.json.startTime).toMatch(ISO);
    expect(s.data.flowRuns).toEqual([res.json]);
    const list = await call(s, 'GET', '/flow-runs', { token: tokenOf(s, 'alice') });
    expect(list.json).toEqual({ items: [res.json] });
    expect(s.flowRuns.pending()).toBe(1);
  });

  it('the selector and its clarifying params pick the connection-level instance (layer=connection by default)', async () => {
    const s = await start();
    const cases: [string, 'alice' | 'bob' | 'admin', string][] = [
      ['/flows/fl-hub-sync/run?connectionId=conn-b-hub', 'admin', 'fi-b-sync'],
      ['/flows/sync/run?connectionKey=alice-hub', 'alice', 'fi-a-sync'],
      ['/flows/hubspot.sync/run', 'bob', 'fi-b-sync'],
      ['/flows/send/run?integrationKey=hubspot&instanceKey=k2', 'alice', 'fi-a-send-k2'],
    ];
    for (const [path, who, instance] of cases) {
      const res = await post(s, path, undefined, who);
      expect([path, res.status, res.json.connectionFlowId]).toEqual([path, 200, instance]);
    }
  });

  it('a missing instance is created from its integration-level flow, as the API does', async () => {
    const s = await start();
    const before = s.data.flows.length;
    const res = await post(s, '/flows/send/run?integrationKey=hubspot', {}, 'alice');
    expect(res.status).toBe(200);
    const created = s.data.flows.at(-1);
    expect(s.data.flows.length).toBe(before + 1);
    expect([created?.flowId, created?.connectionId, created?.instanceKey]).toEqual([
      'fl-hub-send',
      'conn-a-hub',
      undefined,
    ]);
    expect(res.json.connectionFlowId).toBe(created?.id);
    expect(res.json.externalAppId).toBeUndefined();
  });

  it('nodeKey / startNodeKey choose the start node; the path follows the links from it', async () => {
    const s = await start();
    const byRun = await post(s, '/flows/fi-a-sync/run', { nodeKey: 'map' }, 'admin');
    expect([byRun.json.startNodeKey, byRun.json.launchedBy]).toEqual(['map', undefined]);
    const created = await post(
      s,
      '/flow-runs',
      { flowInstanceId: 'fi-b-sync', startNodeKey: 'trigger', nodeKey: 'nope' },
      'bob',
    );
    expect([created.status, created.json.startNodeKey]).toEqual([200, 'trigger']);
    const deprecated = await post(
      s,
      '/flow-runs',
      { flowInstanceId: 'fi-a-sync', nodeKey: 'send' },
      'alice',
    );
    expect(deprecated.json.startNodeKey).toBe('send');
    expect(await timeline(s, byRun.json.id, 3)).toEqual([
      { state: 'queued', ended: false },
      { state: 'running', nodes: { map: running }, ended: false },
      { state: 'running', nodes: { map: ran, send: running }, ended: false },
      { state: 'completed', nodes: { map: ran, send: ran }, ended: true },
    ]);
  });

  it('answers bad requests and unknown or foreign flows with the Membrane error body', async () => {
    const s = await start();
    const cases: [string, unknown, 'alice' | 'bob' | 'admin', number, object][] = [
      [
        '/flows/fl-hub-sync/run',
        {},
        'admin',
        400,
        {
          type: 'bad_request',
          message:
            "Pass connectionId or connectionKey to select a connection-level instance of flow 'fl-hub-sync'",
        },
      ],
      [
        '/flows/fl-hub-sync/run?layer=integration',
        {},
        'admin',
        400,
        {
          type: 'bad_request',
          message: "Flow 'fl-hub-sync' is not a flow instance: only connection-level flows run",
        },
      ],
      [
        '/flows/fi-a-sync/run',
        {},
        'bob',
        404,
        { type: 'bad_request', key: 'not_found', message: "Flow 'fi-a-sync' not found" },
      ],
      [
        '/flows/fi-a-sync/run',
        { nodeKey: 'nope' },
        'alice',
        400,
        { type: 'bad_request', message: "Node 'nope' not found in flow 'fi-a-sync'" },
      ],
      [
        '/flows/fi-a-sync/run',
        [1],
        'alice',
        400,
        { type: 'bad_request', message: 'Request body must be a JSON object' },
      ],
      [
        '/flows/fi-a-sync/run',
        { meta: 'x' },
        'alice',
        400,
        { type: 'bad_request', message: "Field 'meta' must be an object" },
      ],
      [
        '/flows/fi-a-sync/run',
        { nodeKey: 3 },
        'alice',
        400,
        { type: 'bad_request', message: "Field 'nodeKey' must be a string" },
      ],
      [
        '/flow-runs',
        { input: {} },
        'admin',
        400,
        { type: 'bad_request', message: "Field 'flowInstanceId' is required" },
      ],
      [
        '/flow-runs',
        { flowInstanceId: 'fl-hub-sync' },
        'admin',
        404,
        { type: 'bad_request', key: 'not_found', message: "Flow instance 'fl-hub-sync' not found" },
      ],
      [
        '/flow-runs',
        { flowInstanceId: 'fi-a-sync' },
        'bob',
        404,
        { type: 'bad_request', key: 'not_found', message: "Flow instance 'fi-a-sync' not found" },
      ],
    ];
    for (const [path, body, who, status, error] of cases) {
      const res = await post(s, path, body, who);
      expect([path, res.status, res.json]).toEqual([path, status, error]);
    }
    expect(await call(s, 'DELETE', '/flows/fi-b-sync')).toMatchObject({ status: 200 });
    const archived = await post(s, '/flows/fi-b-sync/run', {}, 'bob');
    expect([archived.status, archived.json]).toEqual([
      400,
      { type: 'bad_request', message: "Flow instance 'fi-b-sync' is archived and cannot run" },
    ]);
    expect(s.data.flowRuns ?? []).toEqual([]);
  });
});

describe('the run clock', () => {
  it('queued → running node by node → completed, exactly one step at a time', async () => {
    const s = await start();
    const { json } = await post(s, '/flows/fi-a-sync/run', {}, 'alice');
    expect(await timeline(s, json.id, 5)).toEqual([
      { state: 'queued', ended: false },
      { state: 'running', nodes: { trigger: running }, ended: false },
      { state: 'running', nodes: { trigger: ran, map: running }, ended: false },
      { state: 'running', nodes: { trigger: ran, map: ran, send: running }, ended: false },
      { state: 'completed', nodes: { trigger: ran, map: ran, send: ran }, ended: true },
      { state: 'completed', nodes: { trigger: ran, map: ran, send: ran }, ended: true },
    ]);
    const done = s.data.flowRuns?.[0] as WireFlowRun;
    expect(done.endTime !== undefined && done.endTime > done.startTime).toBe(true);
    expect(s.flowRuns.pending()).toBe(0);
  });

  it('a flow with a configuration error fails at its first node with the flow errors', async () => {
    const s = await start();
    const refreshed = await call(s, 'POST', '/flows/fi-a-missing/refresh');
    expect(refreshed.json.state).toBe('CONFIGURATION_ERROR');
    const { json } = await post(s, '/flows/fi-a-missing/run', {}, 'alice');
    const errors = [
      {
        type: 'configuration',
        key: 'missing_parameters',
        message: "Integration 'missing' has missing parameters",
      },
    ];
    expect(await timeline(s, json.id, 3)).toEqual([
      { state: 'queued', ended: false },
      { state: 'running', nodes: { trigger: running }, ended: false },
      {
        state: 'failed',
        nodes: { trigger: { state: 'failed', runs: 1, erroredRuns: 1, outputs: 0 } },
        errors,
        ended: true,
      },
      {
        state: 'failed',
        nodes: { trigger: { state: 'failed', runs: 1, erroredRuns: 1, outputs: 0 } },
        errors,
        ended: true,
      },
    ]);
  });

  it('a node whose setup failed fails the run there; the nodes after it never run', async () => {
    const s = await start();
    const { json } = await post(s, '/flow-runs', { flowInstanceId: 'fi-a-send-k2' }, 'admin');
    expect(json.launchedBy).toEqual({ type: 'schedule-trigger' });
    expect(await timeline(s, json.id, 3)).toEqual([
      { state: 'queued', ended: false },
      { state: 'running', nodes: { trigger: running }, ended: false },
      { state: 'running', nodes: { trigger: ran, broken: running }, ended: false },
      {
        state: 'failed',
        nodes: {
          trigger: ran,
          broken: { state: 'failed', runs: 1, erroredRuns: 1, outputs: 0 },
        },
        errors: [{ type: 'configuration', key: 'missing_config', message: 'No action selected' }],
        ended: true,
      },
    ]);
  });

  it('one run per connection at a time: the next one waits queued, other connections run', async () => {
    const s = await start();
    const first = (await post(s, '/flows/fi-a-sync/run', {}, 'alice')).json.id;
    const second = (await post(s, '/flow-runs', { flowInstanceId: 'fi-a-sync' }, 'alice')).json.id;
    const other = (await post(s, '/flows/fi-b-sync/run', {}, 'bob')).json.id;
    const states: string[][] = [];
    for (let i = 0; i < 9; i += 1) {
      s.flowRuns.step();
      const each = await Promise.all(
        [first, second, other].map(async (id) => (await call(s, 'GET', `/flow-runs/${id}`)).json),
      );
      states.push(each.map((run) => run.state));
    }
    expect(states).toEqual([
      ['running', 'queued', 'running'],
      ['running', 'queued', 'completed'],
      ['running', 'queued', 'completed'],
      ['completed', 'running', 'completed'],
      ['completed', 'running', 'completed'],
      ['completed', 'running', 'completed'],
      ['completed', 'completed', 'completed'],
      ['completed', 'completed', 'completed'],
      ['completed', 'completed', 'completed'],
    ]);
  });

  it('moves on its own with a real-time step (the default mode)', async () => {
    sandbox = await startFixture({ data: runnable(), flowRunStepMs: 1 });
    const s = sandbox;
    const { json } = await post(s, '/flows/fi-a-sync/run', {}, 'alice');
    await vi.waitFor(async () => {
      expect((await call(s, 'GET', `/flow-runs/${json.id}`)).json.state).toBe('completed');
    });
    expect(s.flowRuns.pending()).toBe(0);
  });
});

describe('stop', () => {
  it('ends a running run as stopped (204, empty) where it is; a finished run cannot be stopped', async () => {
    const s = await start();
    const { json } = await post(s, '/flows/fi-a-sync/run', {}, 'alice');
    s.flowRuns.step(2);
    const stopped = await call(s, 'POST', `/flow-runs/${json.id}/stop`, {
      token: tokenOf(s, 'alice'),
    });
    expect([stopped.status, stopped.text]).toEqual([204, '']);
    s.flowRuns.step(3);
    const after = (await call(s, 'GET', `/flow-runs/${json.id}`)).json;
    expect([after.state, after.nodes, after.endTime > after.startTime]).toEqual([
      'stopped',
      { trigger: ran, map: { state: 'stopped', runs: 1, erroredRuns: 0, outputs: 0 } },
      true,
    ]);
    const again = await call(s, 'POST', `/flow-runs/${json.id}/stop`);
    expect([again.status, again.json]).toEqual([
      400,
      {
        type: 'bad_request',
        message: `Flow run '${json.id}' is already stopped and cannot be stopped`,
      },
    ]);
  });

  it('ends a queued run without nodes, and a completed run answers 400', async () => {
    const s = await start();
    const done = (await post(s, '/flows/fi-b-sync/run', {}, 'bob')).json.id;
    const busy = (await post(s, '/flows/fi-a-sync/run', {}, 'alice')).json.id;
    const queued = (await post(s, '/flows/fi-a-sync/run', {}, 'alice')).json.id;
    s.flowRuns.step(2);
    expect((await call(s, 'GET', `/flow-runs/${busy}`)).json.state).toBe('running');
    const res = await call(s, 'POST', `/flow-runs/${queued}/stop`);
    expect(res.status).toBe(204);
    expect(await timeline(s, queued, 0)).toEqual([{ state: 'stopped', ended: true }]);
    const late = await call(s, 'POST', `/flow-runs/${done}/stop`);
    expect([late.status, late.json.message]).toEqual([
      400,
      `Flow run '${done}' is already completed and cannot be stopped`,
    ]);
  });
});

const at = (n: number): string => new Date(Date.UTC(2024, 0, 2, 0, n)).toISOString();

function run(id: string, n: number, flow: string, extra: Partial<WireFlowRun>): WireFlowRun {
  return {
    id,
    userId: 'cus-alice',
    tenantId: 'cus-alice',
    integrationId: 'int-hub',
    connectionId: 'conn-a-hub',
    name: 'Sync',
    connectionFlowId: flow,
    integrationFlowId: 'fl-hub-sync',
    universalFlowId: 'fl-u-sync',
    startNodeKey: 'trigger',
    state: 'completed',
    startTime: at(n),
    endTime: at(n + 1),
    nodes: { trigger: { state: 'completed', runs: 1, erroredRuns: 0, outputs: 1 } },
    ...extra,
  };
}

/** Six hand-made runs (r1 oldest … r6 newest) over two tenants, three connections. */
function withRuns(): SandboxData {
  const bob = { userId: 'cus-bob', tenantId: 'cus-bob', connectionId: 'conn-b-hub' };
  const failed = {
    state: 'failed' as const,
    errors: [{ type: 'flow_run', message: 'boom' }],
  };
  return {
    ...runnable(),
    flowRuns: [
      run('r1', 1, 'fi-a-sync', {}),
      run('r2', 2, 'fi-a-sync', failed),
      run('r3', 3, 'fi-a-send-k2', {
        name: 'Send',
        integrationFlowId: 'fl-hub-send',
        universalFlowId: undefined,
        externalAppId: 'app-1',
      }),
      run('r4', 4, 'fi-b-sync', { ...bob, ...failed }),
      run('r5', 5, 'fi-a-missing', {
        state: 'stopped',
        name: 'Missing flow',
        integrationId: 'int-missing',
        connectionId: 'conn-a-missing',
        integrationFlowId: 'fl-missing-send',
        universalFlowId: undefined,
      }),
      run('r6', 6, 'fi-b-sync', bob),
    ].map((r) => JSON.parse(JSON.stringify(r)) as WireFlowRun),
  };
}

const ids = (res: Answer): string[] => res.json.items.map((r: { id: string }) => r.id);

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
