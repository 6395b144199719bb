import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSeed } from '../../src/sandbox/seed.js';
import type { SandboxData, WireAction, WireActionRunLog } from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  ACTION_RUN_LOG_SELECTION,
  ACTION_SELECTION,
  expectedAction,
  expectedActionRunLog,
  live,
  one,
} from './wire-fields.js';

/** Values a newer API (or another Membrane-like upstream) could send. */
const FUTURE = { futureField: { nested: [1, 2] }, aiSummary: 'added in 2027' };

function futureData() {
  const data: SandboxData = generateSeed();
  const action = one(
    (data.actions ?? []).filter((a) => a.connectionId && live(a)),
    'a connection-level action',
  );
  Object.assign(action, FUTURE, {
    type: 'run-python',
    state: 'PAUSED',
    errors: [{ message: 'Quantum failure', type: 'quantum', key: 'entangled' }],
  });
  const log = one(data.actionRunLogs ?? [], 'a run log');
  Object.assign(log, FUTURE, { status: 'cancelled', duration: 'slow' });
  return { data, action, log };
}

describe('tolerance of upstream payloads: actions and run logs', () => {
  let gw: TestGateway;
  let action: WireAction;
  let log: WireActionRunLog;
  beforeAll(async () => {
    const future = futureData();
    ({ action, log } = future);
    gw = await startTestGateway({ sandbox: { data: future.data } });
  });
  afterAll(() => gw.close());

  it('an unknown action type, state and error type become null; the rest is intact', async () => {
    const res = await gw.execute(
      `query($s: String!) { action(selector: $s) { ${ACTION_SELECTION} } }`,
      {
        s: action.id,
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      action: {
        ...expectedAction(action),
        type: null,
        state: null,
        errors: [
          {
            message: 'Quantum failure',
            type: null,
            key: 'entangled',
            data: null,
            stack: null,
            logs: null,
            causedByError: null,
          },
        ],
      },
    });
  });

  it('an unknown run status and a duration of the wrong type become null, in a list too', async () => {
    const res = await gw.execute<{ actionRunLogs: { nodes: { id: string }[] } }>(
      `query($id: ID!, $c: ID!) { actionRunLog(id: $id) { ${ACTION_RUN_LOG_SELECTION} }
        actionRunLogs(first: 100, connectionId: $c) { nodes { id status } } }`,
      { id: log.id, c: log.connectionId },
    );
    expect(res.errors).toBeUndefined();
    expect((res.data as Record<string, unknown>).actionRunLog).toEqual({
      ...expectedActionRunLog({ ...log, duration: undefined }),
      status: null,
    });
    expect(res.data?.actionRunLogs.nodes).toContainEqual({ id: log.id, status: null });
  });
});
