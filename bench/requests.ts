import type { Child } from './processes.js';
import type { Scenario } from './scenarios.js';

/** The three systems, in the order each round runs them. */
export const SYSTEM_NAMES = ['gateway', 'aggregator', 'peer'] as const;
export type SystemName = (typeof SYSTEM_NAMES)[number];

/** One HTTP request that stands for a scenario on one system. */
export interface TargetRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

/** A started system: its process, and how a scenario is asked of it. */
export interface System {
  name: SystemName;
  child: Child;
  url: string;
  /** GraphQL systems answer `{ data }`; the aggregator answers the data itself. */
  speaks: 'graphql' | 'json';
}

/**
 * Every system gets the same credential in the request and forwards it upstream, as a gateway
 * in front of a multi-tenant API does.
 */
export function requestFor(system: System, scenario: Scenario, token: string): TargetRequest {
  const headers = {
    'content-type': 'application/json',
    accept: 'application/json',
    authorization: `Bearer ${token}`,
  };
  return system.speaks === 'graphql'
    ? {
        url: `${system.url}/graphql`,
        method: 'POST',
        headers,
        body: JSON.stringify(scenario.graphql),
      }
    : {
        url: `${system.url}${scenario.aggregatorPath}`,
        method: 'POST',
        headers,
        body: JSON.stringify(scenario.graphql.variables ?? {}),
      };
}
