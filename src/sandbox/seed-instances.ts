/** Seeded connection-level flows ("flow instances"): a tenant's copy of an integration flow. */

import { archiveSeeded, configurationError, flowBase } from './seed-flows.js';
import { buildParameters, cloneJson, instanceNodes } from './seed-nodes.js';
import type { SeedRandom } from './seed-random.js';
import type { WireConnection, WireFlow } from './types.js';

const INSTANCE_KEYS = ['primary', 'eu-pipeline', 'marketing', 'backfill'];

/** The instance of `parent` on `connection`; `instanceKey` tells several apart. */
export function makeInstance(
  parent: WireFlow,
  connection: WireConnection,
  instanceKey: string | undefined,
  rng: SeedRandom,
): WireFlow {
  const after = Math.max(Date.parse(connection.createdAt), Date.parse(parent.createdAt ?? ''));
  const customizeName = rng.chance(0.1);
  const customizeNodes = rng.chance(0.2);
  const name = customizeName ? `${parent.name} (${instanceKey ?? 'custom'})` : parent.name;
  const flow = flowBase(rng, after, parent.key ?? '', name);
  if (parent.description && rng.chance(0.5)) {
    flow.description = parent.description;
  }
  flow.integrationId = parent.integrationId ?? '';
  flow.integrationKey = parent.integrationKey ?? '';
  flow.integrationUuid = parent.integrationUuid ?? '';
  flow.parentKey = parent.key ?? '';
  flow.parentUuid = parent.uuid ?? '';
  flow.connectionId = connection.id;
  if (instanceKey !== undefined) {
    flow.instanceKey = instanceKey;
  }
  if (parent.externalAppId) {
    flow.externalAppId = parent.externalAppId;
  }
  flow.flowId = parent.id;
  if (parent.universalFlowId) {
    flow.universalFlowId = parent.universalFlowId;
    flow.universalFlowRevision = parent.universalFlowRevision ?? '';
  }
  flow.flowRevision = parent.revision ?? '';
  const schema = parent.parametersSchema ?? { type: 'object', properties: {} };
  flow.parametersSchema = cloneJson(schema);
  flow.parameters = buildParameters(schema, rng);
  flow.nodes = instanceNodes(parent.nodes ?? {}, customizeNodes, rng);
  flow.userId = connection.userId;
  flow.tenantId = connection.userId;
  const healthy = connection.state === 'READY' && connection.connected === true;
  flow.enabled = healthy ? rng.chance(0.85) : false;
  flow.isCustomized = customizeName || customizeNodes;
  if (flow.isCustomized) {
    flow.customized = { name: customizeName, nodes: customizeNodes };
  }
  if (connection.isDefunct) {
    flow.state = 'SETUP_FAILED';
    flow.errors = [
      { message: 'Connection is defunct', type: 'connection', key: 'connection_is_defunct' },
    ];
  } else if (flow.state === 'READY' && rng.chance(0.04)) {
    flow.state = 'CONFIGURATION_ERROR';
    flow.errors = [configurationError(rng)];
  }
  if (connection.archivedAt || parent.archivedAt) {
    archiveSeeded(flow, connection.archivedAt ?? parent.archivedAt, rng);
  }
  return flow;
}

/**
 * `count` connection-level flows, round-robin over `connections`. A connection first gets one
 * instance of each of its integration's flows; further ones get an `instanceKey`.
 */
export function seedInstances(
  count: number,
  connections: readonly WireConnection[],
  integrationFlows: readonly WireFlow[],
  rng: SeedRandom,
): WireFlow[] {
  const byIntegration = new Map<string, WireFlow[]>();
  for (const flow of integrationFlows) {
    if (flow.archivedAt === undefined && flow.integrationId) {
      const list = byIntegration.get(flow.integrationId) ?? [];
      list.push(flow);
      byIntegration.set(flow.integrationId, list);
    }
  }
  const eligible = connections.filter((c) => byIntegration.has(c.integrationId ?? ''));
  const perPair = new Map<string, number>();
  const out: WireFlow[] = [];
  for (let i = 0; i < count && eligible.length > 0; i += 1) {
    const connection = eligible[i % eligible.length] as WireConnection;
    const parents = byIntegration.get(connection.integrationId ?? '') ?? [];
    const start = rng.int(0, parents.length - 1);
    let parent = parents[start] as WireFlow;
    for (let j = 0; j < parents.length; j += 1) {
      const candidate = parents[(start + j) % parents.length] as WireFlow;
      if (!perPair.has(`${connection.id}/${candidate.id}`)) {
        parent = candidate;
        break;
      }
    }
    const pair = `${connection.id}/${parent.id}`;
    const existing = perPair.get(pair) ?? 0;
    perPair.set(pair, existing + 1);
    let instanceKey: string | undefined;
    if (existing > 0) {
      instanceKey = INSTANCE_KEYS[existing - 1] ?? `instance-${existing + 1}`;
    } else if (rng.chance(0.1)) {
      instanceKey = 'default';
    }
    out.push(makeInstance(parent, connection, instanceKey, rng));
  }
  return out;
}
