import type { FaultRule } from '../../src/sandbox/index.js';
import {
  breakInstancesOf,
  type Facts,
  failing,
  type GeneratedCase,
  type Path,
  positions,
} from './facts.js';

type Position = 'first' | 'middle' | 'last';
const POSITIONS: [Position, number][] = [
  ['first', 500],
  ['middle', 404],
  ['last', 500],
  ['last', 404],
];

/** A nullable relation of one list item fails: that relation is null, every sibling stays. */
const connectionIntegration = ([at, status]: [Position, number]): GeneratedCase => [
  `connections: the integration of the ${at} item fails (${status})`,
  (f: Facts) => {
    const page = positions(f.connections.map((c) => c.integrationId));
    const item = page[at];
    return {
      source: `query($n: Int) { connections(first: $n) { nodes { id name integration { id name } } } }`,
      variables: { n: page.size },
      faults: [failing('integrations', f.connections[item]?.integrationId ?? '', status)],
      errorsAt: [['connections', 'nodes', item, 'integration']],
    };
  },
];

const parentFlow = ([at, status]: [Position, number]): GeneratedCase => [
  `flows: the parent flow of the ${at} item fails (${status})`,
  (f: Facts) => {
    const page = positions(f.instances.map((i) => i.flowId));
    const item = page[at];
    return {
      source: `query($n: Int) { flows(first: $n, layer: CONNECTION) { nodes { id flow { id name } } } }`,
      variables: { n: page.size },
      faults: [failing('flows', f.instances[item]?.flowId ?? '', status)],
      errorsAt: [['flows', 'nodes', item, 'flow']],
    };
  },
];

const relationCases: GeneratedCase[] = [
  ...POSITIONS.map(connectionIntegration),
  ...POSITIONS.map(parentFlow),
  [
    'connections: the integrations of the first and the last item fail, over edges',
    (f) => {
      const page = positions(f.connections.map((c) => c.integrationId));
      const at = (i: number) => f.connections[i]?.integrationId ?? '';
      return {
        source: `query($n: Int) { connections(first: $n) {
          edges { cursor node { id integration { name } user { id name } } }
          pageInfo { hasNextPage endCursor } } }`,
        variables: { n: page.size },
        faults: [failing('integrations', at(page.first)), failing('integrations', at(page.last))],
        errorsAt: [page.first, page.last].map((i) => [
          'connections',
          'edges',
          i,
          'node',
          'integration',
        ]),
      };
    },
  ],
  [
    'connections: every integration and every user fails',
    (f) => {
      const page = positions(f.connections.map((c) => c.integrationId));
      const items = f.connections.slice(0, page.size);
      const paths = items.flatMap((_, i): Path[] => [
        ['connections', 'nodes', i, 'integration'],
        ['connections', 'nodes', i, 'user'],
      ]);
      return {
        source: `query($n: Int) { connections(first: $n) { nodes { id integration { name } user { name } } } }`,
        variables: { n: page.size },
        faults: [failing('integrations', '[^/]+'), failing('customers', '[^/]+', 503)],
        errorsAt: paths,
      };
    },
  ],
];

const ENTITY_SELECTION = `__typename
  ... on User { id name } ... on Flow { id name } ... on Integration { id name }
  ... on Connection { id name }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ${ENTITY_SELECTION} } }`;
type Rep = { __typename: string; id: string };
const REST: Record<string, string> = {
  User: 'customers',
  Flow: 'flows',
  Integration: 'integrations',
  Connection: 'connections',
};
const user = (id: string): Rep => ({ __typename: 'User', id });
const unknownUser = (n: number) => user(`unknown-user-${n}`);
const entitiesAt = (...indexes: number[]) => indexes.map((i) => ['_entities', i]);

/** `_entities` with the given representations; the unknown ones (404) are null items. */
const entities = (
  name: string,
  reps: (f: Facts) => Rep[],
  errorsAt: number[],
  source = ENTITIES,
): GeneratedCase => [
  `_entities: ${name}`,
  (f) => ({ source, variables: { r: reps(f) }, errorsAt: entitiesAt(...errorsAt) }),
];

