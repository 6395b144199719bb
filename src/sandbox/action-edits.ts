import { applyPatch, type EditSpec } from './element-edits.js';
import { touch } from './refresh.js';
import type { Store } from './store.js';
import type { WireAction } from './types.js';

const ACTION_TYPES = new Set([
  'list-data-records',
  'find-data-record-by-id',
  'match-data-record',
  'create-data-record',
  'find-or-create-data-record',
  'update-data-record',
  'delete-data-record',
  'search-data-record',
  'connector-operation',
  'api-request-to-external-app',
  'api-request-to-your-app',
  'http-request',
  'run-javascript',
  'api-request',
]);

/** `UpdateActionRequest` = `ActionEditableProperties` + `intent`, all optional (docs/membrane-actions-api.md). */
const ACTION_EDITS: EditSpec<WireAction> = {
  noun: 'Action',
  editable: new Set([
    'uuid',
    'key',
    'name',
    'description',
    'meta',
    'integrationId',
    'integrationUuid',
    'integrationKey',
    'parentId',
    'parentUuid',
    'parentKey',
    'connectionId',
    'instanceKey',
    'isUniversal',
    'externalAppId',
    'externalAppUuid',
    'externalAppKey',
    'inputSchema',
    'type',
    'config',
    'outputMapping',
    'customOutputSchema',
    'intent',
  ]),
  booleans: new Set(['isUniversal']),
  objects: new Set(['meta', 'inputSchema', 'config', 'customOutputSchema']),
  anyValue: new Set(['outputMapping']),
  enums: { type: ACTION_TYPES },
  customizing: ['name', 'config', 'inputSchema', 'outputMapping', 'customOutputSchema'],
  hasParent: (action) => action.parentId !== undefined,
  markCustomized: (action) => {
    action.isCustomized = true;
  },
};

export function applyActionPatch(store: Store, action: WireAction, body: unknown): void {
  applyPatch(ACTION_EDITS, store, action, body);
  // `intent` asks an agent to rebuild the action: the sandbox has none, and it is no field of it.
  delete (action as WireAction & { intent?: unknown }).intent;
}

/** Drops customizations: name, config and schemas come back from the parent action when there is one. */
export function resetAction(store: Store, action: WireAction): void {
  const parent = action.parentId === undefined ? undefined : store.actionById.get(action.parentId);
  if (parent !== undefined) {
    const { config, inputSchema, outputMapping, customOutputSchema } = structuredClone(parent);
    delete action.config;
    delete action.inputSchema;
    delete action.outputMapping;
    delete action.customOutputSchema;
    Object.assign(action, {
      name: parent.name,
      ...(config === undefined ? {} : { config }),
      ...(inputSchema === undefined ? {} : { inputSchema }),
      ...(outputMapping === undefined ? {} : { outputMapping }),
      ...(customOutputSchema === undefined ? {} : { customOutputSchema }),
    });
  }
  action.isCustomized = false;
  touch(store, action);
}
