import { encodeGlobalID } from '@pothos/plugin-relay';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

/** A path segment as the gateway may send it: an id or key, or `integrationKey.elementKey`. */
const SEGMENT = '[A-Za-z0-9_-]{1,200}';
const SELECTOR = `(?:${SEGMENT}|[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)`;

interface Case {
  name: string;
  /** The document; `$v` is the generated value. */
  query: string;
  variable: 'String' | 'ID';
  /** Templates of the paths this argument may reach. */
  paths: RegExp[];
  /** The query parameter that must carry the value exactly, if the value goes there. */
  param?: string;
  /** For `_entities`: the representation's type; the value is its id. */
  entity?: string;
  /** The variables the value travels in, when not `{ v: value }`. */
  variables?: (value: string) => Record<string, unknown>;
}

const path = (template: string) => new RegExp(`^${template}$`);

const CASES: Case[] = [
  {
    name: 'flow(selector)',
    query: 'query($v: String!) { flow(selector: $v) { id } }',
    variable: 'String',
    paths: [path(`/flows/${SELECTOR}`)],
  },
  {
    name: 'refreshFlow(selector)',
    query: 'mutation($v: String!) { refreshFlow(selector: $v) { id } }',
    variable: 'String',
    paths: [path(`/flows/${SELECTOR}/refresh`)],
  },
  {
    name: 'integration(selector)',
    query: 'query($v: String!) { integration(selector: $v) { id } }',
    variable: 'String',
    paths: [path(`/integrations/${SELECTOR}`)],
  },
  {
    name: 'connection(id)',
    query: 'query($v: ID!) { connection(id: $v) { id } }',
    variable: 'ID',
    paths: [path(`/connections/${SEGMENT}`)],
  },
  {
    name: 'user(id)',
    query: 'query($v: ID!) { user(id: $v) { id } }',
    variable: 'ID',
    paths: [path(`/customers/${SEGMENT}`)],
  },
  {
    name: 'flow(integrationKey)',
    query: 'query($v: String) { flow(selector: "x", integrationKey: $v) { id } }',
    variable: 'String',
    paths: [path('/flows/x')],
    param: 'integrationKey',
  },
  {
    name: 'flow(connectionId)',
    query: 'query($v: ID) { flow(selector: "x", connectionId: $v) { id } }',
    variable: 'ID',
    paths: [path('/flows')],
    param: 'connectionId',
  },
  {
    name: 'flows(integrationId)',
    query: 'query($v: ID) { flows(first: 1, integrationId: $v) { nodes { id } } }',
    variable: 'ID',
    paths: [path('/flows')],
    param: 'integrationId',
  },
  {
    name: 'flows(search)',
    query: 'query($v: String) { flows(first: 1, search: $v) { nodes { id } } }',
    variable: 'String',
    paths: [path('/flows')],
    param: 'search',
  },
  {
    name: 'connections(userId)',
    query: 'query($v: ID) { connections(first: 1, userId: $v) { nodes { id } } }',
    variable: 'ID',
    paths: [path('/connections')],
    param: 'userId',
  },
  {
    name: 'flowRun(id)',
    query: 'query($v: ID!) { flowRun(id: $v) { id } }',
    variable: 'ID',
    paths: [path(`/flow-runs/${SEGMENT}`)],
  },
  {
    name: 'flowRuns(connectionFlowId)',
    query: 'query($v: ID) { flowRuns(first: 1, connectionFlowId: $v) { nodes { id } } }',
    variable: 'ID',
    paths: [path('/flow-runs')],
    param: 'connectionFlowId',
  },
  {
    name: 'flowRuns(userId)',
    query: 'query($v: ID) { flowRuns(first: 1, userId: $v) { nodes { id } } }',
    variable: 'ID',
    paths: [path('/flow-runs')],
    param: 'userId',
  },
  {
    name: 'runFlow(selector)',
    query: 'mutation($v: String!) { runFlow(selector: $v) { id } }',
    variable: 'String',
    paths: [path(`/flows/${SELECTOR}/run`)],
  },
  {
    name: 'runFlow(instanceKey)',
    query: 'mutation($v: String) { runFlow(selector: "x", instanceKey: $v) { id } }',
    variable: 'String',
    paths: [path('/flows/x/run')],
    param: 'instanceKey',
  },
  {
    name: 'stopFlowRun(id)',
    query: 'mutation($v: ID!) { stopFlowRun(id: $v) { id } }',
    variable: 'ID',
    paths: [path(`/flow-runs/${SEGMENT}/stop`), path(`/flow-runs/${SEGMENT}`)],
  },
  {
    name: 'updateFlow(selector)',
    query: 'mutation($v: String!) { updateFlow(selector: $v, input: { enabled: true }) { id } }',
    variable: 'String',
    paths: [path(`/flows/${SELECTOR}`)],
  },
  {
    name: 'resetFlow(selector)',
    query: 'mutation($v: String!) { resetFlow(selector: $v) { id } }',
    variable: 'String',
    paths: [path(`/flows/${SELECTOR}/reset`)],
  },
  {
    name: 'archiveFlow(selector)',
    query: 'mutation($v: String!) { archiveFlow(selector: $v) }',
    variable: 'String',
    paths: [path(`/flows/${SELECTOR}`)],
  },
  {
    name: 'restoreFlow(connectionKey)',
    query: 'mutation($v: String) { restoreFlow(selector: "x", connectionKey: $v) { id } }',
    variable: 'String',
    paths: [path('/flows/x/restore')],
    param: 'connectionKey',
  },
  {
    name: 'node(id), a Flow nodeId around the value',
    query: 'query($v: ID!) { node(id: $v) { nodeId } }',
    variable: 'ID',
    paths: [path(`/flows/${SEGMENT}`)],
    variables: (value) => ({ v: encodeGlobalID('Flow', value) }),
  },
  {
    name: 'nodes(ids), User and FlowRun nodeIds around the value',
    query: 'query($v: [ID!]!) { nodes(ids: $v) { nodeId } }',
    variable: 'ID',
    paths: [path(`/customers/${SEGMENT}`), path(`/flow-runs/${SEGMENT}`)],
    variables: (value) => ({
      v: [encodeGlobalID('User', value), encodeGlobalID('FlowRun', value)],
    }),
  },
  {
    name: '_entities(id)',
    query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Flow { name } } }',
    variable: 'String',
    paths: [path(`/flows/${SEGMENT}`)],
    entity: 'Flow',
  },
  {
    name: '_entities(FlowRun id)',
    query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on FlowRun { state } } }',
    variable: 'String',
    paths: [path(`/flow-runs/${SEGMENT}`)],
    entity: 'FlowRun',
  },
  {
    name: 'action(selector)',
    query: 'query($v: String!) { action(selector: $v) { id } }',
    variable: 'String',
    paths: [path(`/actions/${SELECTOR}`)],
  },
  {
    name: 'action(connectionKey)',
    query: 'query($v: String) { action(selector: "x", connectionKey: $v) { id } }',
    variable: 'String',
    paths: [path('/actions')],
    param: 'connectionKey',
  },
  {
    name: 'actions(parentId)',
    query: 'query($v: ID) { actions(first: 1, parentId: $v) { nodes { id } } }',
    variable: 'ID',
    paths: [path('/actions')],
    param: 'parentId',
  },
  {
    name: 'actions(search)',
    query: 'query($v: String) { actions(first: 1, search: $v) { nodes { id } } }',
    variable: 'String',
    paths: [path('/actions')],
    param: 'search',
  },
  {
    name: 'runAction(selector)',
    query: 'mutation($v: String!) { runAction(selector: $v, input: {}) { output } }',
    variable: 'String',
    paths: [path(`/actions/${SELECTOR}/run`)],
  },
  {
    name: 'runAction(connectionId)',
    query: 'mutation($v: ID) { runAction(selector: "x", connectionId: $v) { output } }',
    variable: 'ID',
    paths: [path('/actions/x/run')],
    param: 'connectionId',
  },
  {
    name: 'updateAction(selector)',
    query: 'mutation($v: String!) { updateAction(selector: $v, input: { name: "n" }) { id } }',
    variable: 'String',
    paths: [path(`/actions/${SELECTOR}`)],
  },
  {
    name: 'archiveAction(selector)',
    query: 'mutation($v: String!) { archiveAction(selector: $v) }',
    variable: 'String',
    paths: [path(`/actions/${SELECTOR}`)],
  },
  {
    name: 'restoreAction(instanceKey)',
    query: 'mutation($v: String) { restoreAction(selector: "x", instanceKey: $v) { id } }',
    variable: 'String',
    paths: [path('/actions/x/restore')],
    param: 'instanceKey',
  },
  {
    name: 'actionRunLog(id)',
    query: 'query($v: ID!) { actionRunLog(id: $v) { id } }',
    variable: 'ID',
    paths: [path(`/action-run-logs/${SEGMENT}`)],
  },
  {
    name: 'actionRunLogs(connectionActionId)',
    query: 'query($v: ID) { actionRunLogs(first: 1, connectionActionId: $v) { nodes { id } } }',
    variable: 'ID',
    paths: [path('/action-run-logs')],
    param: 'connectionActionId',
  },
  {
    name: 'actionRunLogs(userId)',
    query: 'query($v: ID) { actionRunLogs(first: 1, userId: $v) { nodes { id } } }',
    variable: 'ID',
    paths: [path('/action-run-logs')],
    param: 'userId',
  },
  {
    name: '_entities(Action id)',
    query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Action { name } } }',
    variable: 'String',
    paths: [path(`/actions/${SEGMENT}`)],
    entity: 'Action',
  },
  {
    name: '_entities(ActionRunLog id)',
    query:
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on ActionRunLog { status } } }',
    variable: 'String',
    paths: [path(`/action-run-logs/${SEGMENT}`)],
    entity: 'ActionRunLog',
  },
];

