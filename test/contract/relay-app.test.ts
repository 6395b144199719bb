import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Environment } from 'relay-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionRuns_connection$key } from '../../examples/relay/src/__generated__/ConnectionRuns_connection.graphql.js';
import type { FlowList_query$key } from '../../examples/relay/src/__generated__/FlowList_query.graphql.js';
import { decodeCursor } from '../../src/schema/cursor.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const require = createRequire(import.meta.url);
const APP = fileURLToPath(new URL('../../examples/relay/', import.meta.url));

/** The app's modules, imported once relay-compiler has written the artifacts they import. */
const app = async () => ({
  ...(await import('../../examples/relay/src/environment.js')),
  ...(await import('../../examples/relay/src/FlowList.js')),
  ...(await import('../../examples/relay/src/FlowCard.js')),
  ...(await import('../../examples/relay/src/ConnectionRuns.js')),
});
type App = Awaited<ReturnType<typeof app>>;

describe('examples/relay: a Relay app (relay-compiler, relay-runtime) against the real gateway', () => {
  let gw: TestGateway;
  let relay: App;
  let environment: Environment;
  beforeAll(async () => {
    // compiled here, from the committed client schema, as a user would (README "Relay")
    rmSync(`${APP}src/__generated__`, { recursive: true, force: true });
    execFileSync(process.execPath, [require.resolve('relay-compiler/cli.js')], {
      cwd: APP,
      stdio: 'pipe',
    });
    gw = await startTestGateway({ fallback: 'none' });
    relay = await app();
    environment = relay.createEnvironment(gw.url, gw.sandbox.tokens.admin);
  });
  afterAll(() => gw?.close());

  // the app and this test, with the gateway code they import: as long as `npm run typecheck`
  it('typechecks against the artifacts relay-compiler wrote', { timeout: 300_000 }, () => {
    const tsc = require.resolve('typescript/bin/tsc');
    expect(() =>
      execFileSync(process.execPath, [tsc, '-p', `${APP}tsconfig.json`], { stdio: 'pipe' }),
    ).not.toThrow();
  });

  const flowOf = (id: string) => gw.sandbox.data.flows.find((f) => f.id === id);
  const unique = (items: (string | undefined)[]) => [
    ...new Set(items.filter((i): i is string => i !== undefined)),
  ];
  /** List items come without embeds: each distinct integration of the listed flows is a GET. */
  const listedIntegrations = (flowIds: readonly string[]) =>
    unique(flowIds.map((id) => flowOf(id)?.integrationId)).map((id) => `GET /integrations/${id}`);
  /** A flow's own GET may embed its integration; where its answer does not, that is one GET. */
  const unembeddedIntegrations = async (flowIds: readonly string[]) => {
    const answers = await Promise.all(
      flowIds.map(async (id) => {
        const response = await fetch(`${gw.sandbox.url}/flows/${id}`, {
          headers: { authorization: `Bearer ${gw.sandbox.tokens.admin}` },
        });
        return (await response.json()) as { integrationId?: string; integration?: object };
      }),
    );
    return unique(answers.filter((f) => !f.integration).map((f) => f.integrationId)).map(
      (id) => `GET /integrations/${id}`,
    );
  };
  const sorted = (calls: string[]) => [...calls].sort();
  const oracle = <D>(query: string, variables?: Record<string, unknown>) =>
    gw.execute<D>(query, variables, { token: gw.sandbox.tokens.admin });

  let listRef: FlowList_query$key;
  let runsRef: ConnectionRuns_connection$key;

  it('1. a paginated list of flows (@connection): the next page is appended to the same list', async () => {
    gw.resetCalls();
    listRef = await relay.loadFlowList(environment, 3);
    const first = relay.readFlowList(environment, listRef).flows;
    const firstIds = first.edges.map((e) => e.node.id);
    expect(sorted(gw.calls())).toEqual(
      sorted(['GET /flows?limit=3', ...listedIntegrations(firstIds)]),
    );
    expect(first.pageInfo.hasNextPage).toBe(true);

    gw.resetCalls();
    await relay.loadMoreFlows(environment, listRef, 3);
    const grown = relay.readFlowList(environment, listRef).flows;
    const ids = grown.edges.map((e) => e.node.id);
    const upstreamCursor = decodeCursor(first.pageInfo.endCursor ?? '').page;
    expect(sorted(gw.calls())).toEqual(
      sorted([`GET /flows?cursor=${upstreamCursor}&limit=3`, ...listedIntegrations(ids.slice(3))]),
    );
    // the same six flows, in the same order, as one page of six
    const six = await oracle<{ flows: { nodes: { id: string }[] } }>(
      '{ flows(first: 6) { nodes { id } } }',
    );
    expect(ids).toEqual(six.data?.flows.nodes.map((n) => n.id));
    expect(ids.slice(0, 3)).toEqual(firstIds);
    const cards = grown.edges.map((e) => relay.readFlowCard(environment, e.node));
    expect(cards.map((c) => [c.nodeId, c.id, c.name])).toEqual(
      ids.map((id) => [encodeGlobalID('Flow', id), id, flowOf(id)?.name]),
    );
  });

  it('2. a @refetchable fragment on Flow, refetched by its Node id after updateFlow', async () => {
    const edge = relay.readFlowList(environment, listRef).flows.edges[0];
    if (!edge) {
      throw new Error('no flow listed');
    }
    const before = relay.readFlowCard(environment, edge.node);
    const integrationCalls = await unembeddedIntegrations([before.id]);
    gw.resetCalls();
    await relay.renameFlow(environment, before.id, 'Renamed by Relay');
    expect(gw.calls()).toEqual([`PATCH /flows/${before.id}`]);
    // the mutation selected only the id: the store still holds the old name
    expect(relay.readFlowCard(environment, edge.node).name).toBe(before.name);

    gw.resetCalls();
    await relay.refetchFlowCard(environment, edge.node);
    expect(gw.calls()).toEqual([`GET /flows/${before.id}`, ...integrationCalls]);
    expect(relay.readFlowCard(environment, edge.node)).toEqual({
      ...before,
      name: 'Renamed by Relay',
    });
  });

  it('3. a nested paginated list (Connection.flowRuns) paged through the Connection Node', async () => {
    const counts = new Map<string, number>();
    for (const run of gw.sandbox.data.flowRuns ?? []) {
      if (run.connectionId) {
        counts.set(run.connectionId, (counts.get(run.connectionId) ?? 0) + 1);
      }
    }
    const connectionId = [...counts].find(([, n]) => n >= 5)?.[0];
    if (!connectionId) {
      throw new Error('the seed has a connection with five runs');
    }
    const runFlows = (ids: readonly string[]) =>
      unique(ids.map((id) => gw.sandbox.data.flowRuns?.find((r) => r.id === id)?.connectionFlowId));
    // run list items come without embeds: each run's flow is its GET (with what that embeds)
    const runCalls = async (runIds: readonly string[]) => [
      ...runFlows(runIds).map((id) => `GET /flows/${id}`),
      ...(await unembeddedIntegrations(runFlows(runIds))),
    ];
    const four = await oracle<{
      connection: { flowRuns: { nodes: { id: string; state: string }[] } };
    }>('query($id: ID!) { connection(id: $id) { flowRuns(first: 4) { nodes { id state } } } }', {
      id: connectionId,
    });
    const fourRuns = four.data?.connection.flowRuns.nodes ?? [];
    const fourIds = fourRuns.map((n) => n.id);
    expect(fourIds).toHaveLength(4);
    const firstCalls = await runCalls(fourIds.slice(0, 2));
    const nextCalls = await runCalls(fourIds.slice(2));

    gw.resetCalls();
    runsRef = await relay.loadConnectionRuns(environment, connectionId, 2);
    const first = relay.readConnectionRuns(environment, runsRef);
    expect(first.nodeId).toBe(encodeGlobalID('Connection', connectionId));
    expect(first.flowRuns.edges.map((e) => e.node.id)).toEqual(fourIds.slice(0, 2));
    expect(sorted(gw.calls())).toEqual(
      sorted([
        `GET /connections/${connectionId}`,
        `GET /flow-runs?connectionId=${connectionId}&limit=2`,
        ...firstCalls,
      ]),
    );

    gw.resetCalls();
    await relay.loadMoreRuns(environment, runsRef, 2);
    const grown = relay.readConnectionRuns(environment, runsRef);
    const upstreamCursor = decodeCursor(first.flowRuns.pageInfo.endCursor ?? '').page;
    // node(id: <the connection's nodeId>): the connection's one GET, then the next page
    expect(sorted(gw.calls())).toEqual(
      sorted([
        `GET /connections/${connectionId}`,
        `GET /flow-runs?connectionId=${connectionId}&cursor=${upstreamCursor}&limit=2`,
        ...nextCalls,
      ]),
    );
    expect(grown.flowRuns.edges.map((e) => ({ id: e.node.id, state: e.node.state }))).toEqual(
      fourRuns,
    );
    expect(grown.flowRuns.pageInfo.hasNextPage).toBe(true);
  });

  it('4. the store keeps one record per flow, keyed by its Node id, whatever path reached it', async () => {
    const runFlow = relay.readConnectionRuns(environment, runsRef).flowRuns.edges[0]?.node.flow;
    if (!runFlow) {
      throw new Error('the run has its flow');
    }
    // refetched through node(id), read back through Connection.flowRuns: one record
    const before = relay.readFlowCard(environment, runFlow);
    await relay.renameFlow(environment, before.id, 'Renamed again');
    await relay.refetchFlowCard(environment, runFlow);
    const again = relay.readConnectionRuns(environment, runsRef).flowRuns.edges[0]?.node.flow;
    expect(again && relay.readFlowCard(environment, again)).toEqual({
      ...before,
      name: 'Renamed again',
    });

    const source = environment.getStore().getSource();
    const flows = source
      .getRecordIDs()
      .map(
        (dataId) => [dataId, source.get(dataId) as { __typename?: string; id?: string }] as const,
      )
      .filter(([, record]) => record?.__typename === 'Flow');
    for (const [dataId, record] of flows) {
      expect(dataId).toBe(encodeGlobalID('Flow', record.id ?? ''));
    }
    const listed = relay.readFlowList(environment, listRef).flows.edges.map((e) => e.node.id);
    const ran = relay
      .readConnectionRuns(environment, runsRef)
      .flowRuns.edges.map((e) =>
        e.node.flow ? relay.readFlowCard(environment, e.node.flow).id : undefined,
      );
    expect(flows.map(([, r]) => r.id).sort()).toEqual(unique([...listed, ...ran]).sort());
  });
});
