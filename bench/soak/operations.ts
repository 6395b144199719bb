import { errorsOnPurpose } from './errors-on-purpose.js';
import type { SoakFixtures } from './fixtures.js';
import { type Operation, type Prepared, read } from './operation.js';
import { reads } from './reads.js';

/**
 * The control reads: single resources and their relations, on paths the fault rules spare and
 * no mutation touches, so each must answer byte for byte as it did before any fault.
 */
export function controlOperations(f: SoakFixtures): Operation[] {
  const control = (name: string, document: string, variables: Record<string, unknown>) => ({
    ...read(name, document, variables),
    kind: 'control' as const,
  });
  const { flowId, integrationId, connectionId, userId } = f.control;
  return [
    control(
      'control flow',
      'query($s: String!) { flow(selector: $s) { id name state key revision integration { id name key } connection { id name } user { id name } } }',
      { s: flowId },
    ),
    control(
      'control integration',
      'query($s: String!) { integration(selector: $s) { id key name state authType } }',
      { s: integrationId },
    ),
    control(
      'control connection',
      'query($id: ID!) { connection(id: $id) { id name connected integration { id name } user { id name internalId } } }',
      { id: connectionId },
    ),
    control(
      'control user',
      'query($id: ID!) { user(id: $id) { id name internalId isActive fields } }',
      { id: userId },
    ),
  ];
}

/** The upstream paths of the control reads: the fault rules spare exactly these. */
export function controlPaths(f: SoakFixtures): string[] {
  const { flowId, integrationId, connectionId, userId } = f.control;
  return [
    `/flows/${flowId}`,
    `/integrations/${integrationId}`,
    `/connections/${connectionId}`,
    `/customers/${userId}`,
  ];
}

/** Every read and error-on-purpose operation, each with its draw weight. */
export function mixedOperations(f: SoakFixtures, p: Prepared): Operation[] {
  return [...reads(f, p), ...errorsOnPurpose(f)];
}
