import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { findFullyPopulatedFlow } from '../../src/sandbox/seed.js';
import { extraKeys, missingKeys } from '../support/seed-example.js';
import { embedsOf, example, flowExample, shapeProblems } from './contract-helpers.js';
import { call } from './helpers.js';
import { strictFlow } from './sdk-schemas.js';

/**
 * Example keys the showcase refresh legitimately lacks, each with its reason. Anything else
 * missing is a gap in the sandbox (or the seed).
 */
const EXEMPT: ReadonlyArray<[RegExp, string]> = [
  [
    /^\$\.(flow|appliedToIntegrations\[\d+\]\.element)\.(connectionId|instanceKey|flowId|userId|tenantId|flowRevision)$/,
    'integration-level flows have no connection-layer keys',
  ],
  [
    /^\$\.appliedToIntegrations\[\d+\]\.(element|integration)\.archivedAt$/,
    'the sandbox lists only live (non-archived) versions in appliedToIntegrations',
  ],
  [/^\$\.user\.credentials$/, 'the sandbox keeps secrets out of embeds (embeds.ts baseCustomer)'],
  [
    /^\$\.errors\[\d+\]\.(data|stack|causedByError|logs)$/,
    'refresh recomputes errors as {type, key, message} (refresh.ts configurationErrors)',
  ],
];

const exempt = (path: string): boolean => EXEMPT.some(([pattern]) => pattern.test(path));

describe.each(['refresh', 'all'] as const)('the showcase refresh (embeds: %s)', (embeds) => {
  let s: Sandbox;
  beforeAll(async () => {
    s = await startSandbox({ embeds });
  });
  afterAll(() => s.close());

  it('carries every key of the seed example, recursively, and invents none', async () => {
    const showcase = findFullyPopulatedFlow(s.data);
    const res = await call(s, 'POST', `/flows/${showcase.id}/refresh`);
    expect(res.status).toBe(200);
    expect(shapeProblems(strictFlow, res.json, flowExample)).toEqual([]);
    expect(embedsOf(res.json)).toEqual([
      'integration',
      'appliedToIntegrations',
      'user',
      'connection',
      'flow',
    ]);
    const missing = missingKeys(res.json, example);
    expect(missing.filter((path) => !exempt(path))).toEqual([]);
    expect(res.json.archivedAt).toBe(showcase.archivedAt);
  });

  it('resolves the same flow through key + connectionId + instanceKey', async () => {
    const showcase = findFullyPopulatedFlow(s.data);
    const query = `connectionId=${showcase.connectionId}&instanceKey=${showcase.instanceKey}`;
    const res = await call(s, 'POST', `/flows/${showcase.key}/refresh?${query}`);
    expect([res.status, res.json.id]).toEqual([200, showcase.id]);
    expect(extraKeys(res.json, example)).toEqual([]);
  });

  it('the live sibling version, addressed as integrationKey.flowKey, is fully populated too', async () => {
    const showcase = findFullyPopulatedFlow(s.data);
    const live = s.data.flows.find(
      (f) =>
        f.universalFlowId === showcase.universalFlowId &&
        f.connectionId === undefined &&
        f.archivedAt === undefined,
    );
    const res = await call(s, 'POST', `/flows/${live?.integrationKey}.${live?.key}/refresh`);
    expect([res.status, res.json.id]).toEqual([200, live?.id]);
    expect(shapeProblems(strictFlow, res.json, flowExample)).toEqual([]);
    const own = Object.fromEntries(
      Object.entries(example).filter(([key]) => !['user', 'connection', 'flow'].includes(key)),
    );
    // This flow is the refreshed one: live (no archivedAt) and with recomputed errors.
    const recomputed = /(archivedAt|errors\[\d+\]\.(data|stack|causedByError|logs))$/;
    const missing = missingKeys(res.json, own).filter(
      (path) =>
        !recomputed.test(path) && !exempt(path) && !exempt(path.replace(/^\$\./, '$.flow.')),
    );
    expect(missing).toEqual([]);
  });
});
