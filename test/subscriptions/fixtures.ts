import type { SandboxData, WireFlow } from '../../src/sandbox/types.js';
import type { TestGateway } from '../support/gateway.js';
import type { LiveResult, LiveStream } from './clients.js';

/** Live, READY connection-level flows with nodes to run, one per connection, in seed order. */
export function runnableFlows(data: SandboxData): WireFlow[] {
  const seen = new Set<string>();
  return data.flows.filter((f) => {
    const ok =
      f.connectionId !== undefined &&
      f.archivedAt === undefined &&
      f.state === 'READY' &&
      !f.isReadOnly &&
      Object.keys(f.nodes ?? {}).length > 0 &&
      !seen.has(f.connectionId);
    if (ok && f.connectionId) {
      seen.add(f.connectionId);
    }
    return ok;
  });
}

/** A flow whose run fails at its second node with the node's errors. */
export function breakFlow(flow: WireFlow): void {
  flow.nodes = {
    trigger: { type: 'api-trigger', name: 'Trigger', links: [{ key: 'broken' }] },
    broken: {
      type: 'run-action',
      name: 'Broken',
      state: 'SETUP_FAILED',
      errors: [{ type: 'configuration', key: 'missing_config', message: 'No action selected' }],
    },
  };
}

/** Finishes every unfinished run on the sandbox's clock (runs of one connection queue). */
export function finishRuns(gw: TestGateway): void {
  while (gw.sandbox.flowRuns.pending() > 0) {
    gw.sandbox.flowRuns.step();
  }
}

/** Starts a run through the gateway (admin fallback); its id. */
export async function runFlow(gw: TestGateway, flowId: string): Promise<string> {
  const res = await gw.execute<{ runFlow: { id: string } }>(
    'mutation($s: String!) { runFlow(selector: $s) { id } }',
    { s: flowId },
  );
  if (!res.data?.runFlow) {
    throw new Error(`runFlow failed: ${JSON.stringify(res.errors)}`);
  }
  return res.data.runFlow.id;
}

export const RUN_SUBSCRIPTION = `subscription($id: ID!) {
  flowRun(id: $id) { id state endTime errors { message type key } nodes { key state } }
}`;

export interface RunShape {
  id: string;
  state: string;
  endTime: string | null;
  errors: { message: string; type: string; key: string }[] | null;
  nodes: { key: string; state: string }[] | null;
}

/**
 * Reads a run's stream to its end, moving the sandbox's clock one step after each update (each
 * step changes the run, so each step is one update): the runs it saw, in order.
 */
export async function followRun(
  gw: TestGateway,
  stream: LiveStream<{ flowRun: RunShape }>,
): Promise<RunShape[]> {
  const seen: RunShape[] = [];
  for (let r = await stream.next(); r !== undefined; r = await stream.next()) {
    expectNoErrors(r);
    const run = r.data?.flowRun as RunShape;
    seen.push(run);
    gw.sandbox.flowRuns.step();
  }
  return seen;
}

export function expectNoErrors(result: LiveResult<unknown>): void {
  if (result.errors) {
    throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  }
}

/** Consecutive repeats folded: RUNNING, RUNNING → RUNNING. */
export const distinctInOrder = (values: string[]): string[] =>
  values.filter((v, i) => i === 0 || values[i - 1] !== v);