const u = (f: Facts, i: number) => user(f.users[i] ?? '');
const flow = (f: Facts, i = 0): Rep => ({ __typename: 'Flow', id: f.flows[i] ?? '' });
const integration = (f: Facts): Rep => ({
  __typename: 'Integration',
  id: f.connections[0]?.integrationId ?? '',
});
const connection = (f: Facts, id = f.connections[0]?.id ?? ''): Rep => ({
  __typename: 'Connection',
  id,
});

/** Delays the upstream answers for these representations (setup, never asserted). */
const slow = (reps: Rep[]): FaultRule[] =>
  reps.map((r) => ({ kind: 'latency', ms: 40, path: `/${REST[r.__typename]}/${r.id}` }));

/**
 * An unknown id at each position, in three types (so three loaders, answering independently),
 * once answering before the other two and once after them: a list item must land at its index
 * whatever order the items settle in.
 */
const settleOrderCases = (['first', 'middle', 'last'] as const).flatMap((at) =>
  (['before', 'after'] as const).map((order): GeneratedCase => {
    const index = { first: 0, middle: 1, last: 2 }[at];
    return [
      `_entities: an unknown id ${at}, its 404 arriving ${order} the other entities`,
      (f) => {
        const known = [flow(f), integration(f), u(f, 0)];
        const unknown: Rep = { __typename: known[index]?.__typename ?? '', id: 'unknown-id-1' };
        const reps = known.map((r, i) => (i === index ? unknown : r));
        const others = reps.filter((_, i) => i !== index);
        return {
          source: ENTITIES,
          variables: { r: reps },
          faults: slow(order === 'before' ? others : [unknown]),
          errorsAt: entitiesAt(index),
        };
      },
    ];
  }),
);

const entityCases: GeneratedCase[] = [
  ...settleOrderCases,
  entities('an unknown user first', (f) => [unknownUser(1), u(f, 0), u(f, 1)], [0]),
  entities('an unknown user in the middle', (f) => [u(f, 0), unknownUser(1), u(f, 1)], [1]),
  entities('an unknown user last', (f) => [u(f, 0), u(f, 1), unknownUser(1)], [2]),
  entities('only unknown ids', () => [unknownUser(1), unknownUser(2), unknownUser(3)], [0, 1, 2]),
  entities(
    'the same unknown id first and last, a known one twice',
    (f) => [unknownUser(1), u(f, 0), u(f, 0), unknownUser(1)],
    [0, 3],
  ),
  entities(
    'four types, an unknown connection in the middle',
    (f) => [flow(f), integration(f), connection(f, 'unknown-connection'), u(f, 0)],
    [2],
  ),
  [
    '_entities: a type this subgraph does not have fails only its own slot (BAD_USER_INPUT)',
    (f) => ({
      source: ENTITIES,
      variables: { r: [flow(f), u(f, 0), { __typename: 'Account', id: 'a1' }] },
      errorsAt: [['_entities', 2]],
    }),
  ],
  entities(
    'an unknown id last, only the key selected (nothing to load, no error)',
    (f) => [u(f, 0), flow(f), unknownUser(1)],
    [],
    'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id } ... on Flow { id } } }',
  ),
  [
    '_entities: the last entity fails upstream (500)',
    (f) => ({
      source: ENTITIES,
      variables: { r: [u(f, 0), flow(f), u(f, 1)] },
      faults: [failing('customers', f.users[1] ?? '')],
      errorsAt: entitiesAt(2),
    }),
  ],
  ...(['middle', 'last'] as const).map(
    (at): GeneratedCase => [
      `_entities: a non-null list of the ${at} flow fails, the null propagates to its item`,
      (f) => {
        const reps = f.parents.slice(0, 3).map((id) => ({ __typename: 'Flow', id }));
        const index = at === 'last' ? 2 : 1;
        return {
          source: `query($r: [_Any!]!) { _entities(representations: $r) {
            ... on Flow { id name instances(first: 1) { nodes { id } } } } }`,
          variables: { r: reps },
          edit: breakInstancesOf(f.parents[index] ?? ''),
          faults: slow(reps.filter((_, i) => i !== index)),
          errorsAt: [['_entities', index, 'instances']],
        };
      },
    ],
  ),
];

export const LIST_CASES: GeneratedCase[] = [...relationCases, ...entityCases];
