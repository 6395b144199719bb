import type { Client } from './client.js';
import type { Operation } from './operation.js';
import { type Accept, checkAnswer, nullPropagated } from './response-check.js';

/** One operation to send and how its answer is judged. */
export interface Step {
  operation: Operation;
  /** false: the codes it answers with are a guess (see `Lane`). */
  exact: boolean;
  tolerated: readonly string[];
  /** Told the answer's codes and data (a mutation lane moves on). */
  done?(result: { codes: readonly string[]; faulted: boolean; data: unknown }): void;
}

/** What one operation got. */
export interface Outcome {
  phase: string;
  requestId: string;
  name: string;
  kind: Operation['kind'];
  accept: Accept;
  status?: number;
  elapsedMs: number;
  /** What makes the answer malformed as GraphQL over HTTP (empty: well-formed). */
  problems: string[];
  /** Distinct `extensions.code` values. */
  codes: string[];
  intended: readonly string[];
  exact: boolean;
  tolerated: readonly string[];
  /** An error's null climbed to a parent (see `nullPropagated`). */
  propagated: boolean;
  /** Control reads: status and body with sorted keys, for comparison with the reference. */
  canonical?: string;
  transportError?: string;
}

/** JSON with sorted object keys: the same answer gives the same text. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Half the requests ask for each media type of GraphQL over HTTP. */
export const acceptFor = (i: number): Accept =>
  i % 2 === 0 ? 'application/json' : 'application/graphql-response+json';

/**
 * Sends `count` operations, `concurrency` at a time: worker after worker takes the next index,
 * asks `pick` what to send and records the answer, checked as GraphQL over HTTP.
 */
export async function drive(options: {
  client: Client;
  phase: string;
  count: number;
  concurrency: number;
  pick(i: number): Step;
  secrets: readonly string[];
  /** Called after each answer with how many have come. */
  onAnswer?(done: number): void | Promise<void>;
}): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < options.count) {
      const i = next;
      next += 1;
      const step = options.pick(i);
      const accept = acceptFor(i);
      const requestId = `soak-${options.phase}-${i}`;
      const sent = await options.client.send(step.operation, accept, requestId);
      const outcome: Outcome = {
        phase: options.phase,
        requestId,
        name: step.operation.name,
        kind: step.operation.kind,
        accept,
        elapsedMs: sent.elapsedMs,
        problems: [],
        codes: [],
        intended: step.operation.intended,
        exact: step.exact,
        tolerated: step.tolerated,
        propagated: false,
      };
      let data: unknown;
      if ('transportError' in sent) {
        outcome.transportError = sent.transportError;
        outcome.problems.push(`no answer: ${sent.transportError}`);
      } else {
        const checked = checkAnswer(sent, options.secrets);
        outcome.status = sent.status;
        outcome.problems = checked.problems;
        outcome.codes = [...new Set(checked.codes)];
        outcome.propagated = nullPropagated(checked.json);
        data = checked.json?.data;
        if (step.operation.kind === 'control') {
          outcome.canonical = `${sent.status} ${canonical(checked.json ?? sent.body)}`;
        }
      }
      step.done?.({ codes: outcome.codes, faulted: outcome.problems.length > 0, data });
      outcomes.push(outcome);
      await options.onAnswer?.(outcomes.length);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return outcomes;
}
