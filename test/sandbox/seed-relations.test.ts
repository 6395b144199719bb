import { describe, expect, it } from 'vitest';
import { findFullyPopulatedFlow, generateSeed } from '../../src/sandbox/seed.js';
import type { WireFlow } from '../../src/sandbox/types.js';
import { strictConnectionWithSecrets, strictFlow } from './sdk-schemas.js';

const data = generateSeed();
const customers = new Map(data.customers.map((c) => [c.id, c]));
const integrations = new Map(data.integrations.map((i) => [i.id, i]));
const connections = new Map(data.connections.map((c) => [c.id, c]));
const flows = new Map(data.flows.map((f) => [f.id, f]));
const universal = data.flows.filter((f) => f.isUniversal === true);
const integrationLevel = data.flows.filter((f) => f.integrationId && !f.connectionId);
const connectionLevel = data.flows.filter((f) => f.connectionId !== undefined);

function duplicates(keys: string[]): string[] {
  return keys.filter((key, i) => keys.indexOf(key) !== i);
}

describe('seed relations: connections', () => {
  it('belong to an existing customer (userId = tenantId = customer.id) and integration', () => {
    for (const c of data.connections) {
      expect([
        customers.has(c.userId),
        c.tenantId,
        integrations.has(c.integrationId ?? ''),
      ]).toEqual([true, c.userId, true]);
      expect(c.isTest).toBe(customers.get(c.userId)?.isTest);
    }
  });

  it('unless archived, link a non-archived customer and a non-archived integration, once per pair', () => {
    const live = data.connections.filter((c) => c.archivedAt === undefined);
    const bad = live.filter(
      (c) =>
        customers.get(c.userId)?.archivedAt !== undefined ||
        integrations.get(c.integrationId ?? '')?.archivedAt !== undefined,
    );
    expect(bad).toEqual([]);
    expect(duplicates(data.connections.map((c) => `${c.userId}/${c.integrationId}`))).toEqual([]);
  });

  it('have a few disconnected, defunct, client-action, building and archived ones', () => {
    const count = (p: (c: (typeof data.connections)[number]) => boolean): number =>
      data.connections.filter(p).length;
    expect(count((c) => c.disconnected === true && c.connected === false)).toBeGreaterThanOrEqual(
      2,
    );
    expect(
      count((c) => c.isDefunct === true && c.requestError !== undefined),
    ).toBeGreaterThanOrEqual(2);
    expect(count((c) => c.state === 'BUILDING' && c.buildingAgentSessionId !== undefined)).toBe(1);
    expect(count((c) => c.archivedAt !== undefined && c.isDeactivated === true)).toBe(3);
    expect(count((c) => c.state === 'READY' && c.connected === true)).toBeGreaterThanOrEqual(45);
  });

  it('have clientAction exactly when the state is CLIENT_ACTION_REQUIRED', () => {
    const mismatched = data.connections.filter(
      (c) => (c.clientAction !== undefined) !== (c.state === 'CLIENT_ACTION_REQUIRED'),
    );
    expect(mismatched).toEqual([]);
    expect(data.connections.filter((c) => c.clientAction).length).toBeGreaterThanOrEqual(3);
  });
});

