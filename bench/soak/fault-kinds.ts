import { type FaultRule, faultLabel } from '../../src/sandbox/faults.js';

/**
 * When a fault must show in the operation's answer with its code:
 * - `always`: the gateway never retries it, whatever the call;
 * - `writes`: GETs retry it (design §6.5) and may succeed, writes are never retried;
 * - `body-read`: unless the answer's body is empty or ignored (archive's DELETE answers an empty
 *   200, which a slow or broken body cannot hold back; stop's POST is answered without reading);
 * - `never`: it only slows the answer down.
 */
export type Surfaces = 'always' | 'writes' | 'body-read' | 'never';

/** One kind of upstream fault the soak injects, and what the gateway must make of it (design §5). */
export interface FaultKind {
  /** As the sandbox's request log names the applied rule, e.g. `status 503`, `slow-body 6000`. */
  label: string;
  rule: FaultRule;
  /** The code an operation that met this fault may answer with. */
  code?: string;
  surfaces: Surfaces;
}

type Shape = Omit<FaultKind, 'label'>;

/** `ms` of the hang faults: twice the gateway's deadline, so the deadline ends them. */
const hangMs = (timeoutMs: number) => 2 * timeoutMs;

/** Every kind the sandbox can inject (src/sandbox/faults.ts), the HTTP statuses of design §5 each. */
export function faultKinds(timeoutMs: number): FaultKind[] {
  const status = (
    code: string,
    surfaces: Surfaces,
    fault: Omit<Extract<FaultRule, { kind: 'status' }>, 'kind'>,
  ): Shape => ({ rule: { kind: 'status', ...fault }, code, surfaces });
  const shapes: Shape[] = [
    status('BAD_USER_INPUT', 'always', { status: 400 }),
    status('UNAUTHENTICATED', 'always', { status: 401 }),
    status('FORBIDDEN', 'always', { status: 403 }),
    status('NOT_FOUND', 'always', { status: 404 }),
    status('CONFLICT', 'always', { status: 409 }),
    status('RATE_LIMITED', 'writes', { status: 429 }),
    // longer than the gateway's longest retry wait (5 s): RATE_LIMITED at once
    status('RATE_LIMITED', 'always', { status: 429, retryAfter: 30 }),
    status('UPSTREAM_ERROR', 'always', { status: 500 }),
    status('UPSTREAM_ERROR', 'writes', { status: 502 }),
    status('UPSTREAM_ERROR', 'writes', { status: 503 }),
    status('UPSTREAM_ERROR', 'writes', { status: 504 }),
    { rule: { kind: 'reset' }, code: 'UPSTREAM_ERROR', surfaces: 'writes' },
    { rule: { kind: 'truncated-body' }, code: 'UPSTREAM_ERROR', surfaces: 'body-read' },
    { rule: { kind: 'invalid-json' }, code: 'UPSTREAM_ERROR', surfaces: 'body-read' },
    { rule: { kind: 'invalid-shape' }, code: 'UPSTREAM_ERROR', surfaces: 'body-read' },
    // no answer within the deadline: the head, or the second half of the body, comes too late
    {
      rule: { kind: 'slow-headers', ms: hangMs(timeoutMs) },
      code: 'UPSTREAM_TIMEOUT',
      surfaces: 'always',
    },
    {
      rule: { kind: 'slow-body', ms: hangMs(timeoutMs) },
      code: 'UPSTREAM_TIMEOUT',
      surfaces: 'body-read',
    },
    // slow, but within the deadline
    { rule: { kind: 'slow-headers', ms: 200 }, surfaces: 'never' },
    { rule: { kind: 'slow-body', ms: 200 }, surfaces: 'never' },
    { rule: { kind: 'latency', ms: 300 }, surfaces: 'never' },
  ];
  return shapes.map((shape) => ({ ...shape, label: faultLabel(shape.rule) }));
}

/**
 * `SANDBOX_FAULTS` for a total fault rate shared equally by the kinds. The sandbox tries the
 * rules in order and applies the first response-shaping one whose draw succeeds, so the i-th
 * gets `share / (1 - i·share)` to keep every kind's share equal; latency rules draw on their own.
 * `spare` paths (the control reads' resources) never get a fault.
 */
export function faultRules(kinds: FaultKind[], rate: number, spare: string[]): object[] {
  const share = rate / kinds.length;
  const path = spare.length > 0 ? `^(?!(${spare.map(escapeRegExp).join('|')})$)` : undefined;
  let shaping = 0;
  return kinds.map(({ rule }) => {
    const probability = rule.kind === 'latency' ? share : share / (1 - share * shaping++);
    return { ...rule, probability, ...(path && { path }) };
  });
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
