// the package exports this type only from its dist folder
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { MembraneAPI, RestObject } from './membrane-api.js';

export interface PeerContext {
  dataSources: { membrane: MembraneAPI };
}

type Flow = RestObject & {
  integrationId?: string;
  connectionId?: string;
  userId?: string;
  tenantId?: string;
  integration?: RestObject;
  connection?: RestObject;
  user?: RestObject;
};

const DEFAULT_PAGE_SIZE = 20;

/**
 * Plain resolvers: a relation is the parent's embed when the API sent one, else one call to
 * the data source (whose per-request de-duplication collapses repeated ids).
 */
export const resolvers: GraphQLResolverMap<PeerContext> = {
  // GraphQL enum value → REST value, so `layer: CONNECTION` reaches the API as `connection`.
  ElementLayer: { CONNECTION: 'connection', INTEGRATION: 'integration', UNIVERSAL: 'universal' },
  Query: {
    flow: (_: unknown, args: { selector: string }, { dataSources }: PeerContext) =>
      dataSources.membrane.getFlow(args.selector),
    flows: async (
      _: unknown,
      args: { first?: number; layer?: string },
      { dataSources }: PeerContext,
    ) => {
      const page = await dataSources.membrane.listFlows({
        limit: args.first ?? DEFAULT_PAGE_SIZE,
        layer: args.layer,
      });
      return { nodes: page.items };
    },
  },
  Flow: {
    __resolveReference: ({ id }: { id: string }, { dataSources }: PeerContext) =>
      dataSources.membrane.getFlow(id),
    integration: (flow: Flow, _: unknown, { dataSources }: PeerContext) =>
      flow.integration ??
      (flow.integrationId ? dataSources.membrane.getIntegration(flow.integrationId) : null),
    connection: (flow: Flow, _: unknown, { dataSources }: PeerContext) =>
      flow.connection ??
      (flow.connectionId ? dataSources.membrane.getConnection(flow.connectionId) : null),
    user: (flow: Flow, _: unknown, { dataSources }: PeerContext) => {
      const userId = flow.userId ?? flow.tenantId;
      return flow.user ?? (userId ? dataSources.membrane.getCustomer(userId) : null);
    },
  },
  Integration: {
    __resolveReference: ({ id }: { id: string }, { dataSources }: PeerContext) =>
      dataSources.membrane.getIntegration(id),
  },
  Connection: {
    __resolveReference: ({ id }: { id: string }, { dataSources }: PeerContext) =>
      dataSources.membrane.getConnection(id),
  },
  User: {
    __resolveReference: ({ id }: { id: string }, { dataSources }: PeerContext) =>
      dataSources.membrane.getCustomer(id),
  },
};
