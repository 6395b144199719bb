/** The workspace's universal actions: one per kind of thing a product asks of a tenant's app. */
import type { ActionType } from './types.js';

export interface ActionTemplate {
  key: string;
  name: string;
  description: string;
  type: ActionType;
  /** Type-specific config; `collectionKey` is replaced by the integration's own collection. */
  config: Record<string, unknown>;
  inputSchema: Record<string, unknown>;
}

const object = (
  properties: Record<string, unknown>,
  required: string[] = [],
): Record<string, unknown> => ({
  type: 'object',
  properties,
  ...(required.length > 0 ? { required } : {}),
});

const text = { type: 'string' };
const record = { type: 'object' };

export const ACTION_TEMPLATES: readonly ActionTemplate[] = [
  {
    key: 'create-contact',
    name: 'Create Contact',
    description: 'Creates a contact in the connected app.',
    type: 'create-data-record',
    config: { dataSource: { collectionKey: 'contacts' } },
    inputSchema: object({ email: text, name: text }, ['email']),
  },
  {
    key: 'list-contacts',
    name: 'List Contacts',
    description: 'Lists contacts, page by page.',
    type: 'list-data-records',
    config: { dataSource: { collectionKey: 'contacts' } },
    inputSchema: object({ cursor: text, limit: { type: 'integer' } }),
  },
  {
    key: 'find-contact-by-id',
    name: 'Find Contact by ID',
    description: 'Finds one contact by its id in the connected app.',
    type: 'find-data-record-by-id',
    config: { dataSource: { collectionKey: 'contacts' } },
    inputSchema: object({ id: text }, ['id']),
  },
  {
    key: 'update-deal',
    name: 'Update Deal',
    description: 'Updates the fields of a deal.',
    type: 'update-data-record',
    config: { dataSource: { collectionKey: 'deals' } },
    inputSchema: object({ id: text, fields: record }, ['id', 'fields']),
  },
  {
    key: 'search-records',
    name: 'Search Records',
    description: 'Searches records with a text query.',
    type: 'search-data-record',
    config: { dataSource: { collectionKey: 'contacts' } },
    inputSchema: object({ query: text }, ['query']),
  },
  {
    key: 'send-webhook',
    name: 'Send Webhook',
    description: 'Posts a payload to the tenant’s webhook endpoint.',
    type: 'http-request',
    config: { request: { method: 'POST', uri: 'https://hooks.example.com/membrane' } },
    inputSchema: object({ payload: record }, ['payload']),
  },
  {
    key: 'transform-record',
    name: 'Transform Record',
    description: 'Runs custom code over a record.',
    type: 'run-javascript',
    config: { code: 'module.exports = ({ input }) => ({ keys: Object.keys(input.record) })' },
    inputSchema: object({ record }, ['record']),
  },
  {
    key: 'get-current-user',
    name: 'Get Current User',
    description: 'Reads the user the connection is authenticated as.',
    type: 'connector-operation',
    config: { operationKey: 'get-current-user' },
    inputSchema: object({}),
  },
];

/** The integration-specific action every integration has besides its versions of universal ones. */
export function apiRequestTemplate(appKey: string, appName: string): ActionTemplate {
  return {
    key: `${appKey}-api-request`,
    name: `${appName}: API Request`,
    description: `Calls the ${appName} API directly.`,
    type: 'api-request-to-external-app',
    config: { request: { method: 'GET', path: '/me' } },
    inputSchema: object({ path: text, query: record }),
  };
}
