import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import type { Context } from './context.js';

export interface SchemaTypes {
  Context: Context;
  Scalars: {
    ID: { Input: string; Output: string };
    // The REST API sends ISO strings; graphql-scalars validates and normalises them.
    DateTime: { Input: Date; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
  };
}

/** The builder's types with Pothos defaults filled in: what field-helper signatures need. */
export type Types = PothosSchemaTypes.ExtendDefaultTypes<SchemaTypes>;

export const builder = new SchemaBuilder<SchemaTypes>({
  // federation after the plugins that wrap resolvers; it needs the directives plugin
  plugins: [RelayPlugin, DataloaderPlugin, DirectivesPlugin, FederationPlugin],
  relay: {
    // `id` stays the Membrane id (federation keys, filters); the global id has a field of its own
    idFieldName: 'nodeId',
    idFieldOptions: {
      description: 'Global id (Relay Global Object Identification): `Query.node` takes it back.',
    },
    // src/schema/node.ts defines them: the plugin's own decode fails a whole `nodes` list at one
    // bad id, with an error that is masked as INTERNAL_SERVER_ERROR
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
});

builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('JSON', JSONResolver);
builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
