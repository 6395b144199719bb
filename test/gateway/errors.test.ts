import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultRule } from '../../src/sandbox/index.js';
import type { WireFlow } from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { expectNoLeaks, UPSTREAM_DETAIL } from './error-leaks.js';
import { one } from './wire-fields.js';

const FLOW = 'query($s: String!) { flow(selector: $s) { id name } }';

type StatusFault = Omit<Extract<FaultRule, { kind: 'status' }>, 'kind'>;

/** Upstream HTTP answers and the GraphQL error each must become (design §5). */
const STATUS_CASES: [string, StatusFault, Record<string, unknown>, string][] = [
  [
    '400 → BAD_USER_INPUT',
    { status: 400 },
    { code: 'BAD_USER_INPUT', upstream: { status: 400, type: 'bad_request' } },
    'The Membrane API rejected the request as invalid.',
  ],
  [
    '403 → FORBIDDEN',
    { status: 403 },
    { code: 'FORBIDDEN', upstream: { status: 403, type: 'bad_request', key: 'access_denied' } },
    'The Membrane API denied access to this resource.',
  ],
  [
    'already_exists → CONFLICT',
    { status: 400, type: 'bad_request', key: 'already_exists' },
    { code: 'CONFLICT', upstream: { status: 400, type: 'bad_request', key: 'already_exists' } },
    'The Membrane API reported a conflict with the current state of this resource.',
  ],
  [
    '409 → CONFLICT',
    { status: 409 },
    { code: 'CONFLICT', upstream: { status: 409, type: 'bad_request' } },
    'The Membrane API reported a conflict with the current state of this resource.',
  ],
  [
    'concurrency → CONFLICT',
    { status: 423, type: 'concurrency', key: 'lock_timeout' },
    { code: 'CONFLICT', upstream: { status: 423, type: 'concurrency', key: 'lock_timeout' } },
    'The Membrane API reported a conflict with the current state of this resource.',
  ],
  [
    '429 with Retry-After → RATE_LIMITED',
    { status: 429, retryAfter: 7 },
    {
      code: 'RATE_LIMITED',
      upstream: { status: 429, type: 'bad_request', key: 'rate_limit_exceeded' },
      retryAfter: 7,
    },
    'The Membrane API rate limit was exceeded; retry later.',
  ],
  [
    '500 → UPSTREAM_ERROR',
    { status: 500 },
    { code: 'UPSTREAM_ERROR', upstream: { status: 500, type: 'internal' } },
    'The Membrane API failed to answer this request.',
  ],
  [
    '502 → UPSTREAM_ERROR',
    { status: 502 },
    { code: 'UPSTREAM_ERROR', upstream: { status: 502, type: 'internal' } },
    'The Membrane API failed to answer this request.',
  ],
];

