import type { FaultRule } from '../../src/sandbox/index.js';
import type { SandboxData } from '../../src/sandbox/types.js';
import type { Outcome } from './outcome.js';
import type { Differential, Variables } from './paths.js';

/** Ids the generated cases are built from, read from the sandbox before any case runs. */
export interface Facts {
  /** The first 12 connections in list order. */
  connections: { id: string; integrationId: string; userId: string }[];
  /** The first 12 connection-level flows in list order, with their parent flow. */
  instances: { id: string; flowId: string }[];
  /** Integration-level flows (list order) that have at least one instance. */
  parents: string[];
  users: string[];
  flows: string[];
  integrationKey: string;
  /** A universal flow applied to at least three integrations: its versions in answer order. */
  universal: { id: string; applied: { element: string; hasInstances: boolean }[] };
  /** An integration-level flow derived from a universal flow. */
  version: { id: string; universalFlowId: string };
}

const PROBE = `{
  connections(first: 12) { nodes { id integrationId userId } }
  instances: flows(first: 12, layer: CONNECTION) { nodes { id flowId } }
  parents: flows(first: 30, layer: INTEGRATION) { nodes { id instances(first: 1) { nodes { id } } } }
  users(first: 3) { nodes { id } }
  integrations(first: 1) { nodes { key } }
}`;

type Nodes<T> = { nodes: T[] };
interface Probe {
  connections: Nodes<Facts['connections'][number]>;
  instances: Nodes<Facts['instances'][number]>;
  parents: Nodes<{ id: string; instances: Nodes<unknown> }>;
  users: Nodes<{ id: string }>;
  integrations: Nodes<{ key: string }>;
}

function dataOf<T>(outcome: Outcome): T {
  if (outcome.errors.length > 0) {
    throw new Error(`probe failed: ${JSON.stringify(outcome.errors)}`);
  }
  return outcome.data as T;
}

/** The universal flow with the most live integration-level versions. */
function busiestUniversal(data: SandboxData): string {
  const live = data.flows.filter((f) => !f.archivedAt);
  const versions = (id: string) =>
    live.filter((f) => f.universalFlowId === id && f.integrationId && !f.connectionId).length;
  const universal = live
    .filter((f) => !f.integrationId && !f.connectionId)
    .sort((a, b) => versions(b.id) - versions(a.id))[0];
  if (!universal || versions(universal.id) < 3) {
    throw new Error('the seed has no universal flow applied to three integrations');
  }
  return universal.id;
}

/**
 * Reads the facts through the plain path. The order of `appliedToIntegrations` is read from a
 * refresh, sent through both paths so twin sandboxes stay in the same state.
 */
export async function probeFacts(diff: Differential): Promise<Facts> {
  const probe = dataOf<Probe>(await diff.plain(PROBE));
  const universal = busiestUniversal(diff.gateway.sandbox.data);
  const refresh = `mutation { refreshFlow(selector: "${universal}") { appliedToIntegrations { element { id } } } }`;
  if (diff.sandboxes.length > 1) {
    await diff.production(refresh);
  }
  type Applied = { refreshFlow: { appliedToIntegrations: { element: { id: string } }[] } };
  const applied = dataOf<Applied>(await diff.plain(refresh)).refreshFlow.appliedToIntegrations;
  const flows = diff.gateway.sandbox.data.flows.filter((f) => !f.archivedAt);
  const version = flows.find((f) => f.universalFlowId && f.integrationId && !f.connectionId);
  return {
    connections: probe.connections.nodes,
    instances: probe.instances.nodes,
    parents: probe.parents.nodes.filter((p) => p.instances.nodes.length > 0).map((p) => p.id),
    users: probe.users.nodes.map((u) => u.id),
    flows: probe.instances.nodes.map((f) => f.id),
    integrationKey: probe.integrations.nodes[0]?.key ?? '',
    universal: {
      id: universal,
      applied: applied.map(({ element }) => ({
        element: element.id,
        hasInstances: flows.some((f) => f.flowId === element.id),
      })),
    },
    version: { id: version?.id ?? '', universalFlowId: version?.universalFlowId ?? '' },
  };
}

/**
 * The shortest page (at least 5 items) in which the item at the first, a middle and the last
 * position each has a related id no other item of the page shares, so a fault on that id fails
 * exactly one item.
 */
export function positions(related: string[]): {
  size: number;
  first: 0;
  middle: number;
  last: number;
} {
  const unique = (i: number, size: number) =>
    related.slice(0, size).filter((id) => id === related[i]).length === 1;
  for (let size = 5; size <= related.length; size += 1) {
    const middle = [...Array(size - 2).keys()].map((i) => i + 1).find((i) => unique(i, size));
    if (middle !== undefined && unique(0, size) && unique(size - 1, size)) {
      return { size, first: 0, middle, last: size - 1 };
    }
  }
  throw new Error(`no page with unique related ids at three positions: ${related.join(' ')}`);
}

export type Path = (string | number)[] | null;

/** One generated case, built from the facts. */
export interface Built {
  source: string;
  variables?: Variables;
  /** Added to every sandbox for this case only. */
  faults?: FaultRule[];
  /** Changes every sandbox's data for this case only; returns the undo. */
  edit?: (data: SandboxData) => () => void;
  /** The error paths graphql-js reports: proof that the case exercises what its name says. */
  errorsAt: Path[];
}

export type GeneratedCase = [name: string, build: (facts: Facts) => Built];

/** A GET of exactly this resource fails with this status (500: UPSTREAM_ERROR, 404: NOT_FOUND). */
export const failing = (resource: string, id: string, status = 500): FaultRule => ({
  kind: 'status',
  status,
  method: 'GET',
  path: new RegExp(`^/${resource}/${id}$`),
});

/** Every flow whose parent is `parentId` loses its required `name`: listing them fails. */
export const breakInstancesOf =
  (parentId: string) =>
  (data: SandboxData): (() => void) => {
    const hit = data.flows.filter((f) => f.flowId === parentId);
    const names = hit.map((f) => f.name);
    for (const f of hit) {
      Reflect.deleteProperty(f, 'name');
    }
    return () => {
      hit.forEach((f, i) => {
        f.name = names[i] ?? '';
      });
    };
  };
