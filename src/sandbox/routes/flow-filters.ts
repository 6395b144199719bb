import { boolParam, matchesSearch, type Query, stringParam } from '../query.js';
import { parseLayer } from '../selector-params.js';
import { layerOf } from '../selectors.js';
import type { Store } from '../store.js';
import type { WireFlow } from '../types.js';

type Test = (flow: WireFlow) => boolean;

/** `FindFlowsQuery` (membrane-api.md §3.1); `flowId`/`universalFlowId` filter by parent. */
export function filterFlows(store: Store, flows: WireFlow[], query: Query): WireFlow[] {
  const tests: Test[] = [];
  const eq = (name: string, pick: (flow: WireFlow) => string | undefined): void => {
    const value = stringParam(query, name);
    if (value !== undefined) {
      tests.push((flow) => pick(flow) === value);
    }
  };
  const layer = parseLayer(query);
  if (layer !== undefined) {
    tests.push((flow) => layerOf(flow) === layer);
  }
  const integrationKey = stringParam(query, 'integrationKey');
  if (integrationKey !== undefined) {
    const id = store.integrationByKey(integrationKey)?.id;
    tests.push((flow) => id !== undefined && flow.integrationId === id);
  }
  const connectionKey = stringParam(query, 'connectionKey');
  if (connectionKey !== undefined) {
    const id = store.connectionByKey(connectionKey)?.id;
    tests.push((flow) => id !== undefined && flow.connectionId === id);
  }
  eq('integrationId', (f) => f.integrationId);
  eq('connectionId', (f) => f.connectionId);
  eq('instanceKey', (f) => f.instanceKey);
  eq('universalParentId', (f) => f.universalFlowId);
  eq('universalFlowId', (f) => f.universalFlowId);
  eq('flowId', (f) => f.flowId);
  eq('tenantId', (f) => f.tenantId ?? f.userId);
  eq('userId', (f) => f.userId ?? f.tenantId);
  eq('externalAppId', (f) => f.externalAppId);
  const isUniversal = boolParam(query, 'isUniversal');
  if (isUniversal !== undefined) {
    tests.push((flow) => (flow.isUniversal === true) === isUniversal);
  }
  if (boolParam(query, 'includeArchived') !== true) {
    tests.push((flow) => flow.archivedAt === undefined);
  }
  const search = stringParam(query, 'search');
  if (search !== undefined) {
    tests.push((flow) => matchesSearch(search, [flow.name, flow.key]));
  }
  return flows.filter((flow) => tests.every((test) => test(flow)));
}
