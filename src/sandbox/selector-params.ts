import { badRequest, notFound } from './http-errors.js';
import { type Query, stringParam } from './query.js';
import type { Principal, Store } from './store.js';
import type { ElementLayer, WireConnection, WireIntegration } from './types.js';

/** Clarifying params of a flow selector (membrane-api.md §2.1). */
export interface SelectorParams {
  layer?: ElementLayer;
  integration?: WireIntegration;
  connection?: WireConnection;
  instanceKey?: string;
}

export function parseLayer(query: Query): ElementLayer | undefined {
  const layer = stringParam(query, 'layer');
  if (
    layer === undefined ||
    layer === 'universal' ||
    layer === 'integration' ||
    layer === 'connection'
  ) {
    return layer;
  }
  throw badRequest(`Query parameter 'layer' must be one of universal, integration, connection`);
}

export function readParams(store: Store, principal: Principal, query: Query): SelectorParams {
  const integrationId = stringParam(query, 'integrationId');
  const integrationKey = stringParam(query, 'integrationKey');
  const byIntegration = integrationId ?? integrationKey;
  const integration =
    integrationId !== undefined
      ? store.integrationById.get(integrationId)
      : integrationKey === undefined
        ? undefined
        : store.integrationByKey(integrationKey);
  if (byIntegration !== undefined && integration === undefined) {
    throw notFound(`Integration '${byIntegration}' not found`);
  }
  const connectionId = stringParam(query, 'connectionId');
  const connectionKey = stringParam(query, 'connectionKey');
  const byConnection = connectionId ?? connectionKey;
  const found =
    connectionId !== undefined
      ? store.connectionById.get(connectionId)
      : connectionKey === undefined
        ? undefined
        : store.connectionByKey(connectionKey);
  const connection =
    found !== undefined && store.canSeeConnection(principal, found) ? found : undefined;
  if (byConnection !== undefined && connection === undefined) {
    throw notFound(`Connection '${byConnection}' not found`);
  }
  if (
    integration !== undefined &&
    connection !== undefined &&
    connection.integrationId !== integration.id
  ) {
    throw badRequest(
      `Connection '${connection.id}' does not belong to integration '${integration.id}'`,
    );
  }
  const layer = parseLayer(query);
  const instanceKey = stringParam(query, 'instanceKey');
  return {
    ...(layer === undefined ? {} : { layer }),
    ...(integration === undefined ? {} : { integration }),
    ...(connection === undefined ? {} : { connection }),
    ...(instanceKey === undefined ? {} : { instanceKey }),
  };
}
