import type { SoakFixtures } from './fixtures.js';
import { failing, NO_ID, type Operation, pick } from './operation.js';

/** Errors on purpose: unknown ids, bad input, documents that fail, limits. */
export function errorsOnPurpose(f: SoakFixtures): Operation[] {
  const some = pick(f.instances, 3).id;
  return [
    failing('unknown flow', ['NOT_FOUND'], '{ flow(selector: "no-such-flow") { id name } }'),
    failing(
      'known and unknown side by side',
      ['NOT_FOUND'],
      `query($s: String!) { good: flow(selector: $s) { id name } bad: user(id: "${NO_ID}") { id } }`,
      { s: some },
    ),
    failing('unknown flow run', ['NOT_FOUND'], `{ flowRun(id: "${NO_ID}") { id state } }`),
    {
      ...failing('tenant lists users', ['FORBIDDEN'], '{ users(first: 5) { nodes { id } } }'),
      token: 'tenant',
    },
    failing('first out of range', ['BAD_USER_INPUT'], '{ flows(first: 0) { nodes { id } } }'),
    failing(
      'malformed cursor',
      ['BAD_USER_INPUT'],
      '{ flows(first: 5, after: "not-a-cursor") { nodes { id } } }',
    ),
    failing('hostile selector', ['BAD_USER_INPUT'], '{ flow(selector: "../flows") { id } }'),
    failing(
      'variable of the wrong type',
      ['BAD_USER_INPUT'],
      'query($n: Int) { flows(first: $n) { nodes { id } } }',
      { n: 'ten' },
    ),
    failing('syntax error', ['GRAPHQL_PARSE_FAILED'], '{ flows(first: 5) { nodes { id }'),
    failing('unknown field', ['GRAPHQL_VALIDATION_FAILED'], '{ flows { nodes { nope } } }'),
    failing(
      'entity of no entity type',
      ['BAD_USER_INPUT'],
      'query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Flow { id name } } }',
      {
        r: [
          { __typename: 'Flow', id: some },
          { __typename: 'Nope', id: '1' },
        ],
      },
    ),
    failing(
      'over the upstream-call estimate',
      ['OPERATION_LIMIT'],
      '{ flows(first: 100) { nodes { instances(first: 100) { nodes { integration { id } } } } } }',
    ),
    {
      ...failing('malformed request body', ['BAD_REQUEST'], ''),
      rawBody: '{"query": 5}',
    },
    {
      ...failing(
        'run of an integration-level flow',
        ['BAD_USER_INPUT'],
        'mutation($s: String!) { runFlow(selector: $s) { id } }',
        { s: pick(f.integrationFlows, 0) },
      ),
      kind: 'mutation',
    },
    {
      ...failing(
        'refresh of an unknown flow',
        ['NOT_FOUND'],
        'mutation { refreshFlow(selector: "no-such-flow") { id } }',
      ),
      kind: 'mutation',
    },
    {
      ...failing(
        'stop of an unknown run',
        ['NOT_FOUND'],
        `mutation { stopFlowRun(id: "${NO_ID}") { id } }`,
      ),
      kind: 'mutation',
    },
  ];
}
