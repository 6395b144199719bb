/**
 * The showcase: one connection-level flow that, with its customer, connection, integration,
 * parent flow and universal flow, carries every key of the seed page's refresh example.
 * Everything in it is archived (an archived tenant on a retired integration), so it stays out
 * of default list results. Marked with `meta.showcase = true`.
 */

import { applyRole, makeConnection } from './seed-connections.js';
import type { FlowTemplate } from './seed-flow-templates.js';
import { makeIntegrationFlow, makeUniversalFlow } from './seed-flows.js';
import { makeInstance } from './seed-instances.js';
import type { SeededIntegration } from './seed-integrations.js';
import { DATE_MAX, iso, type SeedRandom } from './seed-random.js';
import type { ErrorData, WireConnection, WireCustomer, WireFlow } from './types.js';

const TEMPLATE: FlowTemplate = {
  key: 'sync-customer-accounts',
  name: 'Sync Customer Accounts',
  description: 'Keeps customer accounts in sync with the CRM.',
  collection: 'contacts',
  pattern: ['data-record-created-trigger', 'transform-data', 'api-request-to-your-app'],
};

/** An ErrorData with every key the SDK knows, including a nested cause. */
export function fullError(message: string, rng: SeedRandom): ErrorData {
  return {
    message,
    type: 'configuration',
    key: 'dependency_failed',
    data: { requestId: `req_${rng.hex(12)}` },
    stack: { frames: ['setupFlow', 'resolveDependencies'] },
    causedByError: {
      message: 'Upstream returned 401 Unauthorized',
      type: 'connection',
      key: 'access_token_expired',
    },
    logs: [{ level: 'error', message }],
  };
}

function fillCustomer(customer: WireCustomer, rng: SeedRandom): void {
  const created = Date.parse(customer.createdAt ?? '');
  customer.meta = { crmAccountId: `acc_${rng.hex(10)}`, showcase: true };
  customer.fields = customer.fields ?? { plan: 'enterprise', region: 'eu-central', seats: 120 };
  customer.credentials = { apiKey: `sk_live_${rng.hex(24)}` };
  customer.lastActiveAt = customer.lastActiveAt ?? iso(rng.timeBetween(created, DATE_MAX));
  customer.isBillable = true;
  customer.aiCreditsRolling30DayLimit = 1000;
  customer.archivedAt = customer.archivedAt ?? iso(rng.timeBetween(created, DATE_MAX));
}

/** Every key of the example's integration; a live one (`archived` false) has no `archivedAt`. */
function fillIntegration(seeded: SeededIntegration, archived: boolean, rng: SeedRandom): void {
  const integration = seeded.integration;
  integration.description = archived
    ? `Connect your ${seeded.app.name} account (retired integration).`
    : `Connect your ${seeded.app.name} account.`;
  integration.meta = { category: 'business', showcase: true };
  integration.state = 'CONFIGURATION_ERROR';
  integration.errors = [
    fullError(archived ? 'Connector version is no longer supported' : 'Missing clientSecret', rng),
  ];
  integration.isReadOnly = false;
  integration.isDeactivated = archived;
  integration.oAuthCallbackUri = 'https://api.getmembrane.com/oauth-callback';
  // With missing parameters, the client secret is what is missing.
  integration.parameters = integration.hasMissingParameters
    ? { clientId: rng.hex(16) }
    : (integration.parameters ?? { clientId: rng.hex(16), clientSecret: rng.hex(32) });
  integration.optionsConfig = { [integration.authType ?? 'oauth2']: { disabled: false } };
  integration.externalAppId = seeded.externalApp.id;
}

