import { requestFor, type System, type SystemName, type TargetRequest } from './requests.js';
import type { SandboxControl } from './sandbox-control.js';
import type { Scenario } from './scenarios.js';

/** Same value with object keys sorted, so key order never counts as a difference. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(canonical);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

const show = (value: unknown): string => JSON.stringify(value)?.slice(0, 200) ?? 'undefined';

/** The first path where two canonical JSON values differ, for the error message. */
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
  return `${path}: ${show(a)} ≠ ${show(b)}`;
}

async function send(request: TargetRequest): Promise<{ status: number; text: string }> {
  const res = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(15_000),
  });
  return { status: res.status, text: await res.text() };
}

/** The answer's data: `data` of a GraphQL answer without errors, or the aggregator's body. */
function dataOf(system: System, scenario: Scenario, status: number, text: string): unknown {
  const body = JSON.parse(text) as { data?: unknown; errors?: unknown };
  const ok =
    status === 200 &&
    (system.speaks === 'json' || (body.errors === undefined && body.data !== undefined));
  if (!ok) {
    throw new Error(`${scenario.name}: ${system.name} answered ${status} ${text.slice(0, 400)}`);
  }
  return system.speaks === 'json' ? body : body.data;
}

/** What verification found, kept in the JSON report. */
export interface Verified {
  scenario: string;
  bytes: Record<SystemName, number>;
  /** The upstream calls one request made, as `METHOD /path?query` (sorted). */
  calls: Record<SystemName, string[]>;
  /** Systems whose upstream calls differ from the gateway's (a reference no longer mirrors it). */
  callsDiffer: SystemName[];
}

/**
 * Every system must answer the same data before anything is measured (key order ignored);
 * throws with the first difference from the gateway. Returns each system's exact body too:
 * every measured response must repeat it byte for byte. One request at a time, so the
 * sandbox's log holds exactly that request's upstream calls.
 */
export async function verifyScenario(
  scenario: Scenario,
  systems: readonly System[],
  token: string,
  sandbox: SandboxControl,
): Promise<{ verified: Verified; bodies: Record<SystemName, string> }> {
  const bodies = {} as Record<SystemName, string>;
  const bytes = {} as Record<SystemName, number>;
  const calls = {} as Record<SystemName, string[]>;
  let reference: { system: System; data: unknown } | undefined;
  for (const system of systems) {
    await sandbox.clear();
    const { status, text } = await send(requestFor(system, scenario, token));
    const data = canonical(dataOf(system, scenario, status, text));
    calls[system.name] = await sandbox.calls();
    bodies[system.name] = text;
    bytes[system.name] = Buffer.byteLength(text);
    if (reference === undefined) {
      if ((data as { flows?: { nodes?: unknown[] } }).flows?.nodes?.length === 0) {
        throw new Error(`${scenario.name}: the list is empty, nothing would be measured`);
      }
      reference = { system, data };
      continue;
    }
    const difference = firstDifference(reference.data, data);
    if (difference) {
      throw new Error(
        `${scenario.name}: ${reference.system.name} and ${system.name} disagree at ${difference}`,
      );
    }
  }
  const gatewayCalls = JSON.stringify(calls.gateway);
  const callsDiffer = systems
    .map((s) => s.name)
    .filter((name) => JSON.stringify(calls[name]) !== gatewayCalls);
  return {
    verified: { scenario: scenario.name, bytes, calls, callsDiffer },
    bodies,
  };
}

/** Every scenario on every system (one mode); the exact bodies by scenario name. */
export async function verifyAll(
  scenarios: readonly Scenario[],
  systems: readonly System[],
  token: string,
  sandbox: SandboxControl,
): Promise<{ verified: Verified[]; bodies: Map<string, Record<SystemName, string>> }> {
  // calls that the last run abandoned must not land in the verification's log
  await sandbox.settle(systems.map((s) => s.child.pid));
  const verified: Verified[] = [];
  const bodies = new Map<string, Record<SystemName, string>>();
  for (const scenario of scenarios) {
    const result = await verifyScenario(scenario, systems, token, sandbox);
    verified.push(result.verified);
    bodies.set(scenario.name, result.bodies);
  }
  return { verified, bodies };
}
