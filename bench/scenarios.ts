/**
 * The fixed read-only scenarios: one GraphQL document for the gateway and the equivalent
 * endpoint of the hand-written REST baseline. Both must answer the same JSON (checked first).
 * Mutations are left out: they change the sandbox's state between measured requests.
 */
export interface Scenario {
  name: string;
  /** What the scenario shows, for the report. */
  description: string;
  graphql: { query: string; variables?: Record<string, unknown> };
  /** Path (with query) on the baseline server; its body equals the gateway's `data`. */
  baselinePath: string;
}

/** Relations the baseline can expand on a flow, each one GET per flow (no deduplication). */
export type Relation = 'integration' | 'connection' | 'user';

const LIST_SIZE = 50;

export function buildScenarios(instanceFlowId: string): Scenario[] {
  return [
    {
      name: 'flow-detail',
      description: 'one flow by id with integration, user and connection names (2 levels)',
      graphql: {
        query:
          'query Detail($id: String!) { flow(selector: $id) { id name integration { name } user { name } connection { name } } }',
        variables: { id: instanceFlowId },
      },
      baselinePath: `/flows/${encodeURIComponent(instanceFlowId)}/detail`,
    },
    {
      name: 'list-names',
      description: `flows(first: ${LIST_SIZE}) { id name }: no relations, pure per-request overhead`,
      graphql: { query: `{ flows(first: ${LIST_SIZE}) { nodes { id name } } }` },
      baselinePath: `/flows?limit=${LIST_SIZE}&flowFields=id,name`,
    },
    {
      name: 'list-integration-names',
      description: `flows(first: ${LIST_SIZE}) with integration { name }: loader dedup vs one GET per flow`,
      graphql: {
        query: `{ flows(first: ${LIST_SIZE}) { nodes { id name integration { name } } } }`,
      },
      baselinePath: `/flows?limit=${LIST_SIZE}&flowFields=id,name&expand=integration&expandFields=name`,
    },
    {
      name: 'list-integration-ids',
      description: `flows(first: ${LIST_SIZE}) with integration { id }: id from the parent vs the BFF's generic expand`,
      graphql: { query: `{ flows(first: ${LIST_SIZE}) { nodes { id integration { id } } } }` },
      baselinePath: `/flows?limit=${LIST_SIZE}&flowFields=id&expand=integration&expandFields=id`,
    },
    {
      name: 'instances-3-relations',
      description: `connection-level flows(first: ${LIST_SIZE}) with integration, connection and user names`,
      graphql: {
        query: `{ flows(first: ${LIST_SIZE}, layer: CONNECTION) { nodes { id name integration { name } connection { name } user { name } } } }`,
      },
      baselinePath: `/flows?limit=${LIST_SIZE}&layer=connection&flowFields=id,name&expand=integration,connection,user&expandFields=name`,
    },
  ];
}
