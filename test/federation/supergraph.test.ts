import { readFileSync } from 'node:fs';
import { buildSchema, type GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_FILE } from '../../scripts/schema-contract.js';
import { byCreatedThenId } from '../../src/sandbox/pagination.js';
import type { WireFlow } from '../../src/sandbox/types.js';
import { graphql } from '../gql/supergraph/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  ACCOUNTS_SDL,
  type AccountRecord,
  type AccountsSubgraph,
  accountsFixture,
  startAccountsSubgraph,
} from './accounts-subgraph.js';
import { composeSupergraph } from './compose.js';
import {
  type FederationGateway,
  type SubgraphRequest,
  startFederationGateway,
} from './hive-gateway.js';

const AccountsWithOwnersAndFlows = graphql(`
  query AccountsWithOwnersAndFlows($first: Int!) {
    accounts {
      id
      name
      owner { id name connections(first: $first) { nodes { id name } } }
      favouriteFlows { id name integration { id name } }
    }
  }
`);

const UserWithAccount = graphql(`
  query UserWithAccount($id: ID!) {
    user(id: $id) { id name account { id name favouriteFlows { id name } } }
  }
`);

const OwnersAndFlowUsers = graphql(`
  query OwnersAndFlowUsers {
    accounts { owner { id name } favouriteFlows { id user { id name } } }
  }
`);

const AccountIdsOnly = graphql(`
  query AccountIdsOnly {
    accounts { id owner { id } favouriteFlows { id } }
  }
`);

const WatchedRuns = graphql(`
  query WatchedRuns {
    accounts { id watchedRuns { id state flow { id } user { id name } } }
  }
`);

const SUBGRAPHS = (membrane: string, accounts: string) => [
  { name: 'membrane', url: membrane, sdl: readFileSync(SCHEMA_FILE, 'utf8') },
  { name: 'accounts', url: accounts, sdl: ACCOUNTS_SDL },
];

/** `{ __typename: ids }` of every `_entities` representation in a subgraph request. */
function representations(request: SubgraphRequest): Record<string, string[]> {
  const byType: Record<string, string[]> = {};
  for (const value of Object.values(request.variables ?? {})) {
    for (const rep of Array.isArray(value) ? (value as { __typename: string; id: string }[]) : []) {
      byType[rep.__typename] = [...(byType[rep.__typename] ?? []), rep.id];
    }
  }
  return byType;
}

const unique = <T>(values: T[]) => [...new Set(values)];

