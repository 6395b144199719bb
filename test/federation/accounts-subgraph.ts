import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import type { SandboxData } from '../../src/sandbox/types.js';

/**
 * A second subgraph written for the federation test: accounts that reference the gateway's
 * `User` (owner), `Flow` and `FlowRun` entities by id, and that extend `User` with `account`, so queries
 * cross the two subgraphs in both directions.
 */
export const ACCOUNTS_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])

  type Account @key(fields: "id") {
    id: ID!
    name: String!
    owner: User!
    favouriteFlows: [Flow!]!
    watchedRuns: [FlowRun!]!
  }

  type User @key(fields: "id") {
    id: ID!
    account: Account
  }

  type Flow @key(fields: "id", resolvable: false) {
    id: ID!
  }

  type FlowRun @key(fields: "id", resolvable: false) {
    id: ID!
  }

  type Query {
    accounts: [Account!]!
    account(id: ID!): Account
  }
`;

export interface AccountRecord {
  id: string;
  name: string;
  ownerId: string;
  favouriteFlowIds: string[];
  watchedRunIds: string[];
}

/** Three accounts over seed data: two share an owner, and favourite flows overlap. */
export function accountsFixture(data: SandboxData): AccountRecord[] {
  const owners = data.customers.filter(
    (c) => !c.archivedAt && data.connections.some((conn) => conn.userId === c.id),
  );
  const flows = data.flows.filter((f) => !f.archivedAt && f.integrationId && f.userId);
  const [u1, u2] = owners;
  const [f1, f2, f3] = flows;
  const [r1, r2, r3] = data.flowRuns ?? [];
  if (!u1 || !u2 || !f1 || !f2 || !f3 || !r1 || !r2 || !r3) {
    throw new Error('seed too small for the accounts fixture');
  }
  return [
    {
      id: 'acc-1',
      name: 'Acme',
      ownerId: u1.id,
      favouriteFlowIds: [f1.id, f2.id],
      watchedRunIds: [r1.id, r2.id],
    },
    {
      id: 'acc-2',
      name: 'Globex',
      ownerId: u2.id,
      favouriteFlowIds: [f2.id, f3.id],
      watchedRunIds: [r2.id, r3.id],
    },
    { id: 'acc-3', name: 'Initech', ownerId: u1.id, favouriteFlowIds: [], watchedRunIds: [] },
  ];
}

type Ref = { __typename: string; id: string };

function resolvers(accounts: readonly AccountRecord[]) {
  const byId = (id: string) => accounts.find((a) => a.id === id) ?? null;
  const ref = (typename: string) => (id: string) => ({ __typename: typename, id });
  return {
    Query: {
      accounts: () => accounts,
      account: (_: unknown, args: { id: string }) => byId(args.id),
    },
    Account: {
      __resolveReference: (r: Ref) => byId(r.id),
      owner: (a: AccountRecord) => ref('User')(a.ownerId),
      favouriteFlows: (a: AccountRecord) => a.favouriteFlowIds.map(ref('Flow')),
      watchedRuns: (a: AccountRecord) => a.watchedRunIds.map(ref('FlowRun')),
    },
    User: {
      __resolveReference: (r: Ref) => ({ id: r.id }),
      account: (u: { id: string }) => accounts.find((a) => a.ownerId === u.id) ?? null,
    },
  };
}

export interface AccountsSubgraph {
  url: string;
  /** Operations the subgraph received, in order (what the federation gateway sent). */
  operations: string[];
  close(): Promise<void>;
}

/** The accounts subgraph (`buildSubgraphSchema` + Yoga) on a loopback port. */
export async function startAccountsSubgraph(
  accounts: readonly AccountRecord[],
): Promise<AccountsSubgraph> {
  const operations: string[] = [];
  const record: Plugin = { onParse: ({ params }) => void operations.push(String(params.source)) };
  const yoga = createYoga({
    schema: buildSubgraphSchema({ typeDefs: parse(ACCOUNTS_SDL), resolvers: resolvers(accounts) }),
    logging: false,
    plugins: [record],
  });
  const server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    operations,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
