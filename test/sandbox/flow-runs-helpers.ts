/** Shared pieces of the flow-run tests on the hand-made fixture. */
import { afterEach } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import type { SandboxData, WireFlow, WireFlowRun } from '../../src/sandbox/types.js';
import { fixture } from './fixture.js';
import { type Answer, call, startFixture } from './helpers.js';

export const flowIn = (data: SandboxData, id: string): WireFlow => {
  const found = data.flows.find((f) => f.id === id);
  if (!found) {
    throw new Error(`no flow ${id}`);
  }
  return found;
};

/** The fixture with runnable node chains: fi-a-sync trigger → map → send; k2 has a broken node. */
export function runnable(): SandboxData {
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

/** Registers the cleanup; the returned function starts a fixture sandbox (manual clock by default). */
export function sandboxPerTest(): (data?: SandboxData, stepMs?: number) => Promise<Sandbox> {
  let current: Sandbox | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (data = runnable(), stepMs = 0) => {
    current = await startFixture({ data, flowRunStepMs: stepMs });
    return current;
  };
}

export const tokenOf = (s: Sandbox, who: 'alice' | 'bob' | 'admin'): string =>
  who === 'admin' ? s.tokens.admin : s.tokens.forTenant(who);

export async function post(
  s: Sandbox,
  path: string,
  body: unknown,
  who: 'alice' | 'bob' | 'admin',
) {
  return call(s, 'POST', path, { body: JSON.stringify(body), token: tokenOf(s, who) });
}

/** State, nodes, errors and whether endTime is set, after each of `steps` clock steps. */
export async function timeline(s: Sandbox, id: string, steps: number): Promise<unknown[]> {
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

export const ran = { state: 'completed', runs: 1, erroredRuns: 0, outputs: 1 };
export const running = { state: 'running', runs: 1, erroredRuns: 0, outputs: 0 };
export const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

export const at = (n: number): string => new Date(Date.UTC(2024, 0, 2, 0, n)).toISOString();

export function run(id: string, n: number, flow: string, extra: Partial<WireFlowRun>): WireFlowRun {
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
export function withRuns(): SandboxData {
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

export const ids = (res: Answer): string[] => res.json.items.map((r: { id: string }) => r.id);
