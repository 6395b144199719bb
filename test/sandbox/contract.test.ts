import { BaseConnection, BaseFlow, BaseIntegration } from '@membranehq/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import {
  demoTenant,
  embedsOf,
  example,
  flowExample,
  liveFlow,
  pageOf,
  shapeProblems,
  withoutEmbeds,
} from './contract-helpers.js';
import { call } from './helpers.js';
import { schemaIssues, strictCustomer, strictFlow, strictPage } from './sdk-schemas.js';

const strictFlowPage = strictPage(strictFlow);
const CONNECTION_EMBEDS = ['integration', 'user', 'connection', 'flow'];

describe.each(['refresh', 'all'] as const)('REST contract of flows (embeds: %s)', (embeds) => {
  let s: Sandbox;
  beforeAll(async () => {
    s = await startSandbox({ embeds });
  });
  afterAll(() => s.close());

  it('GET /flows: every page conforms, for the admin and the demo tenant', async () => {
    for (const token of [s.tokens.admin, s.tokens.tenant]) {
      let cursor: string | undefined = '0';
      let pages = 0;
      const ids: string[] = [];
      while (cursor !== undefined) {
        const res = await call(s, 'GET', `/flows?limit=40&cursor=${cursor}`, { token });
        expect(res.status).toBe(200);
        expect(shapeProblems(strictFlowPage, res.json, pageOf(flowExample))).toEqual([]);
        for (const item of res.json.items) {
          ids.push(item.id);
          if (embeds === 'refresh') {
            expect(embedsOf(item)).toEqual([]);
          } else if (item.connectionId) {
            expect(embedsOf(item)).toEqual(expect.arrayContaining(CONNECTION_EMBEDS));
          }
        }
        cursor = res.json.cursor;
        pages += 1;
      }
      const visible = s.data.flows.filter(
        (f) =>
          f.archivedAt === undefined &&
          (token === s.tokens.admin ||
            f.connectionId === undefined ||
            f.userId === demoTenant(s).customer.id),
      );
      expect([ids.length, new Set(ids).size]).toEqual([visible.length, visible.length]);
      expect(pages).toBe(Math.ceil(visible.length / 40));
    }
  });

  it('GET /flows/{id}: a flow of each layer is the stored flow, embeds only in "all" mode', async () => {
    const { flows } = demoTenant(s);
    const cases = [
      [liveFlow(s, 'universal'), s.tokens.admin],
      [liveFlow(s, 'integration'), s.tokens.admin],
      [liveFlow(s, 'connection'), s.tokens.admin],
      [liveFlow(s, 'integration'), s.tokens.tenant],
      [flows[0], s.tokens.tenant],
    ] as const;
    for (const [flow, token] of cases) {
      const res = await call(s, 'GET', `/flows/${flow?.id}`, { token });
      expect(res.status).toBe(200);
      expect(shapeProblems(strictFlow, res.json, flowExample)).toEqual([]);
      expect(withoutEmbeds(res.json)).toEqual(flow);
      if (embeds === 'refresh') {
        expect(embedsOf(res.json)).toEqual([]);
      } else if (flow?.connectionId) {
        expect(embedsOf(res.json)).toEqual(expect.arrayContaining(CONNECTION_EMBEDS));
      }
    }
  });

  it('POST refresh: a connection-level flow embeds integration, user, connection, flow and applied versions', async () => {
    const { flows, customer } = demoTenant(s);
    const target = flows.find((f) => f.universalFlowId !== undefined);
    for (const token of [s.tokens.admin, s.tokens.tenant]) {
      const res = await call(s, 'POST', `/flows/${target?.id}/refresh`, { token });
      expect(res.status).toBe(200);
      expect(shapeProblems(strictFlow, res.json, flowExample)).toEqual([]);
      expect(embedsOf(res.json)).toEqual([
        'integration',
        'appliedToIntegrations',
        'user',
        'connection',
        'flow',
      ]);
      expect(res.json.user.id).toBe(customer.id);
      expect(res.json.connection.id).toBe(target?.connectionId);
      expect(res.json.flow.id).toBe(target?.flowId);
      expect(schemaIssues(BaseFlow.strict(), res.json.flow)).toBe('');
      expect(schemaIssues(BaseIntegration.strict(), res.json.integration)).toBe('');
      expect(schemaIssues(BaseConnection.strict(), res.json.connection)).toBe('');
      expect(schemaIssues(strictCustomer, res.json.user)).toBe('');
      for (const applied of res.json.appliedToIntegrations) {
        expect(schemaIssues(BaseFlow.strict(), applied.element)).toBe('');
        expect(schemaIssues(BaseIntegration.strict(), applied.integration)).toBe('');
        expect(applied.element.universalFlowId).toBe(target?.universalFlowId);
      }
    }
  });

  it('POST refresh of a universal flow (admin) lists its live integration versions', async () => {
    const universal = liveFlow(s, 'universal', (u) =>
      s.data.flows.some((f) => f.universalFlowId === u.id && f.archivedAt === undefined),
    );
    const res = await call(s, 'POST', `/flows/${universal.id}/refresh`);
    expect(res.status).toBe(200);
    expect(shapeProblems(strictFlow, res.json, flowExample)).toEqual([]);
    expect(embedsOf(res.json)).toEqual(['appliedToIntegrations']);
    const expected = s.data.flows.filter(
      (f) => f.universalFlowId === universal.id && !f.connectionId && f.archivedAt === undefined,
    );
    expect(
      res.json.appliedToIntegrations.map((a: { element: { id: string } }) => a.element.id).sort(),
    ).toEqual(expected.map((f) => f.id).sort());
  });

  it('POST reset and DELETE + POST restore answer a conforming flow (tenant and admin)', async () => {
    const cases = [
      [demoTenant(s).flows[1], s.tokens.tenant],
      [liveFlow(s, 'integration', (f) => f.universalFlowId !== undefined), s.tokens.admin],
      [liveFlow(s, 'universal'), s.tokens.admin],
    ] as const;
    for (const [target, token] of cases) {
      const reset = await call(s, 'POST', `/flows/${target?.id}/reset`, { token });
      expect(reset.status).toBe(200);
      expect(shapeProblems(strictFlow, reset.json, flowExample)).toEqual([]);
      const archived = await call(s, 'DELETE', `/flows/${target?.id}`, { token });
      expect([archived.status, archived.text]).toEqual([200, '']);
      const restored = await call(s, 'POST', `/flows/${target?.id}/restore`, { token });
      expect(restored.status).toBe(200);
      expect(shapeProblems(strictFlow, restored.json, flowExample)).toEqual([]);
      expect(restored.json.archivedAt).toBeUndefined();
      expect(withoutEmbeds(restored.json)).toEqual(s.data.flows.find((f) => f.id === target?.id));
    }
  });

  it('the checks are not vacuous: placeholders and invented keys are caught', () => {
    expect(shapeProblems(strictFlow, example, flowExample)).toContain(
      'parametersSchema.items: Invalid input: expected object, received string',
    );
    expect(shapeProblems(strictFlow, { id: 'x', name: 'n', invented: 1 }, flowExample)).toEqual([
      expect.stringContaining('invented'),
      '$.invented',
    ]);
  });
});