function fillConnection(connection: WireConnection, rng: SeedRandom): void {
  applyRole(connection, 'defunct', rng);
  applyRole(connection, 'client-action', rng);
  applyRole(connection, 'archived', rng);
  const updated = Date.parse(connection.updatedAt);
  connection.key = `showcase-${rng.hex(6)}`;
  connection.errors = [fullError('Credentials were revoked by the app', rng)];
  connection.requestError = fullError('Request to the app failed with 401', rng);
  connection.error = fullError('Request to the app failed with 401', rng);
  connection.authOptionKey = 'oauth2';
  connection.lastActiveAt = iso(rng.timeBetween(Date.parse(connection.createdAt), updated));
  connection.nextCredentialsRefreshAt = iso(updated + 3_600_000);
  connection.buildingAgentSessionId = rng.objectId(updated);
  connection.meta = { source: 'marketplace', showcase: true };
  connection.clientAction = {
    type: 'connect',
    description: 'Reconnect the account: the app revoked access.',
    uiUrl: `https://ui.getmembrane.com/connections/${connection.id}/reconnect`,
    agentInstructions: 'Ask the user to reconnect their account.',
  };
}

/** Keys of the example that only make sense on some layers are set on the layers they fit. */
function fillFlow(flow: WireFlow, seeded: SeededIntegration, rng: SeedRandom): void {
  flow.description = flow.description ?? TEMPLATE.description;
  flow.meta = { showcase: true, owner: 'platform-team' };
  flow.state = 'CONFIGURATION_ERROR';
  flow.errors = [fullError('Dependency setup failed', rng)];
  flow.isReadOnly = false;
  flow.isUniversal = false;
  flow.externalAppId = seeded.externalApp.id;
  flow.externalAppUuid = seeded.externalApp.uuid;
  flow.externalAppKey = seeded.externalApp.key;
  flow.enabled = flow.enabled ?? true;
  flow.parameters = flow.parameters ?? { batchSize: 100 };
  flow.autoCreateInstances = false;
  flow.isCustomized = true;
  flow.customized = { name: false, nodes: true };
  flow.dependencies = [{ type: 'data-collection', key: TEMPLATE.collection }];
}

/** Archive the whole chain at one instant after its last creation ("retired integration"). */
function retire(
  elements: Array<{ createdAt?: string; updatedAt?: string; archivedAt?: string }>,
  customer: WireCustomer,
  rng: SeedRandom,
): void {
  const latest = Math.max(...[...elements, customer].map((e) => Date.parse(e.createdAt ?? '')));
  const at = iso(rng.timeBetween(latest, Math.min(DATE_MAX, latest + 30 * 86_400_000)));
  for (const element of elements) {
    element.archivedAt = at;
    element.updatedAt = at;
  }
  customer.archivedAt = at;
}

/**
 * Create the showcase chain on the archived integration `seeded`, plus a live version of the same
 * universal flow on `live` (appliedToIntegrations lists live versions only). Returns the flows
 * [universal, archived parent, live version, instance] and the connection.
 */
export function seedShowcase(
  seeded: SeededIntegration,
  live: SeededIntegration,
  customer: WireCustomer,
  universal: WireFlow,
  rng: SeedRandom,
): { flows: WireFlow[]; connection: WireConnection } {
  fillCustomer(customer, rng);
  fillIntegration(seeded, true, rng);
  fillIntegration(live, false, rng);
  const connection = makeConnection(customer, seeded, rng);
  fillConnection(connection, rng);
  const parent = makeIntegrationFlow(seeded, TEMPLATE, universal, TEMPLATE.key, rng);
  fillFlow(parent, seeded, rng);
  parent.meta = { owner: 'platform-team' };
  const version = makeIntegrationFlow(live, TEMPLATE, universal, TEMPLATE.key, rng);
  fillFlow(version, live, rng);
  version.meta = { owner: 'platform-team' };
  version.isDeactivated = false;
  const instance = makeInstance(parent, connection, 'showcase', rng);
  fillFlow(instance, seeded, rng);
  instance.name = `${parent.name} (showcase)`;
  instance.customized = { name: true, nodes: true };
  retire([seeded.integration, connection, parent, instance], customer, rng);
  for (const flow of [parent, instance]) {
    flow.isDeactivated = true;
  }
  return { flows: [universal, parent, version, instance], connection };
}

/** The universal flow at the top of the showcase chain. */
export function showcaseUniversal(rng: SeedRandom): WireFlow {
  const flow = makeUniversalFlow(TEMPLATE, TEMPLATE.key, TEMPLATE.name, rng);
  flow.description = TEMPLATE.description;
  flow.dependencies = [{ type: 'data-collection', key: TEMPLATE.collection }];
  return flow;
}
