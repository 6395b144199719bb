import { Kind, OperationTypeNode, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { expectSameAnswers } from './compare.js';
import { type HarvestedDocument, harvestDocuments } from './harvest.js';
import { exceedsEdgeLimits } from './limits.js';
import { type Differential, startDifferential } from './paths.js';
import { type Samples, samplesOf, variablesFor } from './variables.js';

// Issue 7, build 3: every GraphQL document of the test suite runs through plain graphql-js
// `execute` and through the gateway in production, which must answer identically.

const harvested = harvestDocuments();
/** Documents for another schema (the supergraph, unit tests' toy schemas) fail validation. */
const valid = harvested.filter((d) => validate(schema, d.document).length === 0);
const runnable = valid.filter((d) => !exceedsEdgeLimits(d.source, d.document));
const isMutation = (d: HarvestedDocument) =>
  d.document.definitions.some(
    (def) => def.kind === Kind.OPERATION_DEFINITION && def.operation === OperationTypeNode.MUTATION,
  );
const queries = runnable.filter((d) => !isMutation(d));
const mutations = runnable.filter(isMutation);

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const table = (docs: HarvestedDocument[]) =>
  docs.map((d) => [`${d.where} ${oneLine(d.source).slice(0, 90)}`, d] as const);

/**
 * Each distinct variable set the tests used, what they computed at runtime filled in from the
 * seed (variables.ts); and no variables at all, which for a document with required ones
 * compares the two paths' variable coercion errors.
 */
function variableSets(doc: HarvestedDocument, samples: Samples) {
  const sets = (doc.variableSets.length ? doc.variableSets : [undefined]).map((paired) =>
    variablesFor(doc.document, paired, samples),
  );
  return [...new Map([...sets, {}].map((v) => [JSON.stringify(v), v])).values()];
}

describe('differential execution: the documents of the test suite', () => {
  it('harvests them all (a broken harvester must not pass by finding nothing)', () => {
    console.info(
      `differential: ${harvested.length} distinct documents harvested, ${valid.length} valid for the gateway's schema, ${valid.length - runnable.length} above the edge's limits, ${queries.length} queries and ${mutations.length} mutations compared`,
    );
    expect(harvested.length).toBeGreaterThanOrEqual(100);
    expect(queries.length).toBeGreaterThanOrEqual(70);
    expect(mutations.length).toBeGreaterThanOrEqual(7);
  });

  describe('queries, both paths on one sandbox', () => {
    let diff: Differential;
    let samples: Samples;
    beforeAll(async () => {
      diff = await startDifferential();
      samples = samplesOf(diff.gateway.sandbox.data);
    });
    afterAll(() => diff.close());

    it.each(table(queries))('%s', async (_, doc) => {
      await expectSameAnswers(diff, doc.source, variableSets(doc, samples));
    });
  });

  describe('mutations, each path on its own identically started sandbox', () => {
    // A refresh changes the sandbox's state: each side refreshes its own copy, so both start
    // every mutation from the same state (see outcome.ts for the two values it stamps anew).
    let diff: Differential;
    let samples: Samples;
    beforeAll(async () => {
      diff = await startDifferential({ twin: true });
      samples = samplesOf(diff.gateway.sandbox.data);
      expect(diff.sandboxes[1]?.data).toEqual(diff.sandboxes[0]?.data);
    });
    afterAll(() => diff.close());

    it.each(table(mutations))('%s', async (_, doc) => {
      await expectSameAnswers(diff, doc.source, variableSets(doc, samples), { mutation: true });
    });
  });

  describe('with the upstream cache on for every resource (production only)', () => {
    // Each variable set twice: the first read fills the cache, the second is served by it;
    // both must answer exactly as the plain path, which has no cache.
    const everything = {
      UPSTREAM_CACHE_TTL_MS: '600000',
      UPSTREAM_CACHE_RESOURCES: 'integrations,flows,flow-runs,connections,customers',
    };
    describe('queries, cold and warm', () => {
      let diff: Differential;
      let samples: Samples;
      beforeAll(async () => {
        diff = await startDifferential({ gatewayEnv: everything });
        samples = samplesOf(diff.gateway.sandbox.data);
      });
      afterAll(() => diff.close());

      it.each(table(queries))('%s', async (_, doc) => {
        const sets = variableSets(doc, samples);
        await expectSameAnswers(diff, doc.source, [...sets, ...sets]);
      });
    });

    describe('mutations after warm reads: nothing stale', () => {
      let diff: Differential;
      let samples: Samples;
      beforeAll(async () => {
        diff = await startDifferential({ twin: true, gatewayEnv: everything });
        samples = samplesOf(diff.gateway.sandbox.data);
      });
      afterAll(() => diff.close());

      it.each(table(mutations))('%s', async (_, doc) => {
        // every query of the suite warms the cache first; after the write they must still agree
        const warm = queries.slice(0, 20);
        for (const query of warm) {
          await diff.production(query.source, variableSets(query, samples)[0]);
        }
        await expectSameAnswers(diff, doc.source, variableSets(doc, samples), { mutation: true });
        for (const query of warm) {
          await expectSameAnswers(diff, query.source, [variableSets(query, samples)[0] ?? {}], {
            afterWrites: true,
          });
        }
      });
    });
  });
});
