import { breakInstancesOf, failing, type GeneratedCase, positions } from './facts.js';

/** Aliases, fragments and directives around failing fields. */
const SHAPE_CASES: GeneratedCase[] = [
  [
    'aliases: renamed fields and relations, an unknown flow, a failing relation at the middle',
    (f) => {
      const page = positions(f.connections.map((c) => c.integrationId));
      return {
        source: `query($s: String!, $n: Int) {
          a: flow(selector: $s) { key: id n: name i: integration { k: key name } }
          b: flow(selector: "unknown-flow") { id }
          c: connections(first: $n) { nodes { x: id y: integration { z: name } } }
        }`,
        variables: { s: f.flows[0], n: page.size },
        faults: [failing('integrations', f.connections[page.middle]?.integrationId ?? '')],
        errorsAt: [['b'], ['c', 'nodes', page.middle, 'y']],
      };
    },
  ],
  [
    'aliases: one list twice with other arguments, the last item failing in both',
    (f) => {
      const page = positions(f.connections.map((c) => c.integrationId));
      const at = f.connections[page.last]?.integrationId ?? '';
      return {
        source: `query($n: Int) {
          small: connections(first: 2) { nodes { id } }
          big: connections(first: $n) { nodes { id one: integration { name } two: integration { id key } } }
          again: connections(first: $n) { edges { node { integration { name } } } }
        }`,
        variables: { n: page.size },
        faults: [failing('integrations', at)],
        errorsAt: [
          ['big', 'nodes', page.last, 'one'],
          ['big', 'nodes', page.last, 'two'],
          ['again', 'edges', page.last, 'node', 'integration'],
        ],
      };
    },
  ],
  [
    'named fragments, nested and reused, a relation failing in the middle',
    (f) => {
      const page = positions(f.connections.map((c) => c.integrationId));
      return {
        source: `query($n: Int) { connections(first: $n) { ...Page } again: connections(first: 1) { ...Page } }
          fragment Page on ConnectionConnection { nodes { ...C } pageInfo { hasNextPage } }
          fragment C on Connection { id ...Named integration { ...I } }
          fragment Named on Connection { name }
          fragment I on Integration { id ...IntegrationName }
          fragment IntegrationName on Integration { name key }`,
        variables: { n: page.size },
        faults: [failing('integrations', f.connections[page.middle]?.integrationId ?? '')],
        errorsAt: [['connections', 'nodes', page.middle, 'integration']],
      };
    },
  ],
  ...[true, false].map(
    (shown): GeneratedCase => [
      `inline fragments with @include(if: ${shown}) and @skip, the included relation failing`,
      (f) => ({
        source: `query($s: String!, $shown: Boolean!) { flow(selector: $s) {
          ... on Flow { id }
          ... @include(if: $shown) { flow { name } }
          ... @skip(if: $shown) { name }
          ... on Flow @include(if: $shown) { integration { id } }
        } }`,
        variables: { s: f.instances[0]?.id, shown },
        faults: [failing('flows', f.instances[0]?.flowId ?? '')],
        errorsAt: shown ? [['flow', 'flow']] : [],
      }),
    ],
  ),
  [
    '__typename at every level, on a null relation and in the _Entity union',
    (f) => ({
      source: `query($r: [_Any!]!, $s: String!) {
        __typename
        flow(selector: $s) { __typename flow { __typename name } }
        _entities(representations: $r) { __typename ...E }
      }
      fragment E on _Entity { ... on User { __typename id name } }`,
      variables: {
        s: f.instances[0]?.id,
        r: [
          { __typename: 'User', id: f.users[0] },
          { __typename: 'User', id: 'unknown-user-1' },
        ],
      },
      faults: [failing('flows', f.instances[0]?.flowId ?? '', 404)],
      errorsAt: [
        ['flow', 'flow'],
        ['_entities', 1],
      ],
    }),
  ],
];

const byId = 'query($s: String!) { flow(selector: $s) { id name } }';
const page =
  'query($first: Int, $search: String) { users(first: $first, search: $search) { nodes { id } } }';

