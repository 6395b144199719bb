import { ActionType } from '@membranehq/sdk';
import { describe, expect, it } from 'vitest';
import { generateSeed } from '../../src/sandbox/seed.js';
import type { WireAction } from '../../src/sandbox/types.js';
import { schemaIssues, strictAction, strictActionRunLog } from './sdk-schemas.js';

const data = generateSeed();
const actions = data.actions ?? [];
const byId = new Map(actions.map((a) => [a.id, a]));
const layer = (a: WireAction) =>
  a.connectionId ? 'connection' : a.integrationId ? 'integration' : 'universal';

describe('generateSeed: actions', () => {
  it('is deterministic, differs by seed, and leaves the rest of the seed as it was', () => {
    const again = generateSeed();
    expect(again.actions).toEqual(actions);
    expect(again.actionRunLogs).toEqual(data.actionRunLogs);
    expect(generateSeed({ seed: 2 }).actions?.map((a) => a.id)).not.toEqual(
      actions.map((a) => a.id),
    );
    const { actions: _a, actionRunLogs: _l, ...rest } = again;
    const { actions: _b, actionRunLogs: _m, ...before } = data;
    expect(rest).toEqual(before);
  });

  it('has every layer in the documented numbers, each element strict-valid', () => {
    const counts = ['universal', 'integration', 'connection'].map(
      (l) => actions.filter((a) => layer(a) === l).length,
    );
    expect(counts[0]).toBe(8);
    expect(counts[1]).toBeGreaterThanOrEqual(4 * data.integrations.length);
    expect(counts[1]).toBeLessThanOrEqual(6 * data.integrations.length);
    expect(counts[2]).toBe(90);
    expect(actions.map((a) => schemaIssues(strictAction, a)).filter((i) => i !== '')).toEqual([]);
    expect(new Set(actions.map((a) => a.id)).size).toBe(actions.length);
    const types = new Set(actions.map((a) => a.type));
    expect(types.size).toBeGreaterThanOrEqual(8);
    for (const type of types) {
      expect(Object.values(ActionType)).toContain(type);
    }
  });

  it('links layers: integration-level to universal by parentId, instances to both, owners to connections', () => {
    for (const action of actions) {
      if (layer(action) === 'integration' && action.parentId !== undefined) {
        expect(byId.get(action.parentId)?.isUniversal).toBe(true);
        expect(byId.get(action.parentId)?.key).toBe(action.key);
      }
      if (layer(action) === 'connection') {
        const parent = byId.get(action.parentId ?? '');
        const connection = data.connections.find((c) => c.id === action.connectionId);
        expect(layer(parent as WireAction)).toBe('integration');
        expect(action.universalParentId).toBe(parent?.parentId);
        expect([action.integrationId, action.userId, action.tenantId]).toEqual([
          connection?.integrationId,
          connection?.userId,
          connection?.userId,
        ]);
      }
    }
  });

  it('has broken actions (a configuration error, a defunct connection), one read-only, some archived', () => {
    const broken = actions.filter((a) => a.state !== 'READY');
    expect(
      broken.filter((a) => a.state === 'CONFIGURATION_ERROR' && layer(a) === 'integration'),
    ).toHaveLength(2);
    const inherited = (a: WireAction) => byId.get(a.parentId ?? '')?.state !== 'READY';
    const own = broken.filter(
      (a) => a.state === 'CONFIGURATION_ERROR' && layer(a) === 'connection' && !inherited(a),
    );
    expect(own).toHaveLength(3);
    const copies = actions.filter((a) => layer(a) === 'connection' && inherited(a));
    expect(copies.length).toBeGreaterThan(0);
    for (const action of copies.filter((a) => a.state !== 'SETUP_FAILED')) {
      expect(action.errors).toEqual(byId.get(action.parentId ?? '')?.errors);
    }
    expect(broken.some((a) => a.state === 'SETUP_FAILED')).toBe(true);
    expect(broken.every((a) => (a.errors?.length ?? 0) === 1)).toBe(true);
    expect(actions.filter((a) => a.isReadOnly === true)).toHaveLength(1);
    const archivedIntegrations = new Set(
      data.integrations.filter((i) => i.archivedAt).map((i) => i.id),
    );
    for (const action of actions.filter((a) => archivedIntegrations.has(a.integrationId ?? ''))) {
      expect(action.archivedAt).toBeDefined();
    }
  });

  it('has a run history: strict-valid, oldest first, some errors, a broken action’s latest run failed', () => {
    const logs = data.actionRunLogs ?? [];
    expect(logs.length).toBeGreaterThan(90);
    expect(logs.map((l) => schemaIssues(strictActionRunLog, l)).filter((i) => i !== '')).toEqual(
      [],
    );
    expect(logs.map((l) => l.createdAt)).toEqual([...logs.map((l) => l.createdAt)].sort());
    expect(logs.filter((l) => l.status === 'error').length).toBeGreaterThan(10);
    for (const log of logs) {
      const instance = byId.get(log.connectionActionId ?? '');
      expect([instance?.parentId, instance?.connectionId, instance?.userId]).toEqual([
        log.integrationActionId,
        log.connectionId,
        log.userId,
      ]);
      expect(log.status === 'error' ? log.error : log.output).toBeDefined();
    }
    for (const action of actions.filter(
      (a) => a.state === 'CONFIGURATION_ERROR' && a.connectionId,
    )) {
      const latest = logs.filter((l) => l.connectionActionId === action.id).at(-1);
      expect([latest?.status, latest?.error]).toEqual(['error', action.errors?.[0]]);
    }
  });

  it('scales the connection-level actions', () => {
    const big = generateSeed({ scale: 3 });
    expect(big.actions?.filter((a) => a.connectionId).length).toBe(270);
  });
});
