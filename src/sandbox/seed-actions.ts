/**
 * Seeded actions of every layer: universal ones from the templates, each integration's versions
 * of some of them plus one integration-specific action, and tenants' connection-level copies.
 * A few carry a configuration error; one is read-only. Drawn from their own PRNG stream, so the
 * rest of the seed is the same with or without them.
 */
import { outputSchemaOf } from './action-outputs.js';
import {
  ACTION_TEMPLATES,
  type ActionTemplate,
  apiRequestTemplate,
} from './seed-action-templates.js';
import { archiveSeeded } from './seed-flows.js';
import type { SeededIntegration } from './seed-integrations.js';
import { DATE_MAX, DATE_MIN, iso, SeedRandom } from './seed-random.js';
import type { ErrorData, WireAction, WireConnection } from './types.js';

const DAY = 86_400_000;

const CONFIGURATION_ERRORS: readonly ErrorData[] = [
  {
    message: 'Action config has no data collection selected',
    type: 'configuration',
    key: 'missing_config',
  },
  {
    message: 'Field mapping references an unknown field: email',
    type: 'configuration',
    key: 'invalid_field_mapping',
  },
  {
    message: 'Dependency field mapping is archived',
    type: 'dependency_error',
    key: 'dependency_archived',
  },
];

function base(rng: SeedRandom, createdAfter: number, key: string, name: string): WireAction {
  const created = rng.timeBetween(createdAfter, Math.max(createdAfter, DATE_MAX - 90 * DAY), 1.5);
  return {
    id: rng.objectId(created),
    name,
    uuid: rng.uuid(),
    key,
    state: 'READY',
    revision: rng.hex(12),
    createdAt: iso(created),
    updatedAt: iso(rng.timeBetween(created, DATE_MAX, 2.5)),
  };
}

function withConfig(template: ActionTemplate, collection: string): Record<string, unknown> {
  const config = structuredClone(template.config);
  if (config.dataSource !== undefined) {
    config.dataSource = { collectionKey: collection };
  }
  return config;
}

function universal(template: ActionTemplate, key: string, rng: SeedRandom): WireAction {
  const action = base(rng, DATE_MIN, key, template.name);
  action.description = template.description;
  action.isUniversal = true;
  action.type = template.type;
  action.config = structuredClone(template.config);
  action.inputSchema = structuredClone(template.inputSchema);
  action.outputSchema = outputSchemaOf(template.type);
  return action;
}

function integrationLevel(
  seeded: SeededIntegration,
  template: ActionTemplate,
  parent: WireAction | undefined,
  rng: SeedRandom,
): WireAction {
  const { integration, app } = seeded;
  const after = Math.max(
    Date.parse(integration.createdAt ?? ''),
    Date.parse(parent?.createdAt ?? '') || 0,
  );
  const action = base(rng, after, parent?.key ?? template.key, parent?.name ?? template.name);
  action.description = template.description;
  action.integrationId = integration.id;
  action.integrationKey = integration.key ?? app.key;
  if (integration.uuid !== undefined) {
    action.integrationUuid = integration.uuid;
  }
  if (integration.externalAppId !== undefined) {
    action.externalAppId = integration.externalAppId;
  }
  if (parent !== undefined) {
    action.parentId = parent.id;
    action.parentKey = parent.key ?? template.key;
    action.parentUuid = parent.uuid ?? '';
  }
  const wanted = String((template.config.dataSource as { collectionKey?: string })?.collectionKey);
  const collection = app.collections.includes(wanted) ? wanted : (app.collections[0] ?? wanted);
  action.type = template.type;
  action.config = withConfig(template, collection);
  action.inputSchema = structuredClone(template.inputSchema);
  action.outputSchema = outputSchemaOf(template.type);
  action.isCustomized = false;
  if (integration.archivedAt !== undefined) {
    archiveSeeded(action, integration.archivedAt, rng);
  }
  return action;
}

