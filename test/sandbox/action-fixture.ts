import type { SandboxData, WireAction, WireActionRunLog } from '../../src/sandbox/types.js';
import { fixture } from './fixture.js';

const at = (n: number): string => new Date(Date.UTC(2024, 0, 1, 0, n)).toISOString();

const CREATE_INPUT = {
  type: 'object',
  properties: { email: { type: 'string' }, name: { type: 'string' } },
  required: ['email'],
};

function action(id: string, n: number, extra: Partial<WireAction>): WireAction {
  return {
    id,
    name: `Action ${id}`,
    state: 'READY',
    revision: `r-${id}`,
    createdAt: at(n),
    updatedAt: at(n),
    ...extra,
  };
}

const contacts = { dataSource: { collectionKey: 'contacts' } };

/** The hand-made fixture plus actions of every layer and a small run history. */
export function actionFixture(): SandboxData {
  const actions: WireAction[] = [
    action('ac-u-create', 40, {
      key: 'create-contact',
      name: 'Create Contact',
      isUniversal: true,
      type: 'create-data-record',
      config: contacts,
      inputSchema: CREATE_INPUT,
    }),
    action('ac-u-ping', 41, {
      key: 'ping',
      name: 'Ping',
      isUniversal: true,
      type: 'http-request',
      config: { request: { method: 'GET', uri: 'https://example.com/ping' } },
    }),
    action('ac-hub-create', 42, {
      key: 'create-contact',
      name: 'Create Contact',
      integrationId: 'int-hub',
      integrationKey: 'hubspot',
      parentId: 'ac-u-create',
      externalAppId: 'app-1',
      type: 'create-data-record',
      config: contacts,
      inputSchema: CREATE_INPUT,
    }),
    action('ac-slack-create', 43, {
      key: 'create-contact',
      name: 'Create Contact',
      integrationId: 'int-slack',
      integrationKey: 'slack',
      parentId: 'ac-u-create',
      type: 'create-data-record',
      config: { dataSource: { collectionKey: 'users' } },
      inputSchema: CREATE_INPUT,
    }),
    action('ac-hub-list', 44, {
      key: 'list-deals',
      name: 'List Deals',
      integrationId: 'int-hub',
      integrationKey: 'hubspot',
      type: 'list-data-records',
      config: { dataSource: { collectionKey: 'deals' } },
    }),
    action('ac-hub-broken', 45, {
      key: 'broken',
      name: 'Broken',
      integrationId: 'int-hub',
      integrationKey: 'hubspot',
      type: 'update-data-record',
      state: 'CONFIGURATION_ERROR',
      errors: [
        {
          type: 'configuration',
          key: 'missing_config',
          message: 'Action config has no data collection selected',
        },
      ],
    }),
    action('ac-hub-ro', 46, {
      key: 'locked-action',
      name: 'Locked',
      integrationId: 'int-hub',
      integrationKey: 'hubspot',
      type: 'run-javascript',
      isReadOnly: true,
    }),
    action('ac-old', 47, {
      key: 'old-action',
      name: 'Old',
      integrationId: 'int-old',
      integrationKey: 'old',
      type: 'connector-operation',
      archivedAt: at(60),
    }),
    action('ai-a-create', 50, {
      key: 'create-contact',
      name: 'Create Contact (alice)',
      integrationId: 'int-hub',
      integrationKey: 'hubspot',
      connectionId: 'conn-a-hub',
      parentId: 'ac-hub-create',
      universalParentId: 'ac-u-create',
      externalAppId: 'app-1',
      userId: 'cus-alice',
      tenantId: 'cus-alice',
      type: 'create-data-record',
      config: contacts,
      inputSchema: CREATE_INPUT,
      isCustomized: true,
    }),
    action('ai-b-create', 51, {
      key: 'create-contact',
      name: 'Create Contact',
      integrationId: 'int-hub',
      integrationKey: 'hubspot',
      connectionId: 'conn-b-hub',
      parentId: 'ac-hub-create',
      universalParentId: 'ac-u-create',
      userId: 'cus-bob',
      tenantId: 'cus-bob',
      type: 'create-data-record',
      config: contacts,
      inputSchema: CREATE_INPUT,
    }),
    action('ai-a-list-k2', 52, {
      key: 'list-deals',
      name: 'List Deals',
      integrationId: 'int-hub',
      integrationKey: 'hubspot',
      connectionId: 'conn-a-hub',
      parentId: 'ac-hub-list',
      instanceKey: 'k2',
      userId: 'cus-alice',
      tenantId: 'cus-alice',
      type: 'list-data-records',
      config: { dataSource: { collectionKey: 'deals' } },
    }),
    action('ai-a-slack-create', 53, {
      key: 'create-contact',
      name: 'Create Contact',
      integrationId: 'int-slack',
      integrationKey: 'slack',
      connectionId: 'conn-a-slack',
      parentId: 'ac-slack-create',
      universalParentId: 'ac-u-create',
      userId: 'cus-alice',
      tenantId: 'cus-alice',
      type: 'create-data-record',
      config: { dataSource: { collectionKey: 'users' } },
      inputSchema: CREATE_INPUT,
    }),
  ];
  const log = (
    id: string,
    n: number,
    instance: string,
    extra: Partial<WireActionRunLog>,
  ): WireActionRunLog => {
    const a = actions.find((x) => x.id === instance) as WireAction;
    return {
      id,
      userId: a.userId ?? '',
      tenantId: a.userId ?? '',
      name: a.name,
      ...(a.universalParentId === undefined ? {} : { universalActionId: a.universalParentId }),
      integrationActionId: a.parentId ?? '',
      connectionActionId: a.id,
      integrationId: a.integrationId ?? '',
      connectionId: a.connectionId ?? '',
      input: { email: `${id}@example.com` },
      status: 'success',
      createdAt: at(n),
      completedAt: at(n + 1),
      duration: 60_000,
      ...extra,
    };
  };
  const actionRunLogs: WireActionRunLog[] = [
    log('lg-1', 70, 'ai-a-create', { output: { id: 'contacts_1' } }),
    log('lg-2', 72, 'ai-b-create', {
      status: 'error',
      error: { type: 'connection', key: 'access_token_expired', message: 'Access token expired' },
    }),
    log('lg-3', 74, 'ai-a-list-k2', { input: {}, output: { records: [] } }),
    log('lg-4', 76, 'ai-a-create', {
      status: 'error',
      error: { type: 'action_run', message: 'The external app answered 422' },
    }),
  ];
  return { ...fixture(), actions, actionRunLogs };
}
