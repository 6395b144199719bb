/** Seeded connections: one tenant's authorized link to one integration. */

import { CONNECTION_LABELS } from './seed-catalog.js';
import type { SeededIntegration } from './seed-integrations.js';
import { DATE_MAX, iso, type SeedRandom } from './seed-random.js';
import type { WireConnection, WireCustomer } from './types.js';

const DAY = 86_400_000;

type Role = 'disconnected' | 'defunct' | 'client-action' | 'building' | 'archived';

function credentialsFor(authType: string, rng: SeedRandom): Record<string, unknown> {
  if (authType === 'oauth2') {
    return { access_token: `at_${rng.hex(32)}`, refresh_token: `rt_${rng.hex(32)}` };
  }
  if (authType === 'oauth1') {
    return { oauth_token: rng.hex(24), oauth_token_secret: rng.hex(24) };
  }
  return { apiKey: `key_${rng.hex(24)}` };
}

export function makeConnection(
  customer: WireCustomer,
  seeded: SeededIntegration,
  rng: SeedRandom,
): WireConnection {
  const { integration } = seeded;
  const after = Math.max(
    Date.parse(customer.createdAt ?? ''),
    Date.parse(integration.createdAt ?? ''),
  );
  const created = rng.timeBetween(after, DATE_MAX - 60 * DAY);
  const updated = rng.timeBetween(created, DATE_MAX, 2);
  const authType = integration.authType ?? 'oauth2';
  const label = rng.chance(0.2) ? ` (${rng.pick(CONNECTION_LABELS)})` : '';
  const connection: WireConnection = {
    id: rng.objectId(created),
    name: `${integration.name}${label}`,
    userId: customer.id,
    createdAt: iso(created),
    updatedAt: iso(updated),
    tenantId: customer.id,
    isTest: customer.isTest ?? false,
    connected: true,
    disconnected: false,
    isDefunct: false,
    state: 'READY',
    integrationId: integration.id,
    canTest: true,
    canRefreshCredentials: authType === 'oauth2',
    retryAttempts: 0,
    credentials: credentialsFor(authType, rng),
  };
  if (rng.chance(0.6)) {
    connection.key = `${integration.key}-${customer.internalId}`;
  }
  if (integration.connectorId) {
    connection.connectorId = integration.connectorId;
    connection.connectorVersion = integration.connectorVersion ?? '1.0.0';
  }
  if (integration.externalAppId) {
    connection.externalAppId = integration.externalAppId;
  }
  if (rng.chance(0.7)) {
    connection.authOptionKey = authType;
  }
  if (rng.chance(0.8)) {
    connection.lastActiveAt = iso(rng.timeBetween(created, DATE_MAX, 0.5));
  }
  if (authType === 'oauth2') {
    connection.nextCredentialsRefreshAt = iso(updated + rng.int(10, 60) * 60_000);
  }
  if (rng.chance(0.3)) {
    connection.meta = { source: rng.pick(['marketplace', 'onboarding', 'api']) };
  }
  return connection;
}

/** Give `connection` the fields of a non-happy state. */
export function applyRole(connection: WireConnection, role: Role, rng: SeedRandom): void {
  const updated = Date.parse(connection.updatedAt);
  switch (role) {
    case 'disconnected':
      connection.connected = false;
      connection.disconnected = true;
      return;
    case 'defunct': {
      const error = {
        message: 'The access token has expired and could not be refreshed',
        type: 'connection',
        key: 'access_token_expired',
      };
      connection.connected = false;
      connection.isDefunct = true;
      connection.state = 'SETUP_FAILED';
      connection.errors = [{ ...error, key: 'connection_is_defunct' }];
      connection.requestError = error;
      connection.error = { ...error };
      connection.retryAttempts = rng.int(1, 5);
      connection.nextRetryTimestamp = iso(updated + rng.int(5, 120) * 60_000);
      return;
    }
    case 'client-action': {
      const connect = rng.chance(0.5);
      connection.state = 'CLIENT_ACTION_REQUIRED';
      connection.connected = !connect;
      connection.clientAction = connect
        ? {
            type: 'connect',
            description: 'Reconnect the account: the app revoked access.',
            uiUrl: `https://ui.getmembrane.com/connections/${connection.id}/reconnect`,
          }
        : {
            type: 'provide-input',
            description: 'Enter the subdomain of your account.',
            uiUrl: `https://ui.getmembrane.com/connections/${connection.id}/input`,
            agentInstructions: 'Ask the user for their account subdomain, e.g. "acme".',
          };
      return;
    }
    case 'building':
      connection.state = 'BUILDING';
      connection.connected = false;
      connection.buildingAgentSessionId = rng.objectId(updated);
      return;
    default: {
      const archived = rng.timeBetween(Date.parse(connection.createdAt), DATE_MAX);
      connection.archivedAt = iso(archived);
      connection.updatedAt = iso(Math.max(archived, updated));
      connection.isDeactivated = true;
    }
  }
}

/**
 * `count` connections between non-archived customers and non-archived integrations, at most
 * one per (customer, integration). Every active customer gets one before anyone gets two.
 */
export function seedConnections(
  count: number,
  customers: readonly WireCustomer[],
  integrations: readonly SeededIntegration[],
  rng: SeedRandom,
): WireConnection[] {
  const owners = customers.filter((c) => c.archivedAt === undefined);
  const targets = integrations.filter((i) => i.integration.archivedAt === undefined);
  const used = new Set<string>();
  const out: WireConnection[] = [];
  for (let i = 0; out.length < count && i < count * 4 && owners.length > 0; i += 1) {
    const owner =
      i < owners.length ? owners[i] : owners[Math.floor(owners.length * rng.next() ** 1.5)];
    const start = rng.int(0, targets.length - 1);
    for (let j = 0; owner && j < targets.length; j += 1) {
      const target = targets[(start + j) % targets.length];
      if (target && !used.has(`${owner.id}/${target.integration.id}`)) {
        used.add(`${owner.id}/${target.integration.id}`);
        out.push(makeConnection(owner, target, rng));
        break;
      }
    }
  }
  const share = (f: number): number => Math.max(1, Math.round(out.length * f));
  const roles: Role[] = [];
  for (const [role, n] of [
    ['disconnected', share(0.04)],
    ['defunct', share(0.04)],
    ['client-action', share(0.04)],
    ['archived', share(0.04)],
    ['building', share(0.02)],
  ] as const) {
    roles.push(...Array.from({ length: n }, () => role));
  }
  // Connection 0 (the default tenant's first) stays healthy.
  rng.sampleIndexes(1, out.length, roles.length).forEach((index, i) => {
    const connection = out[index];
    const role = roles[i];
    if (connection && role) {
      applyRole(connection, role, rng);
    }
  });
  return out;
}
