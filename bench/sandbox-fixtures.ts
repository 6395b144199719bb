import type { SandboxData } from '../src/sandbox/types.js';
import type { SandboxFixtures } from './ipc.js';

const live = <T extends { archivedAt?: string }>(items: readonly T[]): T[] =>
  items.filter((item) => item.archivedAt === undefined);

/** Every `stride`-th live id, `count` of them: spread over the seed, the same on every run. */
function spread<T extends { id: string; archivedAt?: string }>(
  items: readonly T[],
  count: number,
): string[] {
  const pool = live(items);
  if (pool.length < count) {
    throw new Error(`the sandbox seed has ${pool.length} live items, the scenarios need ${count}`);
  }
  const stride = Math.floor(pool.length / count);
  return Array.from({ length: count }, (_, i) => pool[i * stride]?.id ?? '');
}

/** The ids the scenarios read; the seed is deterministic, so these are too. */
export function pickFixtures(data: SandboxData): SandboxFixtures {
  const instance = live(data.flows).find(
    (f) => f.connectionId !== undefined && f.integrationId !== undefined && f.userId !== undefined,
  );
  if (instance === undefined) {
    throw new Error('the sandbox seed has no connection-level flow with integration and user');
  }
  return {
    instanceFlowId: instance.id,
    flowIds: spread(data.flows, 6),
    integrationIds: spread(data.integrations, 5),
    connectionIds: spread(data.connections, 4),
    userIds: spread(data.customers, 3),
  };
}
