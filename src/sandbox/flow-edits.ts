import { badRequest } from './http-errors.js';
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
const BOOLEANS = new Set(['isUniversal', 'enabled', 'autoCreateInstances']);
const OBJECTS = new Set(['meta', 'parametersSchema', 'nodes']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkValue(key: string, value: unknown): void {
  const ok = BOOLEANS.has(key)
    ? typeof value === 'boolean'
    : OBJECTS.has(key)
      ? isObject(value)
      : key === 'parameters'
        ? value !== null
        : typeof value === 'string';
  if (!ok) {
    throw badRequest(`Field '${key}' has an invalid value`);
  }
  if (key === 'name' && value === '') {
    throw badRequest(`Field 'name' must not be empty`);
  }
}

/** Applies a PATCH body; name/node edits on a flow with a parent mark it customized. */
export function applyFlowPatch(store: Store, flow: WireFlow, body: unknown): void {
  const patch = body === undefined ? {} : body;
  if (!isObject(patch)) {
    throw badRequest('Request body must be a JSON object');
  }
  const unknown = Object.keys(patch).filter((key) => !EDITABLE.has(key));
  if (unknown.length > 0) {
    throw badRequest(`Unknown field(s) in flow update: ${unknown.join(', ')}`);
  }
  for (const [key, value] of Object.entries(patch)) {
    checkValue(key, value);
  }
  Object.assign(flow, patch);
  const hasParent = flow.flowId !== undefined || flow.universalFlowId !== undefined;
  if (hasParent && ('name' in patch || 'nodes' in patch)) {
    flow.customized = {
      name: flow.customized?.name === true || 'name' in patch,
      nodes: flow.customized?.nodes === true || 'nodes' in patch,
    };
    flow.isCustomized = true;
  }
  touch(store, flow);
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
