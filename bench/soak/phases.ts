import type { SoakConfig } from './config.js';
import { drive, type Outcome } from './drive.js';
import { type FaultKind, faultKinds, faultRules } from './fault-kinds.js';
import { Lane } from './lanes.js';
import { createMix } from './mix.js';
import { controlOperations, controlPaths, mixedOperations } from './operations.js';
import { controlReference, sequentialPass } from './passes.js';
import { prepare } from './prepare.js';
import type { Systems } from './systems.js';

/** The longest idle pause waited for the sockets: keep-alive (4 s) and a margin. */
const IDLE_LIMIT_MS = 15_000;

export interface Phases {
  kinds: FaultKind[];
  /** Control name + media type → the fault-free answer. */
  reference: Map<string, string>;
  before: Outcome[];
  warmUp: Outcome[];
  main: Outcome[];
  mainSeconds: number;
  /** Upstream sockets open after the idle pause, and how long it took. */
  idle: { open: number; ms: number };
  after: Outcome[];
}

/**
 * A fault-free pass (the reference), faults on, a warm-up, the measured run with heap samples at
 * a quarter, half and three quarters, faults off, an idle pause until the upstream sockets are
 * back, the last heap sample, and the fault-free pass again.
 */
export async function runPhases(
  systems: Systems,
  config: SoakConfig,
  log: (message: string) => void,
): Promise<Phases> {
  const { client, sandbox, observer, secrets } = systems;
  const { fixtures } = sandbox.ready;
  const controls = controlOperations(fixtures);
  const mixed = mixedOperations(fixtures, await prepare(client));
  const lanes = fixtures.laneFlowIds.map((id, i) => new Lane(i, id));
  const pass = (phase: string, lane: Lane) =>
    sequentialPass({ client, phase, operations: [...mixed, ...controls], lane, secrets });
  const before = await pass('before', lanes[0] as Lane);
  const reference = controlReference(before);
  log(`fault-free pass: ${before.length} answers; ${reference.size} control answers kept`);

  const kinds = faultKinds(config.requestTimeoutMs);
  await sandbox.setFaults(faultRules(kinds, config.faultRate, controlPaths(fixtures)));
  const { seed, controlEvery, concurrency, operations } = config;
  const pick = createMix({ seed, controlEvery, controls, mixed, lanes });
  const run = (phase: string, count: number, onAnswer?: (done: number) => Promise<void>) =>
    drive({ client, phase, count, concurrency, pick, secrets, onAnswer });
  observer.start();
  const warmUp = await run('warm-up', Math.max(200, Math.round(operations / 20)));
  await observer.sample('start');
  log(`warm-up: ${warmUp.length} operations; faulty run of ${operations}…`);
  const marks = new Map([0.25, 0.5, 0.75].map((f) => [Math.round(f * operations), `${f * 100} %`]));
  const started = performance.now();
  const main = await run('main', operations, async (done) => {
    const mark = marks.get(done);
    if (mark !== undefined) {
      await observer.sample(mark);
    }
  });
  const mainSeconds = (performance.now() - started) / 1000;
  await observer.stop();
  await sandbox.setFaults([]);
  log(`faulty run done in ${mainSeconds.toFixed(1)} s; idle until the upstream sockets are back…`);
  const idle = await observer.idleUntilBaseline(systems.baseline, IDLE_LIMIT_MS);
  await observer.sample('end');
  const after = await pass('after', lanes[1] as Lane);
  await observer.harvest();
  return { kinds, reference, before, warmUp, main, mainSeconds, idle, after };
}
