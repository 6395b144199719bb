import { SeedRandom } from '../../src/sandbox/seed-random.js';
import type { Step } from './drive.js';
import type { Lane } from './lanes.js';
import type { Operation } from './operation.js';

/** Share of operations that are mutation-lane steps (when a lane is free). */
const MUTATION_SHARE = 0.12;

/**
 * What the i-th operation of a run is: every `controlEvery`-th a control read (in turn), about
 * 12 % the next step of a free mutation lane, the rest reads and errors on purpose drawn by
 * weight. Seeded: the same seed gives the same sequence of draws.
 */
export function createMix(options: {
  seed: number;
  controlEvery: number;
  controls: readonly Operation[];
  mixed: readonly Operation[];
  lanes: readonly Lane[];
}): (i: number) => Step {
  const random = new SeedRandom(options.seed);
  const total = options.mixed.reduce((sum, op) => sum + op.weight, 0);
  let controlTurn = 0;
  let laneTurn = 0;
  const plain = (operation: Operation): Step => ({ operation, exact: true, tolerated: [] });
  const freeLane = (): Lane | undefined => {
    for (let k = 0; k < options.lanes.length; k += 1) {
      const lane = options.lanes[(laneTurn + k) % options.lanes.length];
      if (lane !== undefined && !lane.busy) {
        laneTurn += k + 1;
        return lane;
      }
    }
    return undefined;
  };
  return (i) => {
    if (i % options.controlEvery === options.controlEvery - 1) {
      const control = options.controls[controlTurn % options.controls.length];
      controlTurn += 1;
      if (control !== undefined) {
        return plain(control);
      }
    }
    if (random.next() < MUTATION_SHARE) {
      const lane = freeLane();
      if (lane !== undefined) {
        return lane.next();
      }
    }
    let draw = random.next() * total;
    for (const operation of options.mixed) {
      draw -= operation.weight;
      if (draw < 0) {
        return plain(operation);
      }
    }
    return plain(options.mixed[0] as Operation);
  };
}
