import { parse, validate } from 'graphql';
import { expect } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { type Outcome, withoutRefreshStamps, withoutWriteStamps } from './outcome.js';
import type { Differential, Variables } from './paths.js';

/** The assertion message: vitest shows graphql-js as "Expected" (-) and production as "Received" (+). */
export const VERDICT =
  'production path (Received, +) must answer exactly as graphql-js execute (Expected, -)';

/**
 * Runs one document with each variable set through both paths, one after the other (production
 * first), and asserts the same data and the same errors for every set. `afterWrites`: the twin
 * sandboxes have taken writes, so their write stamps are compared by type only.
 */
export async function expectSameAnswers(
  diff: Differential,
  source: string,
  variableSets: Variables[],
  { mutation = false, afterWrites = false } = {},
): Promise<{ variables: Variables; plain: Outcome }[]> {
  // only documents that validate are compared (validation is not execution)
  expect(validate(schema, parse(source)).map((e) => e.message)).toEqual([]);
  const normalise = mutation
    ? withoutRefreshStamps
    : afterWrites
      ? withoutWriteStamps
      : (o: Outcome) => o;
  const production: ({ variables: Variables } & Outcome)[] = [];
  const plain: ({ variables: Variables } & Outcome)[] = [];
  for (const variables of variableSets) {
    production.push({ variables, ...normalise(await diff.production(source, variables)) });
    plain.push({ variables, ...normalise(await diff.plain(source, variables)) });
  }
  expect(production, `${VERDICT}\n  for ${source.replace(/\s+/g, ' ').trim()}\n`).toEqual(plain);
  return plain.map(({ variables, ...outcome }) => ({ variables, plain: outcome }));
}
