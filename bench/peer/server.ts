// Child process: the peer, Apollo Server 5 + @apollo/datasource-rest 6 as Apollo's docs
// recommend, as a federation subgraph (buildSubgraphSchema), in production mode.
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { type ChildListening, REFERENCE_ENV } from '../ipc.js';
import { MembraneAPI } from './membrane-api.js';
import { type PeerContext, resolvers } from './resolvers.js';
import { typeDefs } from './type-defs.js';

const upstream = process.env[REFERENCE_ENV.upstream];
if (!upstream) {
  throw new Error(`${REFERENCE_ENV.upstream} is required`);
}

const server = new ApolloServer<PeerContext>({
  schema: buildSubgraphSchema([{ typeDefs, resolvers }]),
});

const { url } = await startStandaloneServer(server, {
  listen: { host: '127.0.0.1', port: 0 },
  // A new data source per request (Apollo's docs): its de-duplication and credential are the request's.
  context: async ({ req }) => ({
    dataSources: {
      membrane: new MembraneAPI({
        baseURL: upstream,
        authorization: req.headers.authorization,
        cache: server.cache,
      }),
    },
  }),
});

const listening: ChildListening = { type: 'listening', port: Number(new URL(url).port) };
process.send?.(listening);

// Apollo Server stops itself on SIGTERM/SIGINT in production; the driver going away (even by
// SIGKILL) closes the IPC channel, and that must stop it too.
process.on('disconnect', () => {
  void server.stop().finally(() => process.exit(0));
});
