import {
  BaseConnection,
  BaseCustomer,
  BaseFlow,
  BaseIntegration,
  FindFlowRunsResponse,
  FlowRunApiResponse,
} from '@membranehq/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import type { WireFlowRun } from '../../src/sandbox/types.js';
import { demoTenant } from './contract-helpers.js';
import { call } from './helpers.js';
import { schemaIssues } from './sdk-schemas.js';

const strictRun = FlowRunApiResponse.strict();
const EMBEDS = ['flowInstance', 'connection', 'integration', 'user'];

/**
 * Schema issues of one run body: the strict run and its strict embeds. An embed already checked
 * (same key and id, listed in `checked`) is skipped: the same object embeds in many runs.
 */
function runProblems(body: Record<string, unknown>, checked = new Set<string>()): string[] {
  const embedSchemas = {
    flowInstance: BaseFlow.strict(),
    connection: BaseConnection.strict(),
    integration: BaseIntegration.strict(),
    user: BaseCustomer.strict(),
  };
  return [
    schemaIssues(strictRun, body),
    ...Object.entries(embedSchemas).map(([key, schema]) => {
      const embed = body[key] as { id?: string } | undefined;
      const seen = `${key}:${embed?.id}`;
      if (embed === undefined || checked.has(seen)) {
        return '';
      }
      checked.add(seen);
      return `${key}: ${schemaIssues(schema, embed)}`;
    }),
  ].filter((issues) => issues !== '' && !issues.endsWith(': '));
}

const withoutEmbeds = (body: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(body).filter(([key]) => !EMBEDS.includes(key)));

describe.each(['refresh', 'all'] as const)('REST contract of flow runs (embeds: %s)', (embeds) => {
  let s: Sandbox;
  let runs: WireFlowRun[];
  beforeAll(async () => {
    s = await startSandbox({ embeds, flowRunStepMs: 0 });
    runs = s.data.flowRuns ?? [];
  });
  afterAll(() => s.close());

  const checkEmbeds = (body: Record<string, unknown>): void => {
    expect(EMBEDS.filter((key) => key in body)).toEqual(embeds === 'all' ? EMBEDS : []);
    if (embeds === 'all') {
      expect([
        (body.flowInstance as { id: string }).id,
        (body.connection as { id: string }).id,
        (body.integration as { id: string }).id,
        (body.user as { id: string }).id,
      ]).toEqual([body.connectionFlowId, body.connectionId, body.integrationId, body.userId]);
    }
  };

  it('GET /flow-runs: every page conforms; the admin sees every run, the tenant its own', async () => {
    const { customer } = demoTenant(s);
    for (const [token, expected] of [
      [s.tokens.admin, runs],
      [s.tokens.tenant, runs.filter((r) => r.userId === customer.id)],
    ] as const) {
      const ids: string[] = [];
      const checked = new Set<string>();
      let cursor: string | undefined = '0';
      while (cursor !== undefined) {
        const res = await call(s, 'GET', `/flow-runs?limit=250&cursor=${cursor}`, { token });
        expect(res.status).toBe(200);
        // Items one by one below (strict, embeds once); here the envelope and the SDK's own type.
        expect(schemaIssues(FindFlowRunsResponse.strict(), res.json)).toBe('');
        for (const item of res.json.items) {
          expect(runProblems(item, checked)).toEqual([]);
          checkEmbeds(item);
          ids.push(item.id);
        }
        cursor = res.json.cursor;
      }
      const newestFirst = [...expected].sort((a, b) =>
        a.startTime === b.startTime
          ? b.id.localeCompare(a.id)
          : b.startTime.localeCompare(a.startTime),
      );
      expect(ids).toEqual(newestFirst.map((r) => r.id));
    }
  });

  it('GET /flow-runs/{id} is the stored run; the failed ones carry errors', async () => {
    const failed = runs.filter((r) => r.state === 'failed').slice(0, 3);
    for (const run of [runs[0], runs[runs.length - 1], ...failed]) {
      const res = await call(s, 'GET', `/flow-runs/${run?.id}`);
      expect(res.status).toBe(200);
      expect(runProblems(res.json)).toEqual([]);
      checkEmbeds(res.json);
      expect(withoutEmbeds(res.json)).toEqual(run);
    }
    expect(failed.map((r) => (r.errors ?? []).length > 0)).toEqual([true, true, true]);
  });

  it('POST run, POST /flow-runs, each step and stop answer conforming runs', async () => {
    const { flows } = demoTenant(s);
    const flow = flows.find((f) => f.state === 'READY' && Object.keys(f.nodes ?? {}).length > 2);
    const token = s.tokens.tenant;
    const run = await call(s, 'POST', `/flows/${flow?.id}/run`, {
      token,
      body: JSON.stringify({ input: { a: 1 } }),
    });
    const created = await call(s, 'POST', '/flow-runs', {
      token,
      body: JSON.stringify({ flowInstanceId: flow?.id }),
    });
    for (const res of [run, created]) {
      expect([res.status, runProblems(res.json)]).toEqual([200, []]);
      checkEmbeds(res.json);
    }
    const seen: string[] = [];
    for (let step = 0; step < 3; step += 1) {
      s.flowRuns.step();
      const res = await call(s, 'GET', `/flow-runs/${run.json.id}`, { token });
      expect(runProblems(res.json)).toEqual([]);
      seen.push(res.json.state);
    }
    expect(seen).toEqual(['running', 'running', 'running']);
    const stop = await call(s, 'POST', `/flow-runs/${created.json.id}/stop`, { token });
    expect([stop.status, stop.text]).toEqual([204, '']);
    const stopped = await call(s, 'GET', `/flow-runs/${created.json.id}`, { token });
    expect([stopped.json.state, runProblems(stopped.json)]).toEqual(['stopped', []]);
    s.flowRuns.step(20);
    const finished = await call(s, 'GET', `/flow-runs/${run.json.id}`, { token });
    expect([finished.json.state, runProblems(finished.json)]).toEqual(['completed', []]);
  });
});

describe('the flow-run checks are not vacuous', () => {
  it('an invented key, a bad state and a broken embed are caught', () => {
    const run = {
      id: 'r',
      userId: 'u',
      connectionFlowId: 'f',
      startNodeKey: 'trigger',
      state: 'queued',
      startTime: '2024-01-01T00:00:00.000Z',
    };
    expect(runProblems(run)).toEqual([]);
    expect(runProblems({ ...run, invented: 1 })).toEqual([expect.stringContaining('invented')]);
    expect(runProblems({ ...run, state: 'done' })).toEqual([expect.stringContaining('state')]);
    expect(runProblems({ ...run, user: { id: 'u', name: 'n' } })).toEqual([
      'user.internalId: Invalid input: expected string, received undefined',
      'user: internalId: Invalid input: expected string, received undefined',
    ]);
  });
});
