import { describe, expect, it, vi } from 'vitest';
import type { WireFlowRun } from '../../src/sandbox/types.js';
import {
  post,
  ran,
  runnable,
  running,
  sandboxPerTest,
  timeline,
  tokenOf,
} from './flow-runs-helpers.js';
import { call } from './helpers.js';

const start = sandboxPerTest();

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
    const s = await start(runnable(), 1);
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
