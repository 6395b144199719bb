import { GatewayError } from '../errors.js';
import { pathId } from './segments.js';

/** The layers of a multi-layer element (flows, actions …; membrane-api.md §2.2). */
export type ElementLayer = 'universal' | 'integration' | 'connection';

/** Clarifying params of an element selector (membrane-api.md §2.1). `autoCreate` is never sent. */
export interface ElementSelectorParams {
  layer?: ElementLayer;
  integrationKey?: string;
  integrationId?: string;
  connectionId?: string;
  connectionKey?: string;
  instanceKey?: string;
}

/** The list filters every integration-level element type shares (`GET /flows`, `GET /actions`). */
export interface ElementListFilters {
  search?: string;
  layer?: ElementLayer;
  integrationId?: string;
  integrationKey?: string;
  connectionId?: string;
  connectionKey?: string;
  instanceKey?: string;
  userId?: string;
  tenantId?: string;
  isUniversal?: boolean;
  includeArchived?: boolean;
}

const LAYERS: readonly string[] = ['universal', 'integration', 'connection'];
export function layer(value: string | undefined): ElementLayer | undefined {
  if (value !== undefined && !LAYERS.includes(value)) {
    throw new GatewayError(
      'BAD_USER_INPUT',
      'Invalid layer: expected universal, integration or connection.',
    );
  }
  return value as ElementLayer | undefined;
}

/** An optional id-like query value, validated like a path segment. */
function optionalId(value: string | undefined, argName: string): string | undefined {
  if (value !== undefined) {
    pathId(value, argName);
  }
  return value;
}

export function selectorQuery(params: ElementSelectorParams = {}) {
  return {
    layer: layer(params.layer),
    integrationKey: optionalId(params.integrationKey, 'integrationKey'),
    integrationId: optionalId(params.integrationId, 'integrationId'),
    connectionId: optionalId(params.connectionId, 'connectionId'),
    connectionKey: optionalId(params.connectionKey, 'connectionKey'),
    instanceKey: optionalId(params.instanceKey, 'instanceKey'),
  };
}

/** The query of the shared list filters, in the order the REST API lists them. */
export function elementListQuery(filters: ElementListFilters) {
  return {
    search: filters.search,
    layer: layer(filters.layer),
    integrationId: filters.integrationId,
    integrationKey: filters.integrationKey,
    connectionId: filters.connectionId,
    connectionKey: filters.connectionKey,
    instanceKey: filters.instanceKey,
    userId: filters.userId,
    tenantId: filters.tenantId,
    isUniversal: filters.isUniversal,
    includeArchived: filters.includeArchived,
  };
}
