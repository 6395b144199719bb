import { applyPatch, type EditSpec } from './element-edits.js';
import { touch } from './refresh.js';
import type { Store } from './store.js';
import type { WireFlow } from './types.js';

/** `UpdateFlowRequest` = `FlowEditableProperties` (membrane-api.md §3.1); anything else is a 400. */
const EDITABLE = new Set([
  'uuid',
  'key',
  'name',
  'description',
  'meta',
  'integrationId',
  'integrationUuid',
  'integrationKey',
  'parentUuid',
  'parentKey',
  'connectionId',
  'instanceKey',
  'isUniversal',
  'externalAppId',
  'externalAppUuid',
  'externalAppKey',
  'flowId',
  'universalFlowId',
  'parametersSchema',
  'parameters',
  'enabled',
  'nodes',
  'autoCreateInstances',
]);

const FLOW_EDITS: EditSpec<WireFlow> = {
  noun: 'Flow',
  editable: EDITABLE,
  booleans: new Set(['isUniversal', 'enabled', 'autoCreateInstances']),
  objects: new Set(['meta', 'parametersSchema', 'nodes']),
  anyValue: new Set(['parameters']),
  customizing: ['name', 'nodes'],
  hasParent: (flow) => flow.flowId !== undefined || flow.universalFlowId !== undefined,
  markCustomized: (flow, keys) => {
    flow.customized = {
      name: flow.customized?.name === true || keys.includes('name'),
      nodes: flow.customized?.nodes === true || keys.includes('nodes'),
    };
    flow.isCustomized = true;
  },
};

/** Applies a PATCH body; name/node edits on a flow with a parent mark it customized. */
export function applyFlowPatch(store: Store, flow: WireFlow, body: unknown): void {
  applyPatch(FLOW_EDITS, store, flow, body);
}

/** Drops customizations: name and nodes come back from the parent flow when there is one. */
export function resetFlow(store: Store, flow: WireFlow): void {
  const parentId = flow.flowId ?? flow.universalFlowId;
  const parent = parentId === undefined ? undefined : store.flowById.get(parentId);
  if (parent !== undefined) {
    flow.name = parent.name;
    flow.nodes = structuredClone(parent.nodes ?? {});
    if (parent.revision !== undefined && flow.flowId !== undefined) {
      flow.flowRevision = parent.revision;
    }
  }
  flow.isCustomized = false;
  flow.customized = { name: false, nodes: false };
  touch(store, flow);
}
