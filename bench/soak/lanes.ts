import type { Operation } from './operation.js';

/** What a lane step's answer tells the lane. */
export interface StepResult {
  codes: readonly string[];
  /** The step met a fault with a code (or timed out): the flow's state is no longer known. */
  faulted: boolean;
  /** The answer's `data`, when there was one. */
  data: unknown;
}

/** A lane step to send, with how its answer is judged. */
export interface LaneStep {
  operation: Operation;
  /** false: an earlier step of this cycle failed, so the flow's state is a guess. */
  exact: boolean;
  /** Codes accepted from a lane in an unknown state (nothing is required then). */
  tolerated: string[];
  done(result: StepResult): void;
}

/** Codes a flow in an unknown state may answer with: archived, or its run already ended. */
const TOLERATED = ['BAD_USER_INPUT'];

const SELECTOR_ARGS = '$s: String!';

/**
 * The lifecycle of one flow, step after step, never two at once: update, refresh, run, stop that
 * run, reset, archive, update the archived flow (BAD_USER_INPUT on purpose), restore. A step
 * that fails or meets a fault leaves the flow's state unknown until a restore succeeds cleanly.
 */
export class Lane {
  private step = 0;
  private cycle = 0;
  private runId: string | undefined;
  private tainted = false;
  busy = false;

  constructor(
    readonly index: number,
    private readonly flowId: string,
  ) {}

  next(): LaneStep {
    this.busy = true;
    const operation = this.operation();
    const exact = !this.tainted;
    return {
      operation,
      exact,
      tolerated: exact ? [] : TOLERATED,
      done: (result) => this.finish(operation, result),
    };
  }

  private finish(operation: Operation, result: StepResult): void {
    this.busy = false;
    const unexpected =
      result.codes.length !== operation.intended.length ||
      result.codes.some((c) => !operation.intended.includes(c));
    if (operation.name === 'lane run') {
      const run = (result.data as { runFlow?: { id?: string } } | null)?.runFlow;
      this.runId = run?.id;
    }
    if (result.faulted || unexpected) {
      this.tainted = true;
    } else if (operation.name === 'lane restore') {
      this.tainted = false;
    }
    this.step = (this.step + 1) % 8;
    if (this.step === 0) {
      this.cycle += 1;
    }
  }

  private operation(): Operation {
    const s = this.flowId;
    const mutation = (name: string, document: string, variables: object, intended: string[] = []) =>
      ({
        name,
        kind: 'mutation',
        document,
        variables: document.includes('$s') ? { s, ...variables } : variables,
        token: 'admin',
        intended,
        weight: 0,
      }) as Operation;
    const name = `soak lane ${this.index} cycle ${this.cycle}`;
    switch (this.step) {
      case 0:
        return mutation(
          'lane update',
          `mutation(${SELECTOR_ARGS}, $in: UpdateFlowInput!) { updateFlow(selector: $s, input: $in) { id name enabled } }`,
          { in: { name, enabled: this.cycle % 2 === 0 } },
        );
      case 1:
        return mutation(
          'lane refresh',
          `mutation(${SELECTOR_ARGS}) { refreshFlow(selector: $s) { id state revision integration { name } } }`,
          {},
        );
      case 2:
        return mutation(
          'lane run',
          `mutation(${SELECTOR_ARGS}, $input: JSON) { runFlow(selector: $s, input: $input) { id state flow { id } } }`,
          { input: { soak: name } },
        );
      case 3:
        // no run to stop (the run step failed): refresh instead
        return this.runId === undefined
          ? mutation(
              'lane refresh',
              `mutation(${SELECTOR_ARGS}) { refreshFlow(selector: $s) { id state } }`,
              {},
            )
          : mutation('lane stop', 'mutation($id: ID!) { stopFlowRun(id: $id) { id state } }', {
              id: this.runId,
            });
      case 4:
        return mutation(
          'lane reset',
          `mutation(${SELECTOR_ARGS}) { resetFlow(selector: $s) { id name } }`,
          {},
        );
      case 5:
        return mutation(
          'lane archive',
          `mutation(${SELECTOR_ARGS}) { archiveFlow(selector: $s) }`,
          {},
        );
      case 6:
        return mutation(
          'lane update archived',
          `mutation(${SELECTOR_ARGS}) { updateFlow(selector: $s, input: { name: "archived" }) { id } }`,
          {},
          ['BAD_USER_INPUT'],
        );
      default:
        return mutation(
          'lane restore',
          `mutation(${SELECTOR_ARGS}) { restoreFlow(selector: $s) { id archivedAt } }`,
          {},
        );
    }
  }
}
