import type { Client } from './client.js';
import { drive, type Outcome, type Step } from './drive.js';
import type { Lane } from './lanes.js';
import type { Operation } from './operation.js';

/**
 * Every operation once under each media type, then one whole cycle of a mutation lane, one at a
 * time with no fault: the answers every later one is judged against (control reads), and proof
 * that each operation answers exactly its intended codes.
 */
export function sequentialPass(options: {
  client: Client;
  phase: string;
  operations: readonly Operation[];
  lane: Lane;
  secrets: readonly string[];
}): Promise<Outcome[]> {
  const steps: (() => Step)[] = options.operations.flatMap((operation) => {
    const step = (): Step => ({ operation, exact: true, tolerated: [] });
    return [step, step];
  });
  for (let i = 0; i < 8; i += 1) {
    steps.push(() => options.lane.next());
  }
  return drive({
    client: options.client,
    phase: options.phase,
    count: steps.length,
    concurrency: 1,
    pick: (i) => (steps[i] as () => Step)(),
    secrets: options.secrets,
  });
}

/** Control name + media type → canonical answer, from a fault-free pass. */
export function controlReference(outcomes: readonly Outcome[]): Map<string, string> {
  const reference = new Map<string, string>();
  for (const o of outcomes) {
    if (o.kind === 'control' && o.canonical !== undefined) {
      reference.set(`${o.name} ${o.accept}`, o.canonical);
    }
  }
  return reference;
}
