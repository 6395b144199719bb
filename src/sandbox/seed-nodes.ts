/**
 * Flow bodies for the seed: `nodes` (a chain of FlowNode objects linked by key),
 * `parametersSchema` (a small JSON schema) and parameter values that fit it.
 */
import type { FlowPattern } from './seed-flow-templates.js';
import type { SeedRandom } from './seed-random.js';

export type SeedNode = Record<string, unknown>;

const DATA_NODES = new Set([
  'list-data-records',
  'search-data-records',
  'find-data-record-by-id',
  'lookup-data-record',
  'find-or-create-data-record',
  'create-data-record',
  'update-data-record',
  'delete-data-record',
  'data-record-created-trigger',
  'data-record-updated-trigger',
  'data-record-deleted-trigger',
]);

const NODE_NAMES: Record<string, string> = {
  'api-trigger': 'API Trigger',
  'schedule-trigger': 'Schedule',
  'app-event-trigger': 'App Event',
  'connector-event-trigger': 'Connector Event',
  'transform-data': 'Transform Data',
  filter: 'Filter',
  'for-each-v2': 'For Each',
  'run-action': 'Run Action',
  'run-javascript': 'Run JavaScript',
  'api-request-to-your-app': 'Send to Your App',
  'custom-http-request': 'HTTP Request',
  'find-data-link': 'Find Data Link',
  'create-data-link': 'Create Data Link',
};

function title(words: string): string {
  return words
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

function nodeConfig(type: string, collection: string, rng: SeedRandom): unknown {
  if (DATA_NODES.has(type)) {
    const config: Record<string, unknown> = { dataSource: { collectionKey: collection } };
    if (type.startsWith('create') || type.startsWith('update') || type.includes('or-create')) {
      config.fieldMapping = {
        defaultValue: { name: { $var: '$.input.name' }, email: { $var: '$.input.email' } },
      };
    }
    return config;
  }
  switch (type) {
    case 'api-trigger':
      return { inputSchema: { type: 'object', properties: { id: { type: 'string' } } } };
    case 'schedule-trigger':
      return { cron: rng.pick(['*/15 * * * *', '0 * * * *', '0 2 * * *']) };
    case 'app-event-trigger':
      return {
        appEventType: { key: rng.pick(['user-signed-up', 'plan-changed', 'order-placed']) },
      };
    case 'connector-event-trigger':
      return { eventKey: `${collection}-changed` };
    case 'transform-data':
      return { value: { externalId: { $var: '$.input.record.id' }, source: collection } };
    case 'filter':
      return { filter: [{ field: 'status', operator: 'is', value: 'open' }] };
    case 'for-each-v2':
      return { items: { $var: '$.input.records' } };
    case 'run-action':
      return { action: { key: `post-${collection}` }, input: { $var: '$.input' } };
    case 'run-javascript':
      return { code: 'export default async function run({ input }) { return input }' };
    case 'api-request-to-your-app':
      return { request: { method: 'POST', uri: `/webhooks/membrane/${collection}` } };
    case 'custom-http-request':
      return { request: { method: 'GET', uri: 'https://enrich.example.com/v2/companies' } };
    default:
      return { dataLinkTable: { key: `${collection}-links` } };
  }
}

/** A linear chain of nodes (trigger first); each node links to the next by key. */
export function buildNodes(
  pattern: FlowPattern,
  collection: string,
  rng: SeedRandom,
): Record<string, SeedNode> {
  const keys = pattern.map((type, i) => (i === 0 ? 'trigger' : `${type}-${i}`));
  const nodes: Record<string, SeedNode> = {};
  pattern.forEach((type, i) => {
    const next = keys[i + 1];
    const node: SeedNode = {
      type,
      name: NODE_NAMES[type] ?? `${title(type)}: ${title(collection)}`,
      config: nodeConfig(type, collection, rng),
      links: next === undefined ? [] : [{ key: next }],
    };
    if (i > 0 && rng.chance(0.3)) {
      node.onError = rng.pick(['stop', 'continue'] as const);
    }
    nodes[keys[i] ?? type] = node;
  });
  return nodes;
}

/** Deep copy of plain JSON data (several times faster than `structuredClone` here). */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map((item) => cloneJson(item)) as T;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = cloneJson(item);
    }
    return out as T;
  }
  return value;
}

/** A deep copy of `nodes`, with tenant settings (`userConfig`) on some data nodes. */
export function instanceNodes(
  nodes: Record<string, SeedNode>,
  customize: boolean,
  rng: SeedRandom,
): Record<string, SeedNode> {
  const out = cloneJson(nodes);
  if (!customize) {
    return out;
  }
  for (const node of Object.values(out)) {
    if (typeof node.type === 'string' && DATA_NODES.has(node.type)) {
      node.userConfig = { fieldMapping: { customFieldKey: `cf_${rng.hex(6)}` } };
      node.isCustomized = true;
    }
  }
  return out;
}

const PARAMETER_POOL: ReadonlyArray<[string, Record<string, unknown>]> = [
  [
    'syncDirection',
    {
      type: 'string',
      title: 'Sync direction',
      enum: ['import', 'export', 'both'],
      default: 'import',
    },
  ],
  ['batchSize', { type: 'number', title: 'Batch size', minimum: 1, maximum: 500, default: 100 }],
  ['ownerEmail', { type: 'string', title: 'Record owner', format: 'email' }],
  ['includeArchived', { type: 'boolean', title: 'Include archived records', default: false }],
  ['pipelineId', { type: 'string', title: 'Pipeline', minLength: 1, maxLength: 64 }],
];

/** A small object schema with 1–3 properties from a fixed pool. */
export function buildParametersSchema(rng: SeedRandom): Record<string, unknown> {
  const picked = rng.sampleIndexes(0, PARAMETER_POOL.length, rng.int(1, 3)).sort((a, b) => a - b);
  const properties: Record<string, unknown> = {};
  for (const index of picked) {
    const entry = PARAMETER_POOL[index];
    if (entry) {
      properties[entry[0]] = { ...entry[1] };
    }
  }
  return { type: 'object', properties };
}

/** Values for every property of a schema built by `buildParametersSchema`. */
export function buildParameters(
  schema: Record<string, unknown>,
  rng: SeedRandom,
): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const values: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(properties)) {
    if (Array.isArray(prop.enum)) {
      values[key] = rng.pick(prop.enum as string[]);
    } else if (prop.type === 'number') {
      values[key] = rng.pick([25, 50, 100, 250]);
    } else if (prop.type === 'boolean') {
      values[key] = rng.chance(0.3);
    } else if (prop.format === 'email') {
      values[key] = `ops+${rng.hex(4)}@example.com`;
    } else {
      values[key] = `pl_${rng.hex(8)}`;
    }
  }
  return values;
}
