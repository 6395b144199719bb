import { describe, expect, it } from 'vitest';
import { ISO, post, ran, running, sandboxPerTest, timeline, tokenOf } from './flow-runs-helpers.js';
import { call } from './helpers.js';

const start = sandboxPerTest();

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
