import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { expectNoLeaks } from './error-leaks.js';
import { live, one } from './wire-fields.js';

const ENTITIES =
  'query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Flow { id name } } }';
const MESSAGE =
  'Each representation needs a __typename naming an entity type (Action, ActionRunLog, Connection, Flow, FlowRun, Integration, User).';

/** Found by the soak: these failed the whole list as INTERNAL_SERVER_ERROR, or had no code. */
describe('_entities representations that name no entity type', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it.each([
    ['an unknown __typename', { __typename: 'Nope', id: '1' }],
    ['no __typename', { id: '1' }],
    ['a type that is no entity', { __typename: 'PageInfo', id: '1' }],
    ['not an object', 5],
  ])('%s → BAD_USER_INPUT in its slot; the others resolve', async (_, bad) => {
    const flow = one(gw.sandbox.data.flows.filter(live), 'flow');
    gw.resetCalls();
    const res = await gw.execute(ENTITIES, { r: [{ __typename: 'Flow', id: flow.id }, bad] });
    expect(res.data).toEqual({
      _entities: [{ __typename: 'Flow', id: flow.id, name: flow.name }, null],
    });
    expect(res.errors).toEqual([
      {
        message: MESSAGE,
        locations: [{ line: 1, column: 23 }],
        path: ['_entities', 1],
        extensions: { code: 'BAD_USER_INPUT' },
      },
    ]);
    expect(gw.calls()).toEqual([`GET /flows/${flow.id}`]);
    expectNoLeaks(gw, res);
  });

  it.each([
    ['no id', { __typename: 'Flow' }],
    ['an id that is no string', { __typename: 'FlowRun', id: 7 }],
    ['a null id', { __typename: 'User', id: null }],
  ])('%s → BAD_USER_INPUT in its slot, no upstream call for it', async (_, bad) => {
    const flow = one(gw.sandbox.data.flows.filter(live), 'flow');
    gw.resetCalls();
    const res = await gw.execute(ENTITIES, { r: [bad, { __typename: 'Flow', id: flow.id }] });
    expect(res.data).toEqual({
      _entities: [null, { __typename: 'Flow', id: flow.id, name: flow.name }],
    });
    expect(res.errors).toEqual([
      {
        message: 'Each representation needs its key: an id that is a string.',
        locations: [{ line: 1, column: 23 }],
        path: ['_entities', 0],
        extensions: { code: 'BAD_USER_INPUT' },
      },
    ]);
    expect(gw.calls()).toEqual([`GET /flows/${flow.id}`]);
  });
});
