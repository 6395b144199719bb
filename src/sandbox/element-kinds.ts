/** Flows and actions, each described once for the shared element machinery (elements.ts). */
import type { ElementKind } from './elements.js';
import {
  actionWithEmbeds,
  flowWithEmbeds,
  universalActionId,
  versionsByUniversalAction,
  versionsByUniversalFlow,
} from './embeds.js';
import { createActionInstance, createInstance } from './instances.js';
import type { Query } from './query.js';
import { resolveElement } from './selectors.js';
import type { Principal, Store } from './store.js';
import type { WireAction, WireFlow } from './types.js';

export const FLOWS: ElementKind<WireFlow> = {
  noun: 'Flow',
  all: (store) => store.data.flows,
  byId: (store, id) => store.flowById.get(id),
  integrationParentId: (flow) => flow.flowId,
  universalId: (flow) => flow.universalFlowId,
  createInstance,
  withEmbeds: (store, flow) => flowWithEmbeds(store, flow),
  pageWithEmbeds: (store, flows) => {
    const versions = versionsByUniversalFlow(store);
    return flows.map((flow) => flowWithEmbeds(store, flow, versions));
  },
};

export const ACTIONS: ElementKind<WireAction> = {
  noun: 'Action',
  all: (store) => store.actions(),
  byId: (store, id) => store.actionById.get(id),
  integrationParentId: (action) =>
    action.connectionId === undefined ? undefined : action.parentId,
  universalId: universalActionId,
  createInstance: createActionInstance,
  withEmbeds: (store, action) => actionWithEmbeds(store, action),
  pageWithEmbeds: (store, actions) => {
    const versions = versionsByUniversalAction(store);
    return actions.map((action) => actionWithEmbeds(store, action, versions));
  },
};

export function resolveFlow(
  store: Store,
  principal: Principal,
  selector: string,
  query: Query,
): WireFlow {
  return resolveElement(FLOWS, store, principal, selector, query);
}

export function resolveAction(
  store: Store,
  principal: Principal,
  selector: string,
  query: Query,
): WireAction {
  return resolveElement(ACTIONS, store, principal, selector, query);
}
