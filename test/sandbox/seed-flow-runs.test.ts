import { FlowRunApiResponse } from '@membranehq/sdk';
import { describe, expect, it } from 'vitest';
import { generateSeed } from '../../src/sandbox/seed.js';
import { DATE_MAX, DATE_MIN } from '../../src/sandbox/seed-random.js';
import type { WireFlowRun } from '../../src/sandbox/types.js';
import { schemaIssues } from './sdk-schemas.js';

describe('generateSeed: the flow-run history', () => {
  it('is generated on first read only, and the same for the same seed', () => {
    const data = generateSeed();
    expect(typeof Object.getOwnPropertyDescriptor(data, 'flowRuns')?.get).toBe('function');
    const runs = data.flowRuns ?? [];
    expect(Object.getOwnPropertyDescriptor(data, 'flowRuns')?.value).toBe(runs);
    expect(data.flowRuns).toBe(runs);
    expect(generateSeed().flowRuns).toEqual(runs);
    expect(generateSeed({ seed: 2 }).flowRuns).not.toEqual(runs);
  });

  it('gives every seeded connection-level flow 2–5 finished runs that belong to it', () => {
    const data = generateSeed();
    const runs = data.flowRuns ?? [];
    const byFlow = new Map<string, WireFlowRun[]>();
    for (const run of runs) {
      byFlow.set(run.connectionFlowId, [...(byFlow.get(run.connectionFlowId) ?? []), run]);
    }
    const instances = data.flows.filter((f) => f.connectionId !== undefined);
    expect([...byFlow.keys()].sort()).toEqual(instances.map((f) => f.id).sort());
    const wrong: string[] = [];
    for (const flow of instances) {
      const mine = byFlow.get(flow.id) ?? [];
      const expected = {
        userId: flow.userId,
        tenantId: flow.userId,
        integrationId: flow.integrationId,
        connectionId: flow.connectionId,
        externalAppId: flow.externalAppId,
        name: flow.name,
        integrationFlowId: flow.flowId,
        universalFlowId: flow.universalFlowId,
        flowInstanceId: flow.id,
        flowId: flow.flowId,
        startNodeKey: 'trigger',
      };
      if (mine.length < 2 || mine.length > 5) {
        wrong.push(`${flow.id}: ${mine.length} runs`);
      }
      for (const run of mine) {
        const picked = Object.fromEntries(Object.keys(expected).map((k) => [k, run[k as 'id']]));
        if (JSON.stringify(picked) !== JSON.stringify(expected)) {
          wrong.push(`${run.id}: ${JSON.stringify(picked)}`);
        }
      }
      // A flow with a configuration error: its latest run failed with the flow's errors.
      if (flow.state === 'CONFIGURATION_ERROR' || flow.state === 'SETUP_FAILED') {
        const latest = mine.at(-1);
        if (
          latest?.state !== 'failed' ||
          JSON.stringify(latest.errors) !== JSON.stringify(flow.errors)
        ) {
          wrong.push(`${flow.id}: latest run of a broken flow is ${latest?.state}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('has finished runs only, some failed with errors, in the seed range, strict SDK shape', () => {
    const runs = generateSeed().flowRuns ?? [];
    const states = new Set(runs.map((r) => r.state));
    expect([...states].sort()).toEqual(['completed', 'failed', 'stopped']);
    const problems: string[] = [];
    const ids = new Set<string>();
    for (const run of runs) {
      ids.add(run.id);
      const issues = schemaIssues(FlowRunApiResponse.strict(), run);
      const start = Date.parse(run.startTime);
      const end = Date.parse(run.endTime ?? '');
      const failedRight =
        (run.state === 'failed') === (run.errors ?? []).length > 0 &&
        Object.values(run.nodes ?? {}).filter((n) => n.state === 'failed').length ===
          (run.state === 'failed' ? 1 : 0);
      if (
        issues !== '' ||
        !/^[0-9a-f]{24}$/.test(run.id) ||
        !(start >= DATE_MIN && end >= start && end <= DATE_MAX) ||
        !failedRight
      ) {
        problems.push(`${run.id}: ${issues}`);
      }
    }
    expect(problems).toEqual([]);
    expect(ids.size).toBe(runs.length);
    expect(runs.map((r) => r.startTime)).toEqual(runs.map((r) => r.startTime).sort());
    const failed = runs.filter((r) => r.state === 'failed').length;
    expect(failed > runs.length / 10 && failed < runs.length / 2).toBe(true);
  });

  it('is generated at the benchmark scale (10) too', () => {
    const big = generateSeed({ scale: 10 });
    expect((big.flowRuns ?? []).length).toBeGreaterThan(4000);
  });
});
