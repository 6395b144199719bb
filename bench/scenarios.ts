import type { SandboxFixtures } from './ipc.js';

/**
 * The fixed read-only scenarios of issue 7: one GraphQL document (gateway and peer) and the
 * aggregator's endpoint for it. All three must answer the same data (checked first).
 * Mutations are left out: they change the sandbox's state between measured requests.
 */
export interface Scenario {
  name: 'S1' | 'S2' | 'S3' | 'S4' | 'S5';
  /** The document in short, for the report. */
  title: string;
  graphql: { query: string; variables?: Record<string, unknown> };
  /** POST path on the aggregator; its body is `graphql.variables` and its answer the `data`. */
  aggregatorPath: string;
  /**
   * Dependent upstream levels (each waits for the one before), from the exact calls per
   * operation: a relation that came embedded costs no second level.
   */
  levels(callsPerOp: number): number;
}

const LIST_SIZE = 50;

const ONE_LEVEL = () => 1;
/** The parent first, then its relations (if any were loaded), all at once. */
const PARENT_THEN_RELATIONS = (callsPerOp: number) => (callsPerOp > 1 ? 2 : 1);

/** 20 representations of all four entity types, interleaved, two of them repeated. */
export function entityRepresentations(f: SandboxFixtures): { __typename: string; id: string }[] {
  const byType: [string, string[]][] = [
    ['Flow', f.flowIds],
    ['Integration', f.integrationIds],
    ['Connection', f.connectionIds],
    ['User', f.userIds],
  ];
  const longest = Math.max(...byType.map(([, ids]) => ids.length));
  const mixed = Array.from({ length: longest }, (_, i) =>
    byType.flatMap(([__typename, ids]) => (ids[i] ? [{ __typename, id: ids[i] }] : [])),
  ).flat();
  const repeated = [mixed[0], mixed[5]].filter((r) => r !== undefined);
  return [...mixed.slice(0, 10), ...repeated, ...mixed.slice(10)];
}

export function buildScenarios(fixtures: SandboxFixtures): Scenario[] {
  const one = { id: fixtures.instanceFlowId };
  return [
    {
      name: 'S1',
      title: 'flow(selector) { id name state }',
      graphql: {
        query: 'query S1($id: String!) { flow(selector: $id) { id name state } }',
        variables: one,
      },
      aggregatorPath: '/s1-flow',
      levels: ONE_LEVEL,
    },
    {
      name: 'S2',
      title: 'flow(selector) with integration, connection, user { id name }',
      graphql: {
        query:
          'query S2($id: String!) { flow(selector: $id) { id name integration { id name } connection { id name } user { id name } } }',
        variables: one,
      },
      aggregatorPath: '/s2-flow-relations',
      levels: PARENT_THEN_RELATIONS,
    },
    {
      name: 'S3',
      title: `flows(first: ${LIST_SIZE}) { id name integration { name } }`,
      graphql: {
        query: `query S3 { flows(first: ${LIST_SIZE}) { nodes { id name integration { name } } } }`,
      },
      aggregatorPath: '/s3-flows-integration',
      levels: PARENT_THEN_RELATIONS,
    },
    {
      name: 'S4',
      title: `flows(first: ${LIST_SIZE}, layer: CONNECTION) with integration, connection, user { name }`,
      graphql: {
        query: `query S4 { flows(first: ${LIST_SIZE}, layer: CONNECTION) { nodes { id name integration { name } connection { name } user { name } } } }`,
      },
      aggregatorPath: '/s4-instances-relations',
      levels: PARENT_THEN_RELATIONS,
    },
    {
      name: 'S5',
      title: '_entities(20 mixed representations) { id name }',
      graphql: {
        query:
          'query S5($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Flow { id name } ... on Integration { id name } ... on Connection { id name } ... on User { id name } } }',
        variables: { r: entityRepresentations(fixtures) },
      },
      aggregatorPath: '/s5-entities',
      levels: ONE_LEVEL,
    },
  ];
}

/** The scenarios `names` selects (all when empty); unknown names are an error. */
export function selectScenarios(all: Scenario[], names: readonly string[]): Scenario[] {
  const unknown = names.filter((n) => !all.some((s) => s.name === n));
  if (unknown.length > 0) {
    throw new Error(
      `unknown BENCH_SCENARIOS ${unknown.join(', ')}; known: ${all.map((s) => s.name).join(', ')}`,
    );
  }
  return names.length === 0 ? all : all.filter((s) => names.includes(s.name));
}
