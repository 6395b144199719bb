/** Seeded integrations: the core apps first, then extra apps, then regional variants. */

import {
  APP_VARIANTS,
  type AppTemplate,
  CORE_APPS,
  EXTRA_APPS,
  variantKey,
  variantLabel,
} from './seed-catalog.js';
import { DATE_MIN, iso, type SeedRandom } from './seed-random.js';
import type { WireIntegration } from './types.js';

const DAY = 86_400_000;

export interface SeededIntegration {
  integration: WireIntegration;
  app: AppTemplate;
  /** Of the integration's external app; flows under it may carry these. */
  externalApp: { id: string; uuid: string; key: string };
}

function credentialsParameters(app: AppTemplate, rng: SeedRandom): Record<string, unknown> {
  if (app.authType === 'oauth2' || app.authType === 'oauth1') {
    return {
      clientId: `${app.key}-${rng.hex(12)}`,
      clientSecret: rng.hex(32),
      scopes: app.collections.map((c) => `${c}.read`),
    };
  }
  if (app.authType === 'client-credentials') {
    return { clientId: rng.hex(16), clientSecret: rng.hex(32) };
  }
  return {};
}

function makeIntegration(app: AppTemplate, variant: number, rng: SeedRandom): SeededIntegration {
  const created = rng.timeBetween(DATE_MIN, DATE_MIN + 150 * DAY);
  const updated = rng.timeBetween(created, DATE_MIN + 800 * DAY, 2);
  const oauth = app.authType === 'oauth2' || app.authType === 'oauth1';
  const operationsCount = rng.int(4, 120);
  const eventsCount = rng.int(0, 12);
  const integration: WireIntegration = {
    id: rng.objectId(created),
    name: variantLabel(app.name, APP_VARIANTS, variant),
    logoUri: `https://static.integration.app/connectors/${app.key}/logo.png`,
    uuid: rng.uuid(),
    key: variantKey(app.key, APP_VARIANTS, variant),
    state: 'READY',
    revision: rng.hex(12),
    createdAt: iso(created),
    updatedAt: iso(updated),
    connectorId: rng.objectId(created - rng.int(30, 300) * DAY),
    connectorVersion: `${rng.int(1, 3)}.${rng.int(0, 12)}.${rng.int(0, 9)}`,
    hasMissingParameters: false,
    hasDocumentation: rng.chance(0.9),
    hasOperations: true,
    operationsCount,
    hasData: true,
    dataCollectionsCount: app.collections.length,
    hasEvents: eventsCount > 0,
    eventsCount,
    hasGlobalWebhooks: rng.chance(0.3),
    hasUdm: rng.chance(0.6),
    isTest: false,
    authType: app.authType,
  };
  if (rng.chance(0.7)) {
    integration.description = `Connect your ${app.name} account to sync ${app.collections.join(', ')}.`;
  }
  if (rng.chance(0.5)) {
    integration.meta = { category: app.collections.includes('tickets') ? 'support' : 'business' };
  }
  if (oauth) {
    integration.oAuthCallbackUri = 'https://api.getmembrane.com/oauth-callback';
  }
  const parameters = credentialsParameters(app, rng);
  if (Object.keys(parameters).length > 0) {
    integration.parameters = parameters;
  }
  if (rng.chance(0.3)) {
    integration.optionsConfig = { [app.authType]: { disabled: false } };
  }
  if (rng.chance(0.4)) {
    integration.isReadOnly = false;
    integration.isDeactivated = false;
  }
  const externalApp = { id: rng.objectId(created - DAY), uuid: rng.uuid(), key: app.key };
  if (rng.chance(0.8)) {
    integration.externalAppId = externalApp.id;
  }
  return { integration, app, externalApp };
}

/** Reorders apps so that the first few have distinct auth types (variety at small scale). */
function interleaveByAuthType(apps: readonly AppTemplate[]): AppTemplate[] {
  const groups = new Map<string, AppTemplate[]>();
  for (const app of apps) {
    groups.set(app.authType, [...(groups.get(app.authType) ?? []), app]);
  }
  const out: AppTemplate[] = [];
  for (let round = 0; out.length < apps.length; round += 1) {
    for (const group of groups.values()) {
      const app = group[round];
      if (app) {
        out.push(app);
      }
    }
  }
  return out;
}

/** The app list for `count` integrations: core apps, extra apps, then variants of both. */
function pickApps(count: number, rng: SeedRandom): Array<[AppTemplate, number]> {
  const base = [...rng.shuffle(CORE_APPS), ...interleaveByAuthType(rng.shuffle(EXTRA_APPS))];
  const out: Array<[AppTemplate, number]> = [];
  for (let i = 0; i < count; i += 1) {
    const app = base[i % base.length] as AppTemplate;
    out.push([app, Math.floor(i / base.length)]);
  }
  return out;
}

/**
 * `count` integrations. The last one is archived (the showcase's); a few more are archived at
 * larger scale, and some have missing parameters.
 */
export function seedIntegrations(count: number, rng: SeedRandom): SeededIntegration[] {
  const seeded = pickApps(count, rng).map(([app, variant]) => makeIntegration(app, variant, rng));
  const last = count - 1;
  const extraArchived = Math.max(1, Math.round(count * 0.05)) - 1;
  const roles = rng.sampleIndexes(1, last, extraArchived + Math.max(1, Math.round(count * 0.1)));
  roles.forEach((index, i) => {
    const item = seeded[index];
    if (!item) {
      return;
    }
    if (i < extraArchived) {
      archive(item.integration, rng);
    } else {
      item.integration.hasMissingParameters = true;
      item.integration.state = 'CONFIGURATION_ERROR';
      item.integration.errors = [
        {
          message: 'Required integration parameters are missing: clientSecret',
          type: 'configuration',
          key: 'missing_parameters',
        },
      ];
      delete item.integration.parameters;
    }
  });
  const showcase = seeded[last];
  if (showcase) {
    archive(showcase.integration, rng);
  }
  return seeded;
}

function archive(integration: WireIntegration, rng: SeedRandom): void {
  const created = Date.parse(integration.createdAt ?? '');
  const archived = rng.timeBetween(created + 120 * DAY, created + 500 * DAY);
  integration.archivedAt = iso(archived);
  integration.updatedAt = iso(archived);
  integration.isDeactivated = true;
}
