import { print } from 'graphql';
import { FlowOverviewDocument } from '../../test/gql/graphql.js';
import { buildScenarios } from '../scenarios.js';
import type { SoakFixtures } from './fixtures.js';
import { type Operation, type Prepared, pick, read } from './operation.js';

/** Reads: the bench scenarios S1–S5, the typed client's document, lists and nested relations. */
export function reads(f: SoakFixtures, p: Prepared): Operation[] {
  const scenarios = buildScenarios(f.bench).map((s) =>
    read(s.name, s.graphql.query, s.graphql.variables, s.name === 'S4' ? 1 : 3),
  );
  const instance = (i: number) => pick(f.instances, i);
  return [
    ...scenarios,
    ...f.instances.map((flow) =>
      read('FlowOverview', print(FlowOverviewDocument), { selector: flow.id }),
    ),
    ...[0, 1].map((i) =>
      read(
        'flow by key and connection',
        'query($k: String!, $c: ID!) { flow(selector: $k, connectionId: $c) { id name connection { id name } } }',
        { k: instance(i).key, c: instance(i).connectionId },
        2,
      ),
    ),
    read(
      'integration flows with instances',
      '{ flows(first: 10, layer: INTEGRATION) { nodes { id name instances(first: 3) { nodes { id name } } } pageInfo { hasNextPage endCursor } } }',
    ),
    read(
      'flows page 2',
      'query($a: String) { flows(first: 10, after: $a) { edges { cursor node { id name } } } }',
      { a: p.flowsCursor },
    ),
    read(
      'integrations with flows',
      '{ integrations(first: 10) { nodes { id key name flows(first: 3) { nodes { id name } } } } }',
    ),
    ...f.integrations.map((i) =>
      read(
        'integration by key with connections',
        'query($s: String!) { integration(selector: $s) { id name connections(first: 5) { nodes { id name user { id name } } } } }',
        { s: i.key },
      ),
    ),
    read(
      'connections with relations',
      '{ connections(first: 10) { nodes { id name integration { name } user { name } } pageInfo { hasNextPage endCursor } } }',
      undefined,
      2,
    ),
    ...f.connectionIds.map((id) =>
      read(
        'connection with flows and runs',
        'query($id: ID!) { connection(id: $id) { id name flows(first: 3) { nodes { id name } } flowRuns(first: 3) { nodes { id state } } } }',
        { id },
      ),
    ),
    ...f.userIds.map((id) =>
      read(
        'user with connections and flows',
        'query($id: ID!) { user(id: $id) { id name connections(first: 3) { nodes { id name } } flows(first: 3) { nodes { id } } } }',
        { id },
      ),
    ),
    read('users page 2', 'query($a: String) { users(first: 5, after: $a) { nodes { id name } } }', {
      a: p.usersCursor,
    }),
    read(
      'flow runs with relations',
      '{ flowRuns(first: 10) { nodes { id state startTime nodes { key state } flow { id name } connection { id name } user { id } } } }',
      undefined,
      2,
    ),
    read(
      'flow run',
      'query($id: ID!) { flowRun(id: $id) { id state launchedBy { type } integration { name } } }',
      { id: p.flowRunId },
    ),
    read(
      'flow with its runs',
      'query($s: String!) { flow(selector: $s) { id runs(first: 5) { nodes { id state } } } }',
      { s: instance(2).id },
    ),
    read(
      'tenant flows',
      '{ flows(first: 20) { nodes { id name connection { name } } } }',
      undefined,
      2,
      'tenant',
    ),
    read(
      'tenant connections',
      '{ connections(first: 10) { nodes { id name integration { name } } } }',
      undefined,
      1,
      'tenant',
    ),
  ];
}
