import type { SandboxData, WireFlow } from '../../src/sandbox/types.js';
import type { SandboxFixtures } from '../ipc.js';
import { pickFixtures } from '../sandbox-fixtures.js';

/** Ids the soak's operations use, from the seed (deterministic), and who may change them. */
export interface SoakFixtures {
  /** Read by the bench scenarios S1–S5 (bench/sandbox-fixtures.ts). */
  bench: SandboxFixtures;
  /** The control reads: resources no mutation touches and no fault reaches. */
  control: { flowId: string; integrationId: string; connectionId: string; userId: string };
  /** Connection-level flows for reads by selector and connection. */
  instances: { id: string; key: string; connectionId: string }[];
  /** Integration-level flows: reads, and `runFlow` on one is refused (only instances run). */
  integrationFlows: string[];
  integrations: { id: string; key: string }[];
  connectionIds: string[];
  userIds: string[];
  /** Connection-level flows the mutation lanes own, one lane each; nothing else reads them. */
  laneFlowIds: string[];
}

const LANES = 8;

const live = (f: { archivedAt?: string; isReadOnly?: boolean }) =>
  f.archivedAt === undefined && f.isReadOnly !== true;

const complete = (f: WireFlow) =>
  live(f) &&
  f.connectionId !== undefined &&
  f.integrationId !== undefined &&
  f.userId !== undefined &&
  f.key !== undefined;

export function pickSoakFixtures(data: SandboxData): SoakFixtures {
  const bench = pickFixtures(data);
  const instances = data.flows.filter(complete);
  const control = instances.at(-1);
  if (control === undefined || instances.length < 20) {
    throw new Error('the sandbox seed has too few connection-level flows for the soak');
  }
  const controlIds = {
    flowId: control.id,
    integrationId: control.integrationId ?? '',
    connectionId: control.connectionId ?? '',
    userId: control.userId ?? '',
  };
  const readInstances = instances.slice(0, 6);
  const taken = new Set([
    control.id,
    bench.instanceFlowId,
    ...bench.flowIds,
    ...readInstances.map((f) => f.id),
  ]);
  // lanes apart from the control's integration and connection, so no write can reach them
  const laneFlowIds = instances
    .filter(
      (f) =>
        !taken.has(f.id) &&
        f.integrationId !== control.integrationId &&
        f.connectionId !== control.connectionId,
    )
    .filter((f, i, all) => all.findIndex((g) => g.connectionId === f.connectionId) === i)
    .slice(0, LANES)
    .map((f) => f.id);
  if (laneFlowIds.length < LANES) {
    throw new Error(`the sandbox seed has ${laneFlowIds.length} flows for ${LANES} lanes`);
  }
  return {
    bench,
    control: controlIds,
    instances: readInstances.map((f) => ({
      id: f.id,
      key: f.key ?? '',
      connectionId: f.connectionId ?? '',
    })),
    integrationFlows: data.flows
      .filter((f) => live(f) && f.connectionId === undefined && f.integrationId !== undefined)
      .slice(0, 4)
      .map((f) => f.id),
    integrations: data.integrations
      .filter(live)
      .slice(0, 5)
      .map((i) => ({ id: i.id, key: i.key ?? '' })),
    connectionIds: data.connections
      .filter(live)
      .slice(0, 6)
      .map((c) => c.id),
    userIds: data.customers.slice(0, 6).map((c) => c.id),
    laneFlowIds,
  };
}
