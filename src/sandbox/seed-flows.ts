/** Seeded universal and integration-level flows (the workspace's flow catalog). */

import { variantKey, variantLabel } from './seed-catalog.js';
import { FLOW_TEMPLATES, FLOW_VARIANTS, type FlowTemplate } from './seed-flow-templates.js';
import type { SeededIntegration } from './seed-integrations.js';
import { buildNodes, buildParametersSchema, cloneJson } from './seed-nodes.js';
import { DATE_MAX, DATE_MIN, iso, type SeedRandom } from './seed-random.js';
import type { ErrorData, WireElement, WireFlow } from './types.js';

const DAY = 86_400_000;

export interface SeededFlow {
  flow: WireFlow;
  template: FlowTemplate;
}

export function configurationError(rng: SeedRandom): ErrorData {
  return rng.pick([
    {
      message: "Node 'trigger' has no data collection selected",
      type: 'configuration',
      key: 'missing_config',
    },
    {
      message: 'Field mapping references an unknown field: email',
      type: 'configuration',
      key: 'invalid_field_mapping',
    },
    {
      message: 'Dependency action is archived',
      type: 'dependency_error',
      key: 'dependency_archived',
    },
  ]);
}

/** Fields shared by flows of every layer. */
export function flowBase(
  rng: SeedRandom,
  createdAfter: number,
  key: string,
  name: string,
): WireFlow {
  const created = rng.timeBetween(createdAfter, Math.max(createdAfter, DATE_MAX - 90 * DAY), 1.5);
  const flow: WireFlow = {
    id: rng.objectId(created),
    name,
    uuid: rng.uuid(),
    key,
    state: 'READY',
    revision: rng.hex(12),
    createdAt: iso(created),
    updatedAt: iso(rng.timeBetween(created, DATE_MAX, 2.5)),
  };
  if (rng.chance(0.06)) {
    flow.state = 'CONFIGURATION_ERROR';
    flow.errors = [configurationError(rng)];
  }
  return flow;
}

/** Archives a seeded element (flow, action) at a time after its creation and `notBefore`. */
export function archiveSeeded(
  element: WireElement,
  notBefore: string | undefined,
  rng: SeedRandom,
): void {
  const from = Math.max(Date.parse(element.createdAt ?? ''), Date.parse(notBefore ?? '') || 0);
  const archived = rng.timeBetween(from, DATE_MAX);
  element.archivedAt = iso(archived);
  element.updatedAt = iso(Math.max(archived, Date.parse(element.updatedAt ?? '')));
  element.isDeactivated = true;
}

/** One universal flow built from `template`. */
export function makeUniversalFlow(
  template: FlowTemplate,
  key: string,
  name: string,
  rng: SeedRandom,
): WireFlow {
  const flow = flowBase(rng, DATE_MIN, key, name);
  flow.isUniversal = true;
  flow.parametersSchema = buildParametersSchema(rng);
  flow.nodes = buildNodes(template.pattern, template.collection, rng);
  if (rng.chance(0.8)) {
    flow.description = template.description;
  }
  if (rng.chance(0.3)) {
    flow.meta = { owner: rng.pick(['growth-team', 'platform-team', 'support-team']) };
  }
  if (rng.chance(0.4)) {
    flow.autoCreateInstances = rng.chance(0.5);
  }
  if (rng.chance(0.15)) {
    flow.dependencies = [{ type: 'data-collection', key: template.collection }];
  }
  return flow;
}

/** `count` universal flows with distinct keys, built from the templates in seeded order. */
export function seedUniversalFlows(count: number, rng: SeedRandom): SeededFlow[] {
  const templates = rng.shuffle(FLOW_TEMPLATES);
  const out: SeededFlow[] = [];
  for (let i = 0; i < count; i += 1) {
    const template = templates[i % templates.length] as FlowTemplate;
    const round = Math.floor(i / templates.length);
    const key = variantKey(template.key, FLOW_VARIANTS, round);
    const name = variantLabel(template.name, FLOW_VARIANTS, round);
    out.push({ flow: makeUniversalFlow(template, key, name, rng), template });
  }
  return out;
}

