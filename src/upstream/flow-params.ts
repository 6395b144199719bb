import { GatewayError } from '../errors.js';
import type { FlowLayer, FlowSelectorParams } from './flows-api.js';
import { pathId } from './segments.js';

const LAYERS: readonly string[] = ['universal', 'integration', 'connection'];
export function layer(value: string | undefined): FlowLayer | undefined {
  if (value !== undefined && !LAYERS.includes(value)) {
    throw new GatewayError(
      'BAD_USER_INPUT',
      'Invalid layer: expected universal, integration or connection.',
    );
  }
  return value as FlowLayer | undefined;
}

/** An optional id-like query value, validated like a path segment. */
function optionalId(value: string | undefined, argName: string): string | undefined {
  if (value !== undefined) {
    pathId(value, argName);
  }
  return value;
}

export function selectorQuery(params: FlowSelectorParams = {}) {
  return {
    layer: layer(params.layer),
    integrationKey: optionalId(params.integrationKey, 'integrationKey'),
    integrationId: optionalId(params.integrationId, 'integrationId'),
    connectionId: optionalId(params.connectionId, 'connectionId'),
    connectionKey: optionalId(params.connectionKey, 'connectionKey'),
    instanceKey: optionalId(params.instanceKey, 'instanceKey'),
  };
}