describe('federation: the gateway composed with a second subgraph behind Hive Gateway', () => {
  let gw: TestGateway;
  let accounts: AccountsSubgraph;
  let fed: FederationGateway;
  let fixture: AccountRecord[];

  const flow = (id: string): WireFlow => {
    const found = gw.sandbox.data.flows.find((f) => f.id === id);
    if (!found) {
      throw new Error(`no flow ${id}`);
    }
    return found;
  };
  const customerName = (id: string) => gw.sandbox.data.customers.find((c) => c.id === id)?.name;
  const integrationName = (id: string | undefined) =>
    gw.sandbox.data.integrations.find((i) => i.id === id)?.name;
  const reset = () => {
    gw.resetCalls();
    fed.resetRequests();
  };

  beforeAll(async () => {
    gw = await startTestGateway();
    fixture = accountsFixture(gw.sandbox.data);
    accounts = await startAccountsSubgraph(fixture);
    fed = startFederationGateway(composeSupergraph(SUBGRAPHS(gw.url, accounts.url)).supergraphSdl);
  });
  afterAll(async () => {
    await fed?.close();
    await accounts?.close();
    await gw?.close();
  });

  it('composes the committed schema/schema.graphql with the accounts subgraph', () => {
    const { publicSdl } = composeSupergraph(SUBGRAPHS('http://m.invalid', 'http://a.invalid'));
    const api = buildSchema(publicSdl);
    const fields = (name: string) =>
      Object.keys((api.getType(name) as GraphQLObjectType).getFields());
    expect(fields('User')).toContain('account');
    expect(fields('User')).toContain('connections');
    expect(fields('Account')).toEqual(['id', 'name', 'owner', 'favouriteFlows', 'watchedRuns']);
    expect(fields('FlowRun')).toEqual(expect.arrayContaining(['id', 'state', 'flow', 'user']));
    expect(fields('Query')).toEqual(expect.arrayContaining(['accounts', 'flow', 'user']));
  });

  it('accounts → membrane: owners and favourite flows resolve through _entities', async () => {
    reset();
    const data = await fed.data(AccountsWithOwnersAndFlows, { first: 2 });
    const connectionsOf = (userId: string) =>
      gw.sandbox.data.connections
        .filter((c) => c.userId === userId && !c.archivedAt)
        .sort(byCreatedThenId)
        .slice(0, 2)
        .map((c) => ({ id: c.id, name: c.name }));
    expect(data.accounts).toEqual(
      fixture.map((a) => ({
        id: a.id,
        name: a.name,
        owner: {
          id: a.ownerId,
          name: customerName(a.ownerId),
          connections: { nodes: connectionsOf(a.ownerId) },
        },
        favouriteFlows: a.favouriteFlowIds.map((id) => ({
          id,
          name: flow(id).name,
          integration: {
            id: flow(id).integrationId,
            name: integrationName(flow(id).integrationId),
          },
        })),
      })),
    );
    // 3 owner references (2 distinct) and 4 flow references (3 distinct): one _entities request
    const owners = unique(fixture.map((a) => a.ownerId));
    const flows = unique(fixture.flatMap((a) => a.favouriteFlowIds));
    const [fromAccounts, fromMembrane, ...more] = fed.requests();
    expect([fromAccounts?.url, fromMembrane?.url, more]).toEqual([accounts.url, gw.url, []]);
    expect(fromMembrane && representations(fromMembrane)).toEqual({ User: owners, Flow: flows });
    // k distinct ids → exactly k GETs per entity, plus one list per owner and one GET per integration
    expect(gw.calls().sort()).toEqual(
      [
        ...owners.map((id) => `GET /customers/${id}`),
        ...owners.map((id) => `GET /connections?limit=2&userId=${id}`),
        ...flows.map((id) => `GET /flows/${id}`),
        ...unique(flows.map((id) => flow(id).integrationId)).map((id) => `GET /integrations/${id}`),
      ].sort(),
    );
  });

  it('accounts → membrane: watched flow runs resolve through _entities, each read once', async () => {
    reset();
    const data = await fed.data(WatchedRuns, {});
    const runOf = (id: string) => {
      const run = gw.sandbox.data.flowRuns?.find((r) => r.id === id);
      if (!run) {
        throw new Error(`no run ${id}`);
      }
      return run;
    };
    expect(data.accounts).toEqual(
      fixture.map((a) => ({
        id: a.id,
        watchedRuns: a.watchedRunIds.map((id) => ({
          id,
          state: runOf(id).state.toUpperCase(),
          flow: { id: runOf(id).connectionFlowId },
          user: { id: runOf(id).userId, name: customerName(runOf(id).userId) },
        })),
      })),
    );
    const runs = unique(fixture.flatMap((a) => a.watchedRunIds));
    const [, fromMembrane, ...more] = fed.requests();
    expect(more).toEqual([]);
    expect(fromMembrane && representations(fromMembrane)).toEqual({ FlowRun: runs });
    expect(gw.calls().sort()).toEqual(
      [
        ...runs.map((id) => `GET /flow-runs/${id}`),
        ...unique(runs.map((id) => runOf(id).userId)).map((id) => `GET /customers/${id}`),
      ].sort(),
    );
  });

  it('membrane → accounts → membrane: a user, its account and the account’s flows', async () => {
    const [account] = fixture;
    if (!account) {
      throw new Error('empty fixture');
    }
    reset();
    const data = await fed.data(UserWithAccount, { id: account.ownerId });
    expect(data).toEqual({
      user: {
        id: account.ownerId,
        name: customerName(account.ownerId),
        account: {
          id: account.id,
          name: account.name,
          favouriteFlows: account.favouriteFlowIds.map((id) => ({ id, name: flow(id).name })),
        },
      },
    });
    expect(fed.requests().map((r) => r.url)).toEqual([gw.url, accounts.url, gw.url]);
    expect(gw.calls().sort()).toEqual(
      [
        `GET /customers/${account.ownerId}`,
        ...account.favouriteFlowIds.map((id) => `GET /flows/${id}`),
      ].sort(),
    );
  });

  it('a user already loaded as a representation is not fetched again through Flow.user', async () => {
    reset();
    const data = await fed.data(OwnersAndFlowUsers);
    const flows = unique(fixture.flatMap((a) => a.favouriteFlowIds));
    const owners = unique(fixture.map((a) => a.ownerId));
    const flowUsers = flows.map((id) => flow(id).userId ?? '');
    expect(data.accounts.map((a) => a.favouriteFlows.map((f) => f.user?.name))).toEqual(
      fixture.map((a) => a.favouriteFlowIds.map((id) => customerName(flow(id).userId ?? ''))),
    );
    // the owners overlap the flows' users: each customer is read once for both paths
    expect(owners.filter((id) => flowUsers.includes(id)).length).toBeGreaterThan(0);
    expect(gw.calls().sort()).toEqual(
      [
        ...unique([...owners, ...flowUsers]).map((id) => `GET /customers/${id}`),
        ...flows.map((id) => `GET /flows/${id}`),
      ].sort(),
    );
  });

  it('selecting only ids of the referenced entities costs no upstream call', async () => {
    reset();
    const data = await fed.data(AccountIdsOnly);
    expect(data.accounts).toEqual(
      fixture.map((a) => ({
        id: a.id,
        owner: { id: a.ownerId },
        favouriteFlows: a.favouriteFlowIds.map((id) => ({ id })),
      })),
    );
    expect(fed.requests().map((r) => r.url)).toEqual([accounts.url]);
    expect(gw.calls()).toEqual([]);
  });
});