function connectionLevel(
  parent: WireAction,
  connection: WireConnection,
  instanceKey: string | undefined,
  rng: SeedRandom,
): WireAction {
  const after = Math.max(Date.parse(connection.createdAt), Date.parse(parent.createdAt ?? ''));
  const customized = rng.chance(0.2);
  const name = customized ? `${parent.name} (${instanceKey ?? 'custom'})` : parent.name;
  const action = base(rng, after, parent.key ?? '', name);
  if (parent.description !== undefined) {
    action.description = parent.description;
  }
  action.integrationId = parent.integrationId ?? '';
  action.integrationKey = parent.integrationKey ?? '';
  if (parent.externalAppId !== undefined) {
    action.externalAppId = parent.externalAppId;
  }
  action.parentId = parent.id;
  action.parentKey = parent.key ?? '';
  action.parentUuid = parent.uuid ?? '';
  if (parent.parentId !== undefined) {
    action.universalParentId = parent.parentId;
  }
  action.connectionId = connection.id;
  if (instanceKey !== undefined) {
    action.instanceKey = instanceKey;
  }
  action.userId = connection.userId;
  action.tenantId = connection.userId;
  if (parent.type !== undefined) {
    action.type = parent.type;
  }
  action.config = structuredClone(parent.config ?? {});
  action.inputSchema = structuredClone(parent.inputSchema ?? {});
  action.outputSchema = structuredClone(parent.outputSchema ?? {});
  action.isCustomized = customized;
  if (parent.state !== 'READY' && parent.errors !== undefined) {
    action.state = parent.state;
    action.errors = structuredClone(parent.errors);
  }
  if (connection.isDefunct === true) {
    action.state = 'SETUP_FAILED';
    action.errors = [
      { message: 'Connection is defunct', type: 'connection', key: 'connection_is_defunct' },
    ];
  }
  if (connection.archivedAt !== undefined || parent.archivedAt !== undefined) {
    archiveSeeded(action, connection.archivedAt ?? parent.archivedAt, rng);
  }
  return action;
}

function breakSome(actions: WireAction[], count: number, rng: SeedRandom): void {
  const live = actions.filter((a) => a.archivedAt === undefined && a.state === 'READY');
  for (const index of rng.sampleIndexes(0, live.length, count)) {
    const action = live[index];
    if (action !== undefined) {
      action.state = 'CONFIGURATION_ERROR';
      action.errors = [structuredClone(rng.pick(CONFIGURATION_ERRORS))];
    }
  }
}

export interface SeedActionsOptions {
  seed: number;
  /** How many connection-level actions to aim for. */
  instanceCount: number;
}

/** Universal first, then integration-level, then connection-level; each in creation order. */
export function seedActions(
  integrations: readonly SeededIntegration[],
  connections: readonly WireConnection[],
  options: SeedActionsOptions,
): WireAction[] {
  const rng = new SeedRandom(options.seed + 0xac7);
  const universals = ACTION_TEMPLATES.map((template) => universal(template, template.key, rng));
  const integrationActions: WireAction[] = [];
  for (const seeded of integrations) {
    const picks = rng.sampleIndexes(0, universals.length, rng.int(3, 5));
    for (const index of picks.sort((a, b) => a - b)) {
      const parent = universals[index] as WireAction;
      const template = ACTION_TEMPLATES[index] as ActionTemplate;
      integrationActions.push(integrationLevel(seeded, template, parent, rng));
    }
    const own = apiRequestTemplate(seeded.app.key, seeded.integration.name);
    integrationActions.push(integrationLevel(seeded, own, undefined, rng));
  }
  breakSome(integrationActions, 2, rng);
  const readOnly = integrationActions.find(
    (a) => a.archivedAt === undefined && a.state === 'READY',
  );
  if (readOnly !== undefined) {
    readOnly.isReadOnly = true;
  }

  const byIntegration = new Map<string, WireAction[]>();
  for (const action of integrationActions) {
    const list = byIntegration.get(action.integrationId ?? '') ?? [];
    list.push(action);
    byIntegration.set(action.integrationId ?? '', list);
  }
  const eligible = connections.filter((c) => byIntegration.has(c.integrationId ?? ''));
  const perPair = new Map<string, number>();
  const instances: WireAction[] = [];
  for (let i = 0; i < options.instanceCount && eligible.length > 0; i += 1) {
    const connection = eligible[i % eligible.length] as WireConnection;
    const parents = (byIntegration.get(connection.integrationId ?? '') ?? []).filter(
      (a) => a.archivedAt === undefined || connection.archivedAt !== undefined,
    );
    if (parents.length === 0) {
      continue;
    }
    const parent = rng.pick(parents);
    const pair = `${connection.id}/${parent.id}`;
    const existing = perPair.get(pair) ?? 0;
    perPair.set(pair, existing + 1);
    const instanceKey = existing > 0 ? `instance-${existing + 1}` : undefined;
    instances.push(connectionLevel(parent, connection, instanceKey, rng));
  }
  breakSome(instances, 3, rng);
  return [...universals, ...integrationActions, ...instances];
}