/** Strings meant to break out of a path or a query: separators, dots, escapes, controls, length. */
const hostile = fc.oneof(
  fc.string({
    unit: fc.constantFrom(
      'a',
      '7',
      '-',
      '_',
      '.',
      '/',
      '\\',
      '%',
      '?',
      '#',
      '&',
      '=',
      ' ',
      '\n',
      '\u0000',
      'é',
      '😀',
      '..',
    ),
    maxLength: 24,
  }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom(
    '..',
    '.',
    'a..b',
    '.a',
    'a.',
    'a.b.c',
    '%2e%2e',
    '../customers',
    'x'.repeat(201),
    'a.b',
    'flow-1',
  ),
);

describe('path safety as a property: every id, selector and filter argument', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it.each(
    CASES,
  )('$name: BAD_USER_INPUT with no upstream call, or a request on its template', async (c) => {
    let refused = 0;
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(hostile, async (value) => {
        gw.resetCalls();
        const variables = c.variables
          ? c.variables(value)
          : c.entity
            ? { r: [{ __typename: c.entity, id: value }] }
            : { v: value };
        const answer = await gw.execute(c.query, variables);
        const records: RecordedRequest[] = gw.records();
        const codes = (answer.errors ?? []).map((e) => e.extensions?.code);
        if (codes.includes('BAD_USER_INPUT')) {
          expect(records).toEqual([]);
          refused += 1;
          return;
        }
        sent += records.length > 0 ? 1 : 0;
        for (const record of records) {
          expect(
            c.paths.some((template) => template.test(record.path)),
            record.path,
          ).toBe(true);
          if (c.param !== undefined && record.query[c.param] !== undefined) {
            // the value travels as one query parameter, exactly as given
            expect(record.query[c.param]).toBe(value);
          }
        }
      }),
      { numRuns: 60, seed: 7 },
    );
    // both sides of the property were exercised (search and filters accept any string)
    expect(sent).toBeGreaterThan(0);
    expect(refused + sent).toBeGreaterThan(30);
  });
});