/** Variables: given, null, absent, invalid (graphql-js coerces them before any resolver runs). */
const VARIABLE_CASES: GeneratedCase[] = [
  [
    'variables: null for nullable arguments',
    () => ({ source: page, variables: { first: null, search: null }, errorsAt: [] }),
  ],
  ['variables: nullable ones absent', () => ({ source: page, variables: {}, errorsAt: [] })],
  [
    'variables: a default value, and an unknown extra variable',
    () => ({
      source: 'query($first: Int = 2) { users(first: $first) { nodes { id } } }',
      variables: { extra: 'ignored' },
      errorsAt: [],
    }),
  ],
  ['variables: a required one missing', () => ({ source: byId, variables: {}, errorsAt: [null] })],
  [
    'variables: null for a required one',
    () => ({ source: byId, variables: { s: null }, errorsAt: [null] }),
  ],
  [
    'variables: a string for an Int',
    () => ({ source: page, variables: { first: 'three' }, errorsAt: [null] }),
  ],
  [
    'variables: an Int beyond 32 bits',
    () => ({ source: page, variables: { first: 2 ** 31 }, errorsAt: [null] }),
  ],
  [
    'variables: two invalid at once',
    () => ({ source: page, variables: { first: 1.5, search: 7 }, errorsAt: [null, null] }),
  ],
  [
    'variables: an enum value in REST spelling',
    () => ({
      source: 'query($l: ElementLayer) { flows(first: 2, layer: $l) { nodes { id } } }',
      variables: { l: 'integration' },
      errorsAt: [null],
    }),
  ],
  [
    'variables: a null item in a list of non-null representations',
    () => ({
      source: 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
      variables: { r: [null] },
      errorsAt: [null],
    }),
  ],
  [
    'variables: a valid value the resolver rejects (first: 0), under a nullable parent',
    (f) => ({
      source:
        'query($s: String!, $first: Int) { flow(selector: $s) { id instances(first: $first) { nodes { id } } } }',
      variables: { s: f.parents[0], first: 0 },
      errorsAt: [['flow', 'instances']],
    }),
  ],
];

/** Nulls in non-null positions: the error nulls the nearest nullable ancestor, never a sibling. */
const NON_NULL_CASES: GeneratedCase[] = [
  [
    'non-null: the root list fails, so data is null (its sibling too)',
    (f) => ({
      source: `query($u: ID!) { flows(first: 2) { nodes { id } } user(id: $u) { id name } }`,
      variables: { u: f.users[0] },
      faults: [{ kind: 'status', status: 500, method: 'GET', path: '/flows' }],
      errorsAt: [['flows']],
    }),
  ],
  [
    'non-null: a nested list fails, its nullable parent is null, the siblings stay',
    (f) => ({
      source: `query($u: ID!) {
        user(id: $u) { id connections(first: 2) { nodes { id } } }
        integrations(first: 1) { nodes { id } }
        other: user(id: $u) { name }
      }`,
      variables: { u: f.users[0] },
      faults: [{ kind: 'status', status: 502, method: 'GET', path: '/connections' }],
      errorsAt: [['user', 'connections']],
    }),
  ],
  ...(['first', 'middle', 'last'] as const).map(
    (at): GeneratedCase => [
      `non-null: the instances of the ${at} item fail, the null climbs [Flow!]! up to data`,
      (f) => {
        const index = { first: 0, middle: 1, last: 2 }[at];
        return {
          source: `query($i: [_Any!]!) {
            flows(first: 3, layer: INTEGRATION) { nodes { id instances(first: 1) { nodes { id } } } }
            _entities(representations: $i) { __typename }
          }`,
          variables: { i: [{ __typename: 'User', id: f.users[0] }] },
          edit: breakInstancesOf(f.parents[index] ?? ''),
          errorsAt: [['flows', 'nodes', index, 'instances']],
        };
      },
    ],
  ),
  [
    'non-null: a list under a nullable flow fails, the null stops there, the sibling alias stays',
    (f) => ({
      source: `query($s: String!) {
        a: flow(selector: $s) { id instances(first: 3) { nodes { id flow { id } } } }
        b: flow(selector: $s) { id name }
      }`,
      variables: { s: f.parents[0] },
      edit: breakInstancesOf(f.parents[0] ?? ''),
      errorsAt: [['a', 'instances']],
    }),
  ],
  [
    'arguments: a bad selector, a bad cursor and first above 100, each nulling its nullable field',
    (f) => ({
      source: `query($u: ID!) {
        bad: flow(selector: "../etc") { id }
        cursor: user(id: $u) { connections(after: "not-a-cursor") { nodes { id } } }
        big: integration(selector: "${f.integrationKey}") { id flows(first: 101) { nodes { id } } }
        fine: users(first: 1) { nodes { id } }
      }`,
      variables: { u: f.users[0] },
      errorsAt: [['bad'], ['cursor', 'connections'], ['big', 'flows']],
    }),
  ],
];

export const QUERY_CASES: GeneratedCase[] = [...SHAPE_CASES, ...VARIABLE_CASES, ...NON_NULL_CASES];
