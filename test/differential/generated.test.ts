import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIST_CASES } from './cases-lists.js';
import { MUTATION_CASES } from './cases-mutations.js';
import { QUERY_CASES } from './cases-shapes.js';
import { expectSameAnswers } from './compare.js';
import { type Built, type Facts, type GeneratedCase, probeFacts } from './facts.js';
import { type Differential, startDifferential } from './paths.js';

// Issue 7, build 3: generated error cases (upstream faults at chosen positions, unknown
// entities, aliases, fragments, variables, nulls in non-null positions) through plain
// graphql-js `execute` and through the gateway in production, which must answer identically.

const key = (path: unknown) => JSON.stringify(path);

/** Sets the case up on every sandbox, compares both paths, and checks the case did fail where it says. */
async function run(diff: Differential, built: Built, options?: { mutation: boolean }) {
  const undo = diff.sandboxes.flatMap((sandbox) => [
    ...(built.faults ?? []).map((rule) => sandbox.faults.add(rule)),
    ...(built.edit ? [built.edit(sandbox.data)] : []),
  ]);
  try {
    const [answer] = await expectSameAnswers(diff, built.source, [built.variables ?? {}], options);
    const paths = answer?.plain.errors.map((e) => key(e.path)).sort();
    expect(paths, 'graphql-js reports errors exactly where the case puts them').toEqual(
      built.errorsAt.map(key).sort(),
    );
  } finally {
    for (const u of undo) {
      u();
    }
  }
}

describe('differential execution: generated error cases', () => {
  describe('queries, both paths on one sandbox', () => {
    let diff: Differential;
    let facts: Facts;
    beforeAll(async () => {
      diff = await startDifferential();
      facts = await probeFacts(diff);
    });
    afterAll(() => diff.close());

    it.each<GeneratedCase>([...LIST_CASES, ...QUERY_CASES])('%s', async (_, build) => {
      await run(diff, build(facts));
    });
  });

  describe('mutations, each path on its own identically started sandbox', () => {
    // A refresh changes the sandbox's state, so each path refreshes its own copy and both start
    // every case from the same state (outcome.ts stamps the two values a refresh writes anew).
    let diff: Differential;
    let facts: Facts;
    beforeAll(async () => {
      diff = await startDifferential({ twin: true });
      expect(diff.sandboxes[1]?.data).toEqual(diff.sandboxes[0]?.data);
      facts = await probeFacts(diff);
    });
    afterAll(() => diff.close());

    it.each<GeneratedCase>(MUTATION_CASES)('%s', async (_, build) => {
      await run(diff, build(facts), { mutation: true });
    });
  });
});
