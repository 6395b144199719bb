/** A fault to inject into matching requests (tests and `SANDBOX_FAULTS`). */
export type FaultRule = {
  /** e.g. 'GET'; default any. */
  method?: string;
  /** A string matches the path (without query) exactly; a RegExp is tested against it. */
  path?: string | RegExp;
  /** Apply to the first N matching requests, then expire; default unlimited. */
  times?: number;
  /** 0..1, default 1; drawn from a PRNG seeded with the sandbox seed. */
  probability?: number;
} & (
  | { kind: 'latency'; ms: number }
  | {
      kind: 'status';
      status: number;
      type?: string;
      key?: string;
      message?: string;
      retryAfter?: number;
    }
  | { kind: 'reset' }
  | { kind: 'slow-headers'; ms: number }
  | { kind: 'slow-body'; ms: number }
  | { kind: 'truncated-body' }
  | { kind: 'invalid-json' }
  /** 200 with well-formed JSON of the wrong shape: the answer inside an array. */
  | { kind: 'invalid-shape' }
);

/** What one request gets: extra delay before handling, and at most one shaping fault. */
export interface FaultPlan {
  delayMs: number;
  fault?: Exclude<FaultRule, { kind: 'latency' }>;
  /** What was applied, for the request log: e.g. `['latency 200', 'status 503']`. */
  applied: string[];
}

/** A rule as the request log names it: its kind and its numbers, e.g. `status 429 retry-after 30`. */
export function faultLabel(rule: FaultRule): string {
  switch (rule.kind) {
    case 'latency':
    case 'slow-headers':
    case 'slow-body':
      return `${rule.kind} ${rule.ms}`;
    case 'status':
      return rule.retryAfter === undefined
        ? `status ${rule.status}`
        : `status ${rule.status} retry-after ${rule.retryAfter}`;
    default:
      return rule.kind;
  }
}

/** mulberry32: a tiny deterministic PRNG. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Entry {
  rule: FaultRule;
  left: number;
}

export class FaultRegistry {
  private entries: Entry[] = [];
  private readonly random: () => number;

  constructor(seed: number, rules: FaultRule[] = []) {
    this.random = prng(seed);
    for (const rule of rules) {
      this.add(rule);
    }
  }

  /** Adds a rule; the returned function removes it. */
  add(rule: FaultRule): () => void {
    const entry: Entry = { rule, left: rule.times ?? Number.POSITIVE_INFINITY };
    this.entries.push(entry);
    return () => {
      this.entries = this.entries.filter((e) => e !== entry);
    };
  }

  clear(): void {
    this.entries = [];
  }

  /**
   * Latency rules add up; the first other rule that applies shapes the response. A rule counts
   * towards `times` only when it applies (its probability draw succeeded).
   */
  plan(method: string, path: string): FaultPlan {
    const plan: FaultPlan = { delayMs: 0, applied: [] };
    for (const entry of [...this.entries]) {
      const { rule } = entry;
      if (entry.left <= 0 || !matches(rule, method, path)) {
        continue;
      }
      if (rule.kind !== 'latency' && plan.fault !== undefined) {
        continue;
      }
      if (
        rule.probability !== undefined &&
        rule.probability < 1 &&
        this.random() >= rule.probability
      ) {
        continue;
      }
      entry.left -= 1;
      if (entry.left <= 0) {
        this.entries = this.entries.filter((e) => e !== entry);
      }
      plan.applied.push(faultLabel(rule));
      if (rule.kind === 'latency') {
        plan.delayMs += rule.ms;
      } else {
        plan.fault = rule;
      }
    }
    return plan;
  }
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== method) {
    return false;
  }
  if (rule.path === undefined) {
    return true;
  }
  if (typeof rule.path === 'string') {
    return rule.path === path;
  }
  rule.path.lastIndex = 0;
  return rule.path.test(path);
}