describe('error codes from upstream answers', () => {
  let gw: TestGateway;
  let flow: WireFlow;
  beforeAll(async () => {
    gw = await startTestGateway();
    flow = one(gw.sandbox.data.flows, 'flow');
  });
  afterAll(() => gw.close());

  it.each(STATUS_CASES)('%s', async (_, fault, extensions, message) => {
    gw.sandbox.faults.add({
      kind: 'status',
      method: 'GET',
      path: `/flows/${flow.id}`,
      times: 1,
      message: UPSTREAM_DETAIL,
      ...fault,
    });
    gw.resetCalls();
    const res = await gw.execute(FLOW, { s: flow.id });
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ flow: null });
    expect(res.errors).toEqual([
      { message, path: ['flow'], locations: [{ line: 1, column: 22 }], extensions },
    ]);
    expect(gw.calls()).toEqual([`GET /flows/${flow.id}`]);
    expectNoLeaks(gw, res);
  });

  it('404 → NOT_FOUND and the nullable field is null', async () => {
    const res = await gw.execute(FLOW, { s: '000000000000000000000000' });
    expect(res.data).toEqual({ flow: null });
    expect(res.errors?.map((e) => [e.message, e.path, e.extensions])).toEqual([
      [
        'The Membrane API did not find this resource.',
        ['flow'],
        { code: 'NOT_FOUND', upstream: { status: 404, type: 'bad_request', key: 'not_found' } },
      ],
    ]);
    expectNoLeaks(gw, res);
  });

  it('401 for a bad token → UNAUTHENTICATED, without echoing the token', async () => {
    const token = 'not-a-valid-token-4f1c9e';
    gw.resetCalls();
    const res = await gw.execute(FLOW, { s: flow.id }, { token });
    expect(res.data).toEqual({ flow: null });
    expect(res.errors?.map((e) => [e.message, e.extensions])).toEqual([
      [
        'The Membrane API did not accept the credentials.',
        {
          code: 'UNAUTHENTICATED',
          upstream: { status: 401, type: 'bad_request', key: 'not_authenticated' },
        },
      ],
    ]);
    expect(gw.records().map((r) => r.authorization)).toEqual([`Bearer ${token}`]);
    expectNoLeaks(gw, res, [token]);
  });

  it('maps errors of every root field the same way (integration, connection, user, lists)', async () => {
    gw.sandbox.faults.add({
      kind: 'status',
      status: 403,
      method: 'GET',
      path: /^\/(integrations|connections|customers)\//,
      times: 3,
    });
    const res = await gw.execute(
      '{ integration(selector: "slack") { id } connection(id: "c1") { id } user(id: "u1") { id } }',
    );
    expect(res.data).toEqual({ integration: null, connection: null, user: null });
    const codes = res.errors?.map((e) => [e.path?.[0], e.extensions?.code]);
    expect(codes?.sort()).toEqual([
      ['connection', 'FORBIDDEN'],
      ['integration', 'FORBIDDEN'],
      ['user', 'FORBIDDEN'],
    ]);
    gw.sandbox.faults.add({ kind: 'status', status: 500, method: 'GET', path: '/flows', times: 1 });
    const list = await gw.execute('{ flows { nodes { id } } }');
    // `flows` is non-null: the error nulls data, with the code of the upstream answer
    expect(list.data).toBeNull();
    expect(list.errors?.map((e) => [e.path, e.extensions])).toEqual([
      [['flows'], { code: 'UPSTREAM_ERROR', upstream: { status: 500, type: 'internal' } }],
    ]);
    expectNoLeaks(gw, res);
    expectNoLeaks(gw, list);
  });

  it('maps a failed mutation the same way: 404 → NOT_FOUND, data null', async () => {
    const res = await gw.execute('mutation { refreshFlow(selector: "no-such-flow-key") { id } }');
    expect(res.data).toBeNull();
    expect(res.errors?.map((e) => e.extensions)).toEqual([
      { code: 'NOT_FOUND', upstream: { status: 404, type: 'bad_request', key: 'not_found' } },
    ]);
    expectNoLeaks(gw, res);
  });
});

describe('variable errors: BAD_USER_INPUT, and HTTP 400 under graphql-response+json (found by the soak)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  const FLOWS = 'query($n: Int, $l: ElementLayer) { flows(first: $n, layer: $l) { nodes { id } } }';

  it.each([
    [
      'a value that does not coerce',
      { n: 'ten' },
      'Variable "$n" got invalid value "ten"; Int cannot represent non-integer value: "ten"',
      7,
    ],
    [
      'an unknown enum value',
      { l: 'NOPE' },
      'Variable "$l" got invalid value "NOPE"; Value "NOPE" does not exist in "ElementLayer" enum.',
      16,
    ],
  ])('%s → BAD_USER_INPUT: 200 for application/json, 400 for graphql-response+json, no upstream call', async (_, variables, message, column) => {
    gw.resetCalls();
    const expected = {
      errors: [
        { message, locations: [{ line: 1, column }], extensions: { code: 'BAD_USER_INPUT' } },
      ],
    };
    for (const [accept, status] of [
      ['application/json', 200],
      ['application/graphql-response+json', 400],
    ] as const) {
      const res = await gw.execute(FLOWS, variables, { headers: { accept } });
      expect(res).toEqual({ status, ...expected });
    }
    expect(gw.calls()).toEqual([]);
  });

  it('a required variable missing → BAD_USER_INPUT', async () => {
    const res = await gw.execute(FLOW, {});
    expect(res).toEqual({
      status: 200,
      errors: [
        {
          message: 'Variable "$s" of required type "String!" was not provided.',
          locations: [{ line: 1, column: 7 }],
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
  });
});
