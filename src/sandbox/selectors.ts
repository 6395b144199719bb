import { badRequest, notFound } from './http-errors.js';
import { createInstance } from './instances.js';
import type { Query } from './query.js';
import { readParams, type SelectorParams } from './selector-params.js';
import type { Principal, Store } from './store.js';
import type { ElementLayer, WireConnection, WireFlow } from './types.js';

const RANK: Record<ElementLayer, number> = { universal: 0, integration: 1, connection: 2 };

export function layerOf(flow: WireFlow): ElementLayer {
  if (flow.connectionId !== undefined) {
    return 'connection';
  }
  return flow.integrationId !== undefined ? 'integration' : 'universal';
}

/** Non-archived matches win; archived ones are found only when nothing live matches. */
function preferLive(flows: WireFlow[]): WireFlow[] {
  const live = flows.filter((f) => f.archivedAt === undefined);
  return live.length > 0 ? live : flows;
}

function pickOne(flows: WireFlow[], selector: string): WireFlow | undefined {
  const candidates = preferLive(flows);
  if (candidates.length > 1) {
    throw badRequest(
      `Flow key '${selector}' is ambiguous: ${candidates.length} flows match. ` +
        'Address it by id, or pass integrationKey, integrationId, connectionId, connectionKey or instanceKey',
    );
  }
  return candidates[0];
}

function findStart(
  store: Store,
  principal: Principal,
  selector: string,
  p: SelectorParams,
): WireFlow {
  const scope = p.integration?.id ?? p.connection?.integrationId;
  const byId = store.flowById.get(selector);
  if (byId !== undefined) {
    if (!store.canSeeFlow(principal, byId)) {
      throw notFound(`Flow '${selector}' not found`);
    }
    return byId;
  }
  const keyed = store.data.flows.filter(
    (f) => f.key === selector && store.canSeeFlow(principal, f),
  );
  if (keyed.length > 0) {
    const universal = preferLive(keyed.filter((f) => layerOf(f) === 'universal'))[0];
    if (universal !== undefined) {
      return universal;
    }
    const integrationLevel = pickOne(
      keyed.filter(
        (f) => layerOf(f) === 'integration' && (scope === undefined || f.integrationId === scope),
      ),
      selector,
    );
    if (integrationLevel !== undefined) {
      return integrationLevel;
    }
    const connectionLevel = pickOne(
      keyed.filter(
        (f) =>
          layerOf(f) === 'connection' &&
          (scope === undefined || f.integrationId === scope) &&
          (p.connection === undefined || f.connectionId === p.connection.id) &&
          (p.instanceKey === undefined || f.instanceKey === p.instanceKey),
      ),
      selector,
    );
    if (connectionLevel !== undefined) {
      return connectionLevel;
    }
  }
  const dot = selector.indexOf('.');
  if (dot > 0 && dot === selector.lastIndexOf('.') && dot < selector.length - 1) {
    const integration = store.integrationByKey(selector.slice(0, dot));
    const flowKey = selector.slice(dot + 1);
    const flow = preferLive(
      store.data.flows.filter(
        (f) =>
          integration !== undefined &&
          layerOf(f) === 'integration' &&
          f.integrationId === integration.id &&
          f.key === flowKey,
      ),
    )[0];
    if (flow !== undefined) {
      return flow;
    }
  }
  throw notFound(`Flow '${selector}' not found`);
}

function down(
  store: Store,
  principal: Principal,
  from: WireFlow,
  target: ElementLayer,
  p: SelectorParams,
): WireFlow {
  let current = from;
  if (layerOf(current) === 'universal') {
    const integration =
      p.integration ??
      (p.connection?.integrationId === undefined
        ? undefined
        : store.integrationById.get(p.connection.integrationId));
    if (integration === undefined) {
      throw badRequest(
        `Pass integrationKey, integrationId, connectionId or connectionKey to select a version of universal flow '${current.id}'`,
      );
    }
    const version = preferLive(
      store.data.flows.filter(
        (f) =>
          f.universalFlowId === current.id &&
          f.integrationId === integration.id &&
          layerOf(f) === 'integration',
      ),
    )[0];
    if (version === undefined) {
      throw notFound(
        `Flow '${current.id}' has no version for integration '${integration.key ?? integration.id}'`,
      );
    }
    current = version;
  }
  if (target === 'integration') {
    return current;
  }
  const mine = (c: WireConnection): boolean =>
    c.integrationId === current.integrationId &&
    c.archivedAt === undefined &&
    store.canSeeConnection(principal, c);
  const candidates = principal.kind === 'tenant' ? store.data.connections.filter(mine) : [];
  const connection = p.connection ?? (candidates.length === 1 ? candidates[0] : undefined);
  if (connection === undefined) {
    throw badRequest(
      `Pass connectionId or connectionKey to select a connection-level instance of flow '${current.id}'`,
    );
  }
  if (connection.integrationId !== current.integrationId) {
    throw notFound(`Flow '${current.id}' has no instance on connection '${connection.id}'`);
  }
  const instance = store.data.flows.find(
    (f) =>
      f.connectionId === connection.id &&
      f.flowId === current.id &&
      f.instanceKey === p.instanceKey,
  );
  return instance ?? createInstance(store, current, connection, p.instanceKey);
}

function up(store: Store, from: WireFlow, target: ElementLayer): WireFlow {
  const parentId = target === 'universal' ? from.universalFlowId : from.flowId;
  const parent = parentId === undefined ? undefined : store.flowById.get(parentId);
  if (parent === undefined) {
    throw notFound(`Flow '${from.id}' has no ${target}-level parent`);
  }
  return parent;
}

/**
 * Resolves `/flows/{selector}` plus clarifying params to one flow. A connection-level target
 * that does not exist yet is auto-created from its integration-level flow (even on GET).
 */
export function resolveFlow(
  store: Store,
  principal: Principal,
  selector: string,
  query: Query,
): WireFlow {
  const p = readParams(store, principal, query);
  const start = findStart(store, principal, selector, p);
  const implied =
    p.connection !== undefined || p.instanceKey !== undefined
      ? 'connection'
      : p.integration !== undefined
        ? 'integration'
        : undefined;
  const target = p.layer ?? implied ?? layerOf(start);
  const have = layerOf(start);
  if (RANK[target] > RANK[have]) {
    return down(store, principal, start, target, p);
  }
  const flow = RANK[target] < RANK[have] ? up(store, start, target) : start;
  const mismatch =
    (p.integration !== undefined &&
      target !== 'universal' &&
      flow.integrationId !== p.integration.id) ||
    (p.connection !== undefined &&
      target === 'connection' &&
      flow.connectionId !== p.connection.id) ||
    (p.instanceKey !== undefined && target === 'connection' && flow.instanceKey !== p.instanceKey);
  if (mismatch) {
    throw notFound(`Flow '${selector}' not found for the given integration/connection`);
  }
  return flow;
}
