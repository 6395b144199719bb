import { layerOf } from '../elements.js';
import { boolParam, matchesSearch, type Query, stringParam } from '../query.js';
import { parseLayer } from '../selector-params.js';
import type { Store } from '../store.js';
import type { WireLayeredElement } from '../types.js';

type Test<T> = (element: T) => boolean;

/** Query params that filter by a parent id: each type names its own (`flowId`, `parentId`, …). */
export type ParentFilters<T> = Record<string, (element: T) => string | undefined>;

/**
 * The list filters every layered element shares (`FindIntegrationLevelMembraneInterfaceQuery`,
 * membrane-api.md §3.1) plus the type's parent filters.
 */
export function filterElements<T extends WireLayeredElement>(
  store: Store,
  elements: T[],
  query: Query,
  parents: ParentFilters<T>,
): T[] {
  const tests: Test<T>[] = [];
  const eq = (name: string, pick: (element: T) => string | undefined): void => {
    const value = stringParam(query, name);
    if (value !== undefined) {
      tests.push((element) => pick(element) === value);
    }
  };
  const layer = parseLayer(query);
  if (layer !== undefined) {
    tests.push((element) => layerOf(element) === layer);
  }
  const integrationKey = stringParam(query, 'integrationKey');
  if (integrationKey !== undefined) {
    const id = store.integrationByKey(integrationKey)?.id;
    tests.push((element) => id !== undefined && element.integrationId === id);
  }
  const connectionKey = stringParam(query, 'connectionKey');
  if (connectionKey !== undefined) {
    const id = store.connectionByKey(connectionKey)?.id;
    tests.push((element) => id !== undefined && element.connectionId === id);
  }
  eq('integrationId', (e) => e.integrationId);
  eq('connectionId', (e) => e.connectionId);
  eq('instanceKey', (e) => e.instanceKey);
  for (const [name, pick] of Object.entries(parents)) {
    eq(name, pick);
  }
  eq('tenantId', (e) => e.tenantId ?? e.userId);
  eq('userId', (e) => e.userId ?? e.tenantId);
  eq('externalAppId', (e) => e.externalAppId);
  const isUniversal = boolParam(query, 'isUniversal');
  if (isUniversal !== undefined) {
    tests.push((element) => (element.isUniversal === true) === isUniversal);
  }
  if (boolParam(query, 'includeArchived') !== true) {
    tests.push((element) => element.archivedAt === undefined);
  }
  const search = stringParam(query, 'search');
  if (search !== undefined) {
    tests.push((element) => matchesSearch(search, [element.name, element.key]));
  }
  return elements.filter((element) => tests.every((test) => test(element)));
}
