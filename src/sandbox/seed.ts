/**
 * Deterministic seed data for the sandbox: the same `seed` and `scale` always give deep-equal
 * data. At scale 1: 10 integrations, 25 customers, 60 connections and 300 flows (20 universal,
 * 80 integration-level, 200 connection-level), and actions (8 universal, 4–6 per integration,
 * 90 connection-level) with their run logs. `scale` multiplies the counts (not the universal actions).
 */

import { seedActionRunLogs } from './seed-action-run-logs.js';
import { seedActions } from './seed-actions.js';
import { seedConnections } from './seed-connections.js';
import { seedCustomers } from './seed-customers.js';
import { seedFlowRuns } from './seed-flow-runs.js';
import { seedIntegrationFlows, seedUniversalFlows } from './seed-flows.js';
import { seedInstances } from './seed-instances.js';
import { seedIntegrations } from './seed-integrations.js';
import { SeedRandom } from './seed-random.js';
import { seedShowcase, showcaseUniversal } from './seed-showcase.js';
import type { SandboxData, WireFlow } from './types.js';

/** Options of `generateSeed`. */
export interface SeedOptions {
  /** PRNG seed; different seeds give different data. @default 1 */
  seed?: number;
  /** Multiplies every count (0.2 = tiny, 10 = benchmark); small scales keep a minimum. @default 1 */
  scale?: number;
}

export function generateSeed(options: SeedOptions = {}): SandboxData {
  const seed = options.seed ?? 1;
  const scale = options.scale ?? 1;
  if (!Number.isFinite(seed) || !Number.isFinite(scale) || scale < 0) {
    throw new RangeError(`generateSeed: invalid seed ${seed} or scale ${scale}`);
  }
  const rng = new SeedRandom(seed);
  const count = (base: number, min: number): number => Math.max(min, Math.round(base * scale));
  const workspaceKey = rng.uuid();

  const integrations = seedIntegrations(count(10, 4), rng);
  const showcaseIntegration = integrations[integrations.length - 1];
  const { customers, showcaseIndex } = seedCustomers(count(25, 4), rng);
  const showcaseCustomer = customers[showcaseIndex];
  if (!showcaseIntegration || !showcaseCustomer) {
    throw new Error('generateSeed: no room for the showcase');
  }
  const connections = seedConnections(count(60, 6) - 1, customers, integrations, rng);

  const universalCount = count(20, 3);
  const integrationCount = count(80, 6);
  const instanceCount = count(300, 16) - universalCount - integrationCount;
  const universals = seedUniversalFlows(universalCount - 1, rng);
  const integrationFlows = seedIntegrationFlows(
    integrationCount - 2,
    integrations.slice(0, -1),
    universals,
    rng,
  );
  const instances = seedInstances(instanceCount - 1, connections, integrationFlows, rng);
  const live =
    integrations.find((i) => i.integration.hasMissingParameters === true) ?? integrations[0];
  if (!live) {
    throw new Error('generateSeed: no live integration for the showcase');
  }
  const universal = showcaseUniversal(rng);
  const showcase = seedShowcase(showcaseIntegration, live, showcaseCustomer, universal, rng);
  const [, parent, version, instance] = showcase.flows as [WireFlow, WireFlow, WireFlow, WireFlow];

  const data: SandboxData = {
    workspaceKey,
    integrations: integrations.map((item) => item.integration),
    customers,
    connections: [...connections, showcase.connection],
    flows: [
      ...universals.map((item) => item.flow),
      universal,
      ...integrationFlows,
      parent,
      version,
      ...instances,
      instance,
    ],
  };
  const seededInstances = [...instances, instance];
  lazily(data, 'flowRuns', () => seedFlowRuns(seededInstances, seed));
  const actions = seedActions(integrations, data.connections, {
    seed,
    instanceCount: count(90, 8),
  });
  data.actions = actions;
  const seededActions = [...actions];
  const connectionsNow = structuredClone(data.connections);
  lazily(data, 'actionRunLogs', () => seedActionRunLogs(seededActions, connectionsNow, seed));
  return data;
}

/**
 * A run history (`flowRuns`, `actionRunLogs`) is generated on its first read (most sandboxes
 * never list runs), from the seeded elements only: elements created later have no past.
 * Assigning replaces it.
 */
function lazily<K extends 'flowRuns' | 'actionRunLogs'>(
  data: SandboxData,
  key: K,
  make: () => NonNullable<SandboxData[K]>,
): void {
  const settle = (value: SandboxData[K] | undefined): void => {
    Object.defineProperty(data, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  };
  Object.defineProperty(data, key, {
    enumerable: true,
    configurable: true,
    get() {
      const history = make();
      settle(history);
      return history;
    },
    set: settle,
  });
}

/**
 * The connection-level flow that carries every key of the seed page's refresh example (marked
 * `meta.showcase = true`; its customer, connection, integration and parent are fully populated).
 */
export function findFullyPopulatedFlow(data: SandboxData): WireFlow {
  const flow = data.flows.find((f) => f.meta?.showcase === true && f.connectionId !== undefined);
  if (!flow) {
    throw new Error('findFullyPopulatedFlow: the data has no showcase flow');
  }
  return flow;
}
