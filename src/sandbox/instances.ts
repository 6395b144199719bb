import { Store } from './store.js';
import type { WireAction, WireConnection, WireFlow, WireLayeredElement } from './types.js';

/** What every connection-level copy takes from its parent and its connection. */
function instanceBase(
  store: Store,
  parent: WireLayeredElement,
  connection: WireConnection,
  instanceKey: string | undefined,
): WireLayeredElement {
  const now = Store.later(undefined);
  return {
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
  };
}

/** Creates the connection-level instance of an integration-level flow, like the real API does. */
export function createInstance(
  store: Store,
  parent: WireFlow,
  connection: WireConnection,
  instanceKey: string | undefined,
): WireFlow {
  const instance: WireFlow = {
    ...instanceBase(store, parent, connection, instanceKey),
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

/**
 * Creates the connection-level instance of an integration-level action (an "action instance").
 * A parent that cannot be set up gives an instance that cannot either: its state and errors.
 */
export function createActionInstance(
  store: Store,
  parent: WireAction,
  connection: WireConnection,
  instanceKey: string | undefined,
): WireAction {
  const instance: WireAction = {
    ...instanceBase(store, parent, connection, instanceKey),
    parentId: parent.id,
    ...(parent.parentId === undefined ? {} : { universalParentId: parent.parentId }),
    userId: connection.userId,
    tenantId: connection.userId,
    ...(parent.type === undefined ? {} : { type: parent.type }),
    ...(parent.config === undefined ? {} : { config: structuredClone(parent.config) }),
    ...(parent.inputSchema === undefined
      ? {}
      : { inputSchema: structuredClone(parent.inputSchema) }),
    ...(parent.outputSchema === undefined
      ? {}
      : { outputSchema: structuredClone(parent.outputSchema) }),
    isCustomized: false,
  };
  if (parent.state !== undefined && parent.state !== 'READY') {
    instance.state = parent.state;
    instance.errors = structuredClone(parent.errors ?? []);
  }
  store.actions().push(instance);
  return instance;
}
