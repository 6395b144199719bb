import { CONNECTOR_AUTH_TYPES } from '@membranehq/sdk';
import { describe, expect, it } from 'vitest';
import { findFullyPopulatedFlow, generateSeed } from '../../src/sandbox/seed.js';
import type { SandboxData } from '../../src/sandbox/types.js';
import {
  CONNECTION_LAYER_KEYS,
  FLOW_EMBED_KEYS,
  type Json,
  loadRefreshExample,
  missingKeys,
} from '../support/seed-example.js';
import {
  schemaIssues,
  strictConnectionWithSecrets,
  strictCustomer,
  strictFlow,
  strictIntegration,
} from './sdk-schemas.js';

const data = generateSeed();
const example = loadRefreshExample();

function layerCounts(d: SandboxData): [number, number, number] {
  return [
    d.flows.filter((f) => f.isUniversal === true && f.integrationId === undefined).length,
    d.flows.filter((f) => f.integrationId !== undefined && f.connectionId === undefined).length,
    d.flows.filter((f) => f.connectionId !== undefined).length,
  ];
}

describe('generateSeed: determinism and size', () => {
  it('gives deep-equal data for the same seed and scale, and the defaults are seed 1, scale 1', () => {
    expect(generateSeed({ seed: 1, scale: 1 })).toEqual(data);
    expect(generateSeed({ seed: 7, scale: 0.5 })).toEqual(generateSeed({ seed: 7, scale: 0.5 }));
  });

  it('gives different data for a different seed', () => {
    const other = generateSeed({ seed: 2 });
    expect(other.workspaceKey).not.toBe(data.workspaceKey);
    expect(other.flows.map((f) => f.id)).not.toEqual(data.flows.map((f) => f.id));
    expect(other.customers.map((c) => c.name)).not.toEqual(data.customers.map((c) => c.name));
  });

  it('has the scale-1 counts: 10 integrations, 25 customers, 60 connections, 20/80/200 flows', () => {
    expect(data.integrations.length).toBe(10);
    expect(data.customers.length).toBe(25);
    expect(data.connections.length).toBe(60);
    expect(data.flows.length).toBe(300);
    expect(layerCounts(data)).toEqual([20, 80, 200]);
  });

  it('scales down to a tiny set that still has every layer and the showcase', () => {
    const tiny = generateSeed({ scale: 0.2 });
    expect([tiny.integrations.length, tiny.customers.length, tiny.connections.length]).toEqual([
      4, 5, 12,
    ]);
    expect(layerCounts(tiny)).toEqual([4, 16, 40]);
    expect(findFullyPopulatedFlow(tiny).meta?.showcase).toBe(true);
  });

  it('scales up to the benchmark size (scale 10)', () => {
    const big = generateSeed({ scale: 10 });
    expect([big.integrations.length, big.customers.length, big.connections.length]).toEqual([
      100, 250, 600,
    ]);
    expect(layerCounts(big)).toEqual([200, 800, 2000]);
  });

  it('rejects a negative or non-finite scale', () => {
    expect(() => generateSeed({ scale: -1 })).toThrow(RangeError);
    expect(() => generateSeed({ seed: Number.NaN })).toThrow(RangeError);
  });
});

describe('generateSeed: wire hygiene', () => {
  it('every element passes the strict SDK schema (no unknown key, no null, valid enums)', () => {
    const failures = [
      ...data.flows.map((f) => schemaIssues(strictFlow, f)),
      ...data.integrations.map((i) => schemaIssues(strictIntegration, i)),
      ...data.connections.map((c) => schemaIssues(strictConnectionWithSecrets, c)),
      ...data.customers.map((c) => schemaIssues(strictCustomer, c)),
    ].filter((issues) => issues !== '');
    expect(failures).toEqual([]);
  });

  it('has null only in aiCreditsRolling30DayLimit', () => {
    const nulls: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (value === null) {
        nulls.push(path);
      } else if (typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          walk(v, `${path}.${k}`);
        }
      }
    };
    walk(data, '$');
    expect(nulls.length).toBeGreaterThan(0);
    expect(nulls.filter((p) => !p.endsWith('.aiCreditsRolling30DayLimit'))).toEqual([]);
  });

  it('uses 24-hex ids, v4 uuids, and ISO dates in [2024-01-01, 2026-06-01] with updatedAt ≥ createdAt', () => {
    const all = [...data.integrations, ...data.customers, ...data.connections, ...data.flows];
    const idKeys = ['id', 'userId', 'tenantId', 'integrationId', 'connectionId', 'flowId'];
    const dateKeys = ['createdAt', 'updatedAt', 'archivedAt', 'lastActiveAt'];
    const bad: string[] = [];
    for (const element of all) {
      const record = element as unknown as Record<string, unknown>;
      for (const key of [...idKeys, 'universalFlowId', 'connectorId', 'externalAppId']) {
        const v = record[key];
        if (v !== undefined && !/^[0-9a-f]{24}$/.test(String(v))) {
          bad.push(`${element.id}.${key}=${String(v)}`);
        }
      }
      for (const key of ['uuid', 'integrationUuid', 'parentUuid', 'externalAppUuid']) {
        const v = record[key];
        if (
          v !== undefined &&
          !/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(String(v))
        ) {
          bad.push(`${element.id}.${key}=${String(v)}`);
        }
      }
      for (const key of [...dateKeys, 'nextCredentialsRefreshAt', 'nextRetryTimestamp']) {
        const v = record[key];
        const ok =
          typeof v === 'string' &&
          new Date(v).toISOString() === v &&
          v >= '2024-01-01' &&
          v <= '2026-06-01';
        if (v !== undefined && !ok) {
          bad.push(`${element.id}.${key}=${String(v)}`);
        }
      }
      const { createdAt, updatedAt, archivedAt } = record as Record<string, string | undefined>;
      if (
        createdAt &&
        ((updatedAt && updatedAt < createdAt) || (archivedAt && archivedAt < createdAt))
      ) {
        bad.push(`${element.id}: dates out of order`);
      }
    }
    expect(bad).toEqual([]);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
  });

  it('links every node to an existing node of the same flow', () => {
    const dangling = data.flows.flatMap((flow) =>
      Object.values(flow.nodes ?? {}).flatMap((node) =>
        ((node.links ?? []) as Array<{ key: string }>)
          .filter((link) => !(link.key in (flow.nodes ?? {})))
          .map((link) => `${flow.id}→${link.key}`),
      ),
    );
    expect(dangling).toEqual([]);
    expect(data.flows.every((f) => Object.keys(f.nodes ?? {}).length >= 2)).toBe(true);
  });
});

