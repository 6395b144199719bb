import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { estimateUpstreamCalls } from '../../src/http/estimate-upstream-calls.js';
import { schema } from '../../src/schema/index.js';

const estimate = (query: string, variables?: Record<string, unknown>) =>
  estimateUpstreamCalls(schema, parse(query), undefined, variables);

describe('estimateUpstreamCalls', () => {
  it('costs nothing for scalars and introspection', () => {
    expect(estimate('{ __typename }')).toBe(0);
    expect(estimate('{ __schema { types { name } } }')).toBe(0);
  });

  it('counts one call per root entity and one per relation of it', () => {
    expect(estimate('{ flow(selector: "a") { id name } }')).toBe(1);
    expect(estimate('{ flow(selector: "a") { integration { name } user { name } } }')).toBe(3);
  });

  it('multiplies relations of list items by `first`, literal or variable', () => {
    expect(estimate('{ flows { nodes { integration { name } } } }')).toBe(1 + 20);
    expect(estimate('{ flows(first: 50) { edges { node { integration { name } } } } }')).toBe(51);
    expect(
      estimate('query($n: Int) { flows(first: $n) { nodes { connection { name } } } }', { n: 7 }),
    ).toBe(8);
  });

  it('nests lists: every parent item pays for its own list', () => {
    const q =
      '{ integrations(first: 10) { nodes { flows(first: 100) { nodes { user { id } } } } } }';
    expect(estimate(q)).toBe(1 + 10 + 10 * 100);
  });

  it('follows fragments and inline fragments', () => {
    const q = `{ flows(first: 5) { nodes { ...F } } }
      fragment F on Flow { ... on Flow { integration { name } } connection { name } }`;
    expect(estimate(q)).toBe(1 + 5 + 5);
  });

  it('node costs its GET, nodes one per id, plus what the dearest Node type selects', () => {
    expect(estimate('query($id: ID!) { node(id: $id) { nodeId } }', { id: 'x' })).toBe(1);
    const q = `query($ids: [ID!]!) { nodes(ids: $ids) {
      ... on Flow { integration { name } user { name } } ... on Connection { user { name } } } }`;
    expect(estimate(q, { ids: ['a', 'b', 'c'] })).toBe(3 + 3 * 2);
    expect(estimate('{ nodes(ids: ["a", "b"]) { nodeId } }')).toBe(2);
  });

  it('takes the calls a field declares: stopFlowRun and archiveFlow make two', () => {
    expect(estimate('mutation { stopFlowRun(id: "r") { id } }')).toBe(2);
    expect(estimate('mutation { stopFlowRun(id: "r") { flow { name } } }')).toBe(3);
    expect(estimate('mutation { archiveFlow(selector: "f") }')).toBe(2);
    expect(estimate('mutation { runFlow(selector: "f") { id } }')).toBe(1);
  });

  it('counts the mutation and what it selects', () => {
    expect(estimate('mutation { refreshFlow(selector: "a") { id integration { name } } }')).toBe(2);
  });

  it('actions: runAction is one call, its log one more; archiveAction two; lists pay per item', () => {
    expect(estimate('mutation { runAction(selector: "a") { output actionRunId } }')).toBe(1);
    expect(estimate('mutation { runAction(selector: "a") { log { status } } }')).toBe(2);
    expect(estimate('mutation { archiveAction(selector: "a") }')).toBe(2);
    expect(estimate('mutation { updateAction(selector: "a", input: { name: "n" }) { id } }')).toBe(
      1,
    );
    expect(estimate('{ action(selector: "a") { parent { name } runLogs { nodes { id } } } }')).toBe(
      3,
    );
    expect(
      estimate('{ actionRunLogs(first: 10) { nodes { action { name } connection { name } } } }'),
    ).toBe(1 + 10 + 10);
    expect(
      estimate(
        '{ connection(id: "c") { actions(first: 5) { nodes { instances { nodes { id } } } } } }',
      ),
    ).toBe(1 + 1 + 5);
  });
});
