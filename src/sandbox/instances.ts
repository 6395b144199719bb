import { Store } from './store.js';
import type { WireConnection, WireFlow } from './types.js';

/** Creates the connection-level instance of an integration-level flow, like the real API does. */
export function createInstance(
  store: Store,
  parent: WireFlow,
  connection: WireConnection,
  instanceKey: string | undefined,
): WireFlow {
  const now = Store.later(undefined);
  const instance: WireFlow = {
    id: store.newId(),
    name: parent.name,
    ...(parent.key === undefined ? {} : { key: parent.key }),
    ...(parent.description === undefined ? {} : { description: parent.description }),
    state: 'READY',
    revision: store.newRevision(),
    createdAt: now,
    updatedAt: now,
    integrationId: connection.integrationId ?? parent.integrationId ?? '',
    ...(parent.integrationKey === undefined ? {} : { integrationKey: parent.integrationKey }),
    connectionId: connection.id,
    ...(instanceKey === undefined ? {} : { instanceKey }),
    flowId: parent.id,
    ...(parent.universalFlowId === undefined ? {} : { universalFlowId: parent.universalFlowId }),
    userId: connection.userId,
    tenantId: connection.userId,
    enabled: false,
    parameters: {},
    nodes: structuredClone(parent.nodes ?? {}),
    isCustomized: false,
    customized: { name: false, nodes: false },
    ...(parent.revision === undefined ? {} : { flowRevision: parent.revision }),
  };
  const universal =
    parent.universalFlowId === undefined ? undefined : store.flowById.get(parent.universalFlowId);
  if (universal?.revision !== undefined) {
    instance.universalFlowRevision = universal.revision;
  }
  store.data.flows.push(instance);
  return instance;
}
