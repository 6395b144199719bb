import type { Scenario } from './scenarios.js';

/** One HTTP request that stands for a scenario on one system. */
export interface TargetRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

export type System = 'gateway' | 'baseline';

/** The gateway gets the GraphQL document (no Authorization: its fallback token applies). */
export function gatewayRequest(gatewayUrl: string, scenario: Scenario): TargetRequest {
  return {
    url: `${gatewayUrl}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(scenario.graphql),
  };
}

export function baselineRequest(baselineUrl: string, scenario: Scenario): TargetRequest {
  return {
    url: `${baselineUrl}${scenario.baselinePath}`,
    method: 'GET',
    headers: { accept: 'application/json' },
  };
}