describe('seed relations: flows', () => {
  it('universal flows have no integration or connection, and distinct keys', () => {
    for (const f of universal) {
      expect([f.integrationId, f.connectionId, f.flowId, f.userId]).toEqual([
        undefined,
        undefined,
        undefined,
        undefined,
      ]);
    }
    expect(duplicates(universal.map((f) => f.key ?? ''))).toEqual([]);
  });

  it('integration-level flows name their integration by id, key and uuid; keys are unique per integration', () => {
    for (const f of integrationLevel) {
      const integration = integrations.get(f.integrationId ?? '');
      expect([f.integrationKey, f.integrationUuid]).toEqual([integration?.key, integration?.uuid]);
      expect(f.isUniversal === true).toBe(false);
    }
    expect(duplicates(integrationLevel.map((f) => `${f.integrationId}/${f.key}`))).toEqual([]);
  });

  it('most integration-level flows share the key, uuid and revision of their universal parent', () => {
    const derived = integrationLevel.filter((f) => f.universalFlowId !== undefined);
    expect(derived.length / integrationLevel.length).toBeGreaterThan(0.7);
    for (const f of derived) {
      const parent = flows.get(f.universalFlowId ?? '') as WireFlow;
      expect(parent.isUniversal).toBe(true);
      expect([f.key, f.parentKey, f.parentUuid, f.universalFlowRevision]).toEqual([
        parent.key,
        parent.key,
        parent.uuid,
        parent.revision,
      ]);
    }
    const shared = new Set(derived.map((f) => f.key));
    expect(shared.size).toBeGreaterThanOrEqual(5);
  });

  it('connection-level flows follow their connection and parent flow', () => {
    for (const f of connectionLevel) {
      const connection = connections.get(f.connectionId ?? '');
      const parent = flows.get(f.flowId ?? '') as WireFlow;
      expect(parent.connectionId).toBeUndefined();
      expect([f.userId, f.tenantId, f.integrationId]).toEqual([
        connection?.userId,
        connection?.userId,
        connection?.integrationId,
      ]);
      expect([parent.integrationId, f.key, f.parentKey, f.parentUuid]).toEqual([
        f.integrationId,
        parent.key,
        parent.key,
        parent.uuid,
      ]);
      expect([f.universalFlowId, f.flowRevision, f.universalFlowRevision]).toEqual([
        parent.universalFlowId,
        parent.revision,
        parent.universalFlowRevision,
      ]);
      expect(typeof f.enabled).toBe('boolean');
      expect(f.parameters).toBeTypeOf('object');
    }
  });

  it('connection-level keys are unique per (connection, key, instanceKey); some have an instanceKey', () => {
    const scoped = connectionLevel.map((f) => `${f.connectionId}/${f.key}/${f.instanceKey ?? ''}`);
    expect(duplicates(scoped)).toEqual([]);
    expect(connectionLevel.filter((f) => f.instanceKey !== undefined).length).toBeGreaterThan(5);
  });

  it('are archived when their connection or integration is archived', () => {
    const orphans = data.flows.filter((f) => {
      const owner =
        connections.get(f.connectionId ?? '') ?? integrations.get(f.integrationId ?? '');
      return owner?.archivedAt !== undefined && f.archivedAt === undefined;
    });
    expect(orphans).toEqual([]);
  });

  it('are mostly READY; errors come with a non-READY state, failed states have errors', () => {
    const ready = data.flows.filter((f) => f.state === 'READY').length;
    expect(ready / data.flows.length).toBeGreaterThan(0.8);
    expect(data.flows.filter((f) => f.state === 'CONFIGURATION_ERROR').length).toBeGreaterThan(3);
    const elements = [...data.flows, ...data.integrations, ...data.connections];
    const failing = new Set(['CONFIGURATION_ERROR', 'SETUP_FAILED']);
    const mismatched = elements.filter(
      (e) =>
        (e.errors !== undefined && e.state === 'READY') ||
        (e.errors === undefined && failing.has(e.state ?? '')),
    );
    expect(mismatched.map((e) => `${e.id} ${e.state}`)).toEqual([]);
  });
});

describe.each([
  [2, 0.2],
  [3, 1],
  [4, 3],
])('seed %i at scale %f', (seed, scale) => {
  const other = generateSeed({ seed, scale });
  const count = (base: number, min: number): number => Math.max(min, Math.round(base * scale));

  it('has the scaled counts, SDK-valid elements and a showcase', () => {
    expect([other.connections.length, other.flows.length]).toEqual([count(60, 6), count(300, 16)]);
    const invalid = [
      ...other.flows.filter((f) => !strictFlow.safeParse(f).success),
      ...other.connections.filter((c) => !strictConnectionWithSecrets.safeParse(c).success),
    ];
    expect(invalid).toEqual([]);
    expect(findFullyPopulatedFlow(other).connectionId).toEqual(expect.any(String));
  });

  it('keeps keys unique in their scopes and live connections on live integrations', () => {
    const scoped = other.flows.map((f) =>
      [f.isUniversal ? 'u' : '', f.integrationId, f.connectionId, f.key, f.instanceKey].join('/'),
    );
    expect(duplicates(scoped)).toEqual([]);
    const archived = new Set(other.integrations.filter((i) => i.archivedAt).map((i) => i.id));
    const misplaced = other.connections.filter(
      (c) => c.archivedAt === undefined && archived.has(c.integrationId ?? ''),
    );
    expect(misplaced).toEqual([]);
  });
});
