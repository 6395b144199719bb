import { type ElementKind, layerOf } from './elements.js';
import { badRequest, notFound } from './http-errors.js';
import type { Query } from './query.js';
import { readParams, type SelectorParams } from './selector-params.js';
import type { Principal, Store } from './store.js';
import type { ElementLayer, WireConnection, WireLayeredElement } from './types.js';

const RANK: Record<ElementLayer, number> = { universal: 0, integration: 1, connection: 2 };

/** Non-archived matches win; archived ones are found only when nothing live matches. */
function preferLive<T extends WireLayeredElement>(elements: T[]): T[] {
  const live = elements.filter((f) => f.archivedAt === undefined);
  return live.length > 0 ? live : elements;
}

function pickOne<T extends WireLayeredElement>(
  kind: ElementKind<T>,
  elements: T[],
  selector: string,
): T | undefined {
  const candidates = preferLive(elements);
  if (candidates.length > 1) {
    throw badRequest(
      `${kind.noun} key '${selector}' is ambiguous: ${candidates.length} ${kind.noun.toLowerCase()}s match. ` +
        'Address it by id, or pass integrationKey, integrationId, connectionId, connectionKey or instanceKey',
    );
  }
  return candidates[0];
}

function findStart<T extends WireLayeredElement>(
  kind: ElementKind<T>,
  store: Store,
  principal: Principal,
  selector: string,
  p: SelectorParams,
): T {
  const scope = p.integration?.id ?? p.connection?.integrationId;
  const byId = kind.byId(store, selector);
  if (byId !== undefined) {
    if (!store.canSeeElement(principal, byId)) {
      throw notFound(`${kind.noun} '${selector}' not found`);
    }
    return byId;
  }
  const keyed = kind
    .all(store)
    .filter((f) => f.key === selector && store.canSeeElement(principal, f));
  if (keyed.length > 0) {
    const universal = preferLive(keyed.filter((f) => layerOf(f) === 'universal'))[0];
    if (universal !== undefined) {
      return universal;
    }
    const integrationLevel = pickOne(
      kind,
      keyed.filter(
        (f) => layerOf(f) === 'integration' && (scope === undefined || f.integrationId === scope),
      ),
      selector,
    );
    if (integrationLevel !== undefined) {
      return integrationLevel;
    }
    const connectionLevel = pickOne(
      kind,
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
      kind
        .all(store)
        .filter(
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
  throw notFound(`${kind.noun} '${selector}' not found`);
}

function down<T extends WireLayeredElement>(
  kind: ElementKind<T>,
  store: Store,
  principal: Principal,
  from: T,
  target: ElementLayer,
  p: SelectorParams,
): T {
  let current = from;
  if (layerOf(current) === 'universal') {
    const integration =
      p.integration ??
      (p.connection?.integrationId === undefined
        ? undefined
        : store.integrationById.get(p.connection.integrationId));
    if (integration === undefined) {
      throw badRequest(
        `Pass integrationKey, integrationId, connectionId or connectionKey to select a version of universal ${kind.noun.toLowerCase()} '${current.id}'`,
      );
    }
    const universalId = current.id;
    const version = preferLive(
      kind
        .all(store)
        .filter(
          (f) =>
            kind.universalId(f) === universalId &&
            f.integrationId === integration.id &&
            layerOf(f) === 'integration',
        ),
    )[0];
    if (version === undefined) {
      throw notFound(
        `${kind.noun} '${current.id}' has no version for integration '${integration.key ?? integration.id}'`,
      );
    }
    current = version;
  }
  if (target === 'integration') {
    return current;
  }
  const parent = current;
  const mine = (c: WireConnection): boolean =>
    c.integrationId === parent.integrationId &&
    c.archivedAt === undefined &&
    store.canSeeConnection(principal, c);
  const candidates = principal.kind === 'tenant' ? store.data.connections.filter(mine) : [];
  const connection = p.connection ?? (candidates.length === 1 ? candidates[0] : undefined);
  if (connection === undefined) {
    throw badRequest(
      `Pass connectionId or connectionKey to select a connection-level instance of ${kind.noun.toLowerCase()} '${current.id}'`,
    );
  }
  if (connection.integrationId !== current.integrationId) {
    throw notFound(`${kind.noun} '${current.id}' has no instance on connection '${connection.id}'`);
  }
  const instance = kind
    .all(store)
    .find(
      (f) =>
        f.connectionId === connection.id &&
        kind.integrationParentId(f) === parent.id &&
        f.instanceKey === p.instanceKey,
    );
  return instance ?? kind.createInstance(store, current, connection, p.instanceKey);
}

function up<T extends WireLayeredElement>(
  kind: ElementKind<T>,
  store: Store,
  from: T,
  target: ElementLayer,
): T {
  const parentId = target === 'universal' ? kind.universalId(from) : kind.integrationParentId(from);
  const parent = parentId === undefined ? undefined : kind.byId(store, parentId);
  if (parent === undefined) {
    throw notFound(`${kind.noun} '${from.id}' has no ${target}-level parent`);
  }
  return parent;
}

/**
 * Resolves `/{elements}/{selector}` plus clarifying params to one element. A connection-level
 * target that does not exist yet is auto-created from its integration-level element (even on GET).
 */
export function resolveElement<T extends WireLayeredElement>(
  kind: ElementKind<T>,
  store: Store,
  principal: Principal,
  selector: string,
  query: Query,
): T {
  const p = readParams(store, principal, query);
  const start = findStart(kind, store, principal, selector, p);
  const implied =
    p.connection !== undefined || p.instanceKey !== undefined
      ? 'connection'
      : p.integration !== undefined
        ? 'integration'
        : undefined;
  const target = p.layer ?? implied ?? layerOf(start);
  const have = layerOf(start);
  if (RANK[target] > RANK[have]) {
    return down(kind, store, principal, start, target, p);
  }
  const flow = RANK[target] < RANK[have] ? up(kind, store, start, target) : start;
  const mismatch =
    (p.integration !== undefined &&
      target !== 'universal' &&
      flow.integrationId !== p.integration.id) ||
    (p.connection !== undefined &&
      target === 'connection' &&
      flow.connectionId !== p.connection.id) ||
    (p.instanceKey !== undefined && target === 'connection' && flow.instanceKey !== p.instanceKey);
  if (mismatch) {
    throw notFound(`${kind.noun} '${selector}' not found for the given integration/connection`);
  }
  return flow;
}
