import type { Scenario } from './scenarios.js';
import type { System, TargetRequest } from './targets.js';

/** Same value with object keys sorted, so key order never counts as a difference. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(canonical);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/** The first path where two JSON values differ, for the error message. */
function firstDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (JSON.stringify(a) === JSON.stringify(b)) {
    return undefined;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const found = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      if (found) {
        return found;
      }
    }
  }
  return `${path}: gateway ${JSON.stringify(a)?.slice(0, 200)} ≠ baseline ${JSON.stringify(b)?.slice(0, 200)}`;
}

async function send(
  request: TargetRequest,
): Promise<{ status: number; body: unknown; text: string }> {
  const res = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text), text };
}

/** What the verification found, kept in the JSON report. */
export interface Verified {
  scenario: string;
  /** Nodes (or 1 for a single object) in the compared answer. */
  items: number;
  bytesGateway: number;
  bytesBaseline: number;
}

/**
 * Both systems must answer the same data before anything is measured: the gateway's `data`
 * (without errors) equals the baseline's body. Throws with the first difference. Returns the
 * exact bodies too: every measured response must repeat them byte for byte.
 */
export async function verifyScenario(
  scenario: Scenario,
  gateway: TargetRequest,
  baseline: TargetRequest,
): Promise<{ summary: Verified; expected: Record<System, string> }> {
  const [g, b] = await Promise.all([send(gateway), send(baseline)]);
  const graphql = g.body as { data?: unknown; errors?: unknown[] };
  if (g.status !== 200 || graphql.errors !== undefined || graphql.data === undefined) {
    throw new Error(
      `${scenario.name}: gateway answered ${g.status} ${JSON.stringify(g.body).slice(0, 400)}`,
    );
  }
  if (b.status !== 200) {
    throw new Error(
      `${scenario.name}: baseline answered ${b.status} ${JSON.stringify(b.body).slice(0, 400)}`,
    );
  }
  const difference = firstDifference(canonical(graphql.data), canonical(b.body));
  if (difference) {
    throw new Error(`${scenario.name}: the gateway and the baseline disagree at ${difference}`);
  }
  const nodes = (b.body as { flows?: { nodes?: unknown[] } }).flows?.nodes;
  if (nodes?.length === 0) {
    throw new Error(`${scenario.name}: the list is empty, nothing would be measured`);
  }
  return {
    summary: {
      scenario: scenario.name,
      items: nodes?.length ?? 1,
      bytesGateway: g.text.length,
      bytesBaseline: b.text.length,
    },
    expected: { gateway: g.text, baseline: b.text },
  };
}