describe('generateSeed: integrations and customers', () => {
  it('has the core apps, ≥3 auth types, one archived and one with missing parameters', () => {
    const names = data.integrations.map((i) => i.name);
    for (const core of [
      'HubSpot',
      'Salesforce',
      'Slack',
      'Pipedrive',
      'Zendesk',
      'Jira',
      'Google Sheets',
    ]) {
      expect(names).toContain(core);
    }
    const authTypes = new Set(data.integrations.map((i) => i.authType));
    expect(
      [...authTypes].every((t) => (CONNECTOR_AUTH_TYPES as readonly unknown[]).includes(t)),
    ).toBe(true);
    expect(authTypes.size).toBeGreaterThanOrEqual(3);
    expect(data.integrations.filter((i) => i.archivedAt !== undefined).length).toBe(1);
    const missing = data.integrations.filter((i) => i.hasMissingParameters === true);
    expect(missing.length).toBe(1);
    expect(missing[0]?.archivedAt).toBeUndefined();
    expect(new Set(data.integrations.map((i) => i.key)).size).toBe(10);
  });

  it('numbers tenants tenant-0001…, with one archived, some test and some inactive tenants', () => {
    expect(data.customers.map((c) => c.internalId)).toEqual(
      Array.from({ length: 25 }, (_, i) => `tenant-${String(i + 1).padStart(4, '0')}`),
    );
    expect(data.customers.filter((c) => c.archivedAt !== undefined).length).toBe(1);
    expect(data.customers.filter((c) => c.isTest === true).length).toBe(3);
    expect(data.customers.filter((c) => c.isActive === false).length).toBe(3);
    const first = data.customers[0];
    expect([first?.isActive, first?.isTest, first?.archivedAt]).toEqual([true, false, undefined]);
  });
});

describe('findFullyPopulatedFlow', () => {
  const flow = findFullyPopulatedFlow(data);
  const byId = <T extends { id: string }>(list: T[], id: string | undefined): T | undefined =>
    list.find((item) => item.id === id);

  it('is the only showcase flow, a connection-level flow carrying every own key of the example', () => {
    expect(data.flows.filter((f) => f.meta?.showcase === true)).toEqual([flow]);
    const own = Object.fromEntries(
      Object.entries(example).filter(([key]) => !FLOW_EMBED_KEYS.includes(key)),
    );
    expect(missingKeys(flow, own)).toEqual([]);
  });

  it('has a customer, connection and integration with every key of the example embeds', () => {
    const connection = byId(data.connections, flow.connectionId);
    expect(missingKeys(byId(data.customers, flow.userId), example.user)).toEqual([]);
    expect(missingKeys(connection, example.connection)).toEqual([]);
    expect(missingKeys(byId(data.integrations, flow.integrationId), example.integration)).toEqual(
      [],
    );
    expect(connection?.userId).toBe(flow.userId);
  });

  it('has a parent flow with every example key except the connection-layer ones', () => {
    const parent = byId(data.flows, flow.flowId);
    expect(missingKeys(parent, example.flow, '$', CONNECTION_LAYER_KEYS)).toEqual([]);
    expect(parent?.archivedAt).toBeDefined();
  });

  it('has one live sibling version, fully populated but for archivedAt (appliedToIntegrations)', () => {
    const versions = data.flows.filter(
      (f) => f.universalFlowId === flow.universalFlowId && f.connectionId === undefined,
    );
    expect(versions.map((f) => f.id)).toEqual([flow.flowId, expect.any(String)]);
    const live = versions.filter((f) => f.archivedAt === undefined);
    expect(live.length).toBe(1);
    const applied = (example.appliedToIntegrations as Json[])[0] as Record<string, Json>;
    const ignore = new Set([...CONNECTION_LAYER_KEYS, 'archivedAt']);
    expect(missingKeys(live[0], applied.element, '$', ignore)).toEqual([]);
    const host = byId(data.integrations, live[0]?.integrationId);
    expect(missingKeys(host, applied.integration, '$', new Set(['archivedAt']))).toEqual([]);
    expect(host?.archivedAt).toBeUndefined();
  });
});
