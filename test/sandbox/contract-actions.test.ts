import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import type { WireAction } from '../../src/sandbox/types.js';
import { demoTenant } from './contract-helpers.js';
import { call } from './helpers.js';
import {
  deepIssues,
  ErrorDataSchema,
  schemaIssues,
  strictAction,
  strictActionRun,
  strictActionRunLog,
  strictPage,
} from './sdk-schemas.js';

const ACTION_EMBEDS = ['integration', 'user', 'parent', 'appliedToIntegrations'];
const LOG_EMBEDS = ['action', 'actionInstance', 'integration', 'connection', 'user'];

const without = (body: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(Object.entries(body).filter(([key]) => !keys.includes(key)));

const layer = (a: WireAction) =>
  a.connectionId ? 'connection' : a.integrationId ? 'integration' : 'universal';

describe.each(['refresh', 'all'] as const)('REST contract of actions (embeds: %s)', (embeds) => {
  let s: Sandbox;
  beforeAll(async () => {
    s = await startSandbox({ embeds });
  });
  afterAll(() => s.close());

  const actions = () => s.data.actions ?? [];

  /** Every page of a list, each checked against the strict SDK schema, items deep-strict. */
  async function everyPage(path: string, token: string, item: z.ZodTypeAny) {
    const items: Record<string, unknown>[] = [];
    let cursor: string | undefined = '0';
    while (cursor !== undefined) {
      const sep = path.includes('?') ? '&' : '?';
      const res = await call(s, 'GET', `${path}${sep}limit=37&cursor=${cursor}`, { token });
      expect(res.status, res.text).toBe(200);
      expect(schemaIssues(strictPage(item), res.json)).toBe('');
      for (const one of res.json.items) {
        expect(deepIssues(item, one)).toBe('');
        items.push(one);
      }
      cursor = res.json.cursor;
    }
    return items;
  }

  it('GET /actions: every page conforms for the admin and the demo tenant; exactly the visible ones', async () => {
    const { customer } = demoTenant(s);
    for (const token of [s.tokens.admin, s.tokens.tenant]) {
      const items = await everyPage('/actions', token, strictAction);
      const visible = actions().filter(
        (a) =>
          a.archivedAt === undefined &&
          (token === s.tokens.admin || a.connectionId === undefined || a.userId === customer.id),
      );
      expect(items.map((a) => a.id).sort()).toEqual(visible.map((a) => a.id).sort());
      for (const one of items) {
        expect(without(one, ACTION_EMBEDS)).toEqual(actions().find((a) => a.id === one.id));
      }
    }
  });

  it('GET /actions/{id}: one of each layer, broken and read-only ones, conforms and is the stored action', async () => {
    const picks = [
      actions().find((a) => layer(a) === 'universal'),
      actions().find((a) => layer(a) === 'integration' && a.parentId !== undefined),
      actions().find((a) => layer(a) === 'integration' && a.parentId === undefined),
      actions().find((a) => layer(a) === 'connection' && a.universalParentId !== undefined),
      actions().find((a) => a.state === 'CONFIGURATION_ERROR'),
      actions().find((a) => a.state === 'SETUP_FAILED'),
      actions().find((a) => a.isReadOnly === true),
      actions().find((a) => a.archivedAt !== undefined),
    ];
    for (const action of picks) {
      const res = await call(s, 'GET', `/actions/${action?.id}`);
      expect(res.status).toBe(200);
      expect(deepIssues(strictAction, res.json)).toBe('');
      expect(without(res.json, ACTION_EMBEDS)).toEqual(action);
      const present = ACTION_EMBEDS.filter((key) => key in res.json);
      if (embeds === 'refresh') {
        expect(present).toEqual([]);
      } else if (layer(action as WireAction) === 'connection') {
        expect(present).toEqual(expect.arrayContaining(['integration', 'user', 'parent']));
      }
    }
  });

  it('runs: the response, the log and the error body conform', async () => {
    const ready = actions().find(
      (a) =>
        layer(a) === 'connection' &&
        a.state === 'READY' &&
        a.archivedAt === undefined &&
        a.inputSchema?.required === undefined &&
        s.data.connections.find((c) => c.id === a.connectionId)?.disconnected !== true,
    );
    const run = await call(s, 'POST', `/actions/${ready?.id}/run`, { body: '{"input":{}}' });
    expect(run.status, run.text).toBe(200);
    expect(schemaIssues(strictActionRun, run.json)).toBe('');
    const log = await call(s, 'GET', `/action-run-logs/${run.json.actionRunId}`);
    expect(deepIssues(strictActionRunLog, log.json)).toBe('');
    expect(log.json).toMatchObject({ status: 'success', connectionActionId: ready?.id });
    const broken = actions().find(
      (a) => a.state === 'CONFIGURATION_ERROR' && layer(a) === 'connection',
    );
    const failed = await call(s, 'POST', `/actions/${broken?.id}/run`, { body: '{}' });
    expect([failed.status, failed.json]).toEqual([400, broken?.errors?.[0]]);
    expect(schemaIssues(ErrorDataSchema, failed.json)).toBe('');
  });

  it('GET /action-run-logs: every page conforms; a tenant sees exactly its own', async () => {
    const { customer } = demoTenant(s);
    const all = await everyPage('/action-run-logs', s.tokens.admin, strictActionRunLog);
    expect(all.length).toBe(s.data.actionRunLogs?.length);
    const mine = await everyPage('/action-run-logs', s.tokens.tenant, strictActionRunLog);
    expect(mine.map((l) => l.id)).toEqual(
      all.filter((l) => l.userId === customer.id).map((l) => l.id),
    );
    expect(mine.length).toBeGreaterThan(0);
    for (const one of all.slice(0, 20)) {
      const present = LOG_EMBEDS.filter((key) => key in one);
      expect(present).toEqual(embeds === 'all' ? LOG_EMBEDS : []);
      expect(without(one, LOG_EMBEDS)).toEqual(s.data.actionRunLogs?.find((l) => l.id === one.id));
    }
  });

  it('GET /connections/{c}/actions: every page conforms', async () => {
    const { customer } = demoTenant(s);
    const connection = s.data.connections.find(
      (c) => c.userId === customer.id && actions().some((a) => a.connectionId === c.id),
    );
    const items = await everyPage(
      `/connections/${connection?.id}/actions`,
      s.tokens.tenant,
      strictAction,
    );
    expect(items.map((a) => a.id)).toEqual(
      actions()
        .filter((a) => a.connectionId === connection?.id && a.archivedAt === undefined)
        .sort(
          (a, b) =>
            (a.createdAt ?? '').localeCompare(b.createdAt ?? '') || a.id.localeCompare(b.id),
        )
        .map((a) => a.id),
    );
  });
});