function uniqueKey(base: string, used: Set<string>): string {
  let key = base;
  for (let n = 2; used.has(key); n += 1) {
    key = `${base}-${n}`;
  }
  used.add(key);
  return key;
}

/** Build one integration-level flow, derived from `universal` when given. */
export function makeIntegrationFlow(
  seeded: SeededIntegration,
  template: FlowTemplate,
  universal: WireFlow | undefined,
  key: string,
  rng: SeedRandom,
): WireFlow {
  const { integration, app } = seeded;
  const after = Math.max(
    Date.parse(integration.createdAt ?? ''),
    Date.parse(universal?.createdAt ?? '') || 0,
  );
  const name = universal ? universal.name : `${app.name}: ${template.name}`;
  const flow = flowBase(rng, after, key, name);
  flow.integrationId = integration.id;
  flow.integrationKey = integration.key ?? app.key;
  flow.integrationUuid = integration.uuid ?? rng.uuid();
  if (universal) {
    flow.parentKey = universal.key ?? key;
    flow.parentUuid = universal.uuid ?? rng.uuid();
    flow.universalFlowId = universal.id;
    flow.universalFlowRevision = universal.revision ?? '';
  }
  if (integration.externalAppId) {
    flow.externalAppId = integration.externalAppId;
  }
  const collection = app.collections.includes(template.collection)
    ? template.collection
    : (app.collections[0] ?? template.collection);
  flow.parametersSchema = universal?.parametersSchema
    ? cloneJson(universal.parametersSchema)
    : buildParametersSchema(rng);
  flow.nodes = buildNodes(template.pattern, collection, rng);
  if (rng.chance(0.7)) {
    flow.description = universal?.description ?? template.description;
  }
  if (rng.chance(0.35)) {
    flow.autoCreateInstances = rng.chance(0.5);
  }
  if (universal && rng.chance(0.2)) {
    flow.isCustomized = true;
    flow.customized = { name: false, nodes: true };
  }
  if (integration.archivedAt) {
    archiveSeeded(flow, integration.archivedAt, rng);
  }
  return flow;
}

/**
 * `count` integration-level flows, spread round-robin over `integrations`. Most share the key of
 * a universal flow and point to it; the rest are integration-specific.
 */
export function seedIntegrationFlows(
  count: number,
  integrations: readonly SeededIntegration[],
  universals: readonly SeededFlow[],
  rng: SeedRandom,
): WireFlow[] {
  const usedKeys = new Map<string, Set<string>>();
  const out: WireFlow[] = [];
  for (let i = 0; i < count && integrations.length > 0; i += 1) {
    const seeded = integrations[i % integrations.length] as SeededIntegration;
    const used = usedKeys.get(seeded.integration.id) ?? new Set<string>();
    usedKeys.set(seeded.integration.id, used);
    let parent: SeededFlow | undefined;
    if (universals.length > 0 && rng.chance(0.85)) {
      const start = rng.int(0, universals.length - 1);
      for (let j = 0; j < universals.length && !parent; j += 1) {
        const candidate = universals[(start + j) % universals.length];
        if (candidate && !used.has(candidate.flow.key ?? '')) {
          parent = candidate;
        }
      }
    }
    if (parent) {
      const key = uniqueKey(parent.flow.key ?? parent.template.key, used);
      out.push(makeIntegrationFlow(seeded, parent.template, parent.flow, key, rng));
    } else {
      const template = rng.pick(FLOW_TEMPLATES);
      const key = uniqueKey(`${seeded.app.key}-${template.key}`, used);
      out.push(makeIntegrationFlow(seeded, template, undefined, key, rng));
    }
  }
  return out;
}
