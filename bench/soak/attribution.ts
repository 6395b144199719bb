import type { FaultKind } from './fault-kinds.js';

/** A fault the sandbox injected into one upstream request of an operation. */
export interface MetFault {
  method: string;
  path: string;
  /** The sandbox's label of each rule applied, e.g. `['latency 300', 'status 503']`. */
  labels: string[];
}

/** What the codes of one answer are judged against. */
export interface Judged {
  /** Distinct `extensions.code` values of the answer. */
  codes: readonly string[];
  /** The codes the operation produces by itself, with no fault (unknown ids, bad input). */
  intended: readonly string[];
  /**
   * false: the intended codes are a guess (a mutation lane whose earlier step failed) and these
   * `tolerated` codes are accepted as well; nothing is required.
   */
  exact: boolean;
  tolerated?: readonly string[];
  faults: readonly MetFault[];
  /**
   * An error nulled a non-null field's parent (its path runs through a null): graphql-js then
   * answers at once, without the errors of fields still waiting on their calls.
   */
  propagated: boolean;
  /** Time from sending the operation to its answer, as the driver saw it. */
  elapsedMs: number;
  /** The gateway's REQUEST_TIMEOUT_MS. */
  timeoutMs: number;
}

export interface Verdict {
  /** Codes neither the operation nor a fault it met explains. */
  unexplained: string[];
  /** Intended codes missing from an answer that met no fault with a code. */
  missing: string[];
  /** Labels of faults that must have shown with their code, and did not. */
  unsurfaced: string[];
  /** Such faults in an answer an earlier error had already cut short (`propagated`): no failure. */
  excused: string[];
}

/** Whether a fault decided the answer of its call (see `Surfaces`). */
function mustSurface(kind: FaultKind, fault: MetFault): boolean {
  switch (kind.surfaces) {
    case 'always':
      return true;
    case 'writes':
      return fault.method !== 'GET';
    case 'body-read':
      // archive's DELETE answers an empty body; stop's POST is answered without reading it
      return fault.method !== 'DELETE' && !fault.path.endsWith('/stop');
    case 'never':
      return false;
  }
}

/**
 * The codes of an answer against its operation and the faults it met: every code is explained
 * by the operation or by a fault; a fault the gateway cannot retry away shows with its code;
 * UPSTREAM_TIMEOUT only once the deadline has passed (a hang elsewhere may hold the credential's
 * upstream slots, so a timeout without a fault of its own is legitimate, but never early).
 */
export function judge(op: Judged, kinds: ReadonlyMap<string, FaultKind>): Verdict {
  const allowed = new Set([...op.intended, ...(op.exact ? [] : (op.tolerated ?? []))]);
  const unsurfaced: string[] = [];
  const excused: string[] = [];
  let decisive = false;
  for (const fault of op.faults) {
    for (const label of fault.labels) {
      const kind = kinds.get(label);
      if (kind?.code === undefined) {
        continue;
      }
      decisive = true;
      allowed.add(kind.code);
      if (mustSurface(kind, fault) && !op.codes.includes(kind.code)) {
        (op.propagated ? excused : unsurfaced).push(label);
      }
    }
  }
  // timers and the client's own clock: a few ms early is still "at the deadline"
  if (op.elapsedMs >= op.timeoutMs * 0.97) {
    allowed.add('UPSTREAM_TIMEOUT');
  }
  const unexplained = op.codes.filter((code) => !allowed.has(code));
  // an answer that met no fault with a code, and was not cut by the deadline, is exact
  const missing =
    op.exact && !decisive && !op.codes.includes('UPSTREAM_TIMEOUT')
      ? op.intended.filter((code) => !op.codes.includes(code))
      : [];
  return { unexplained, missing, unsurfaced, excused };
}
