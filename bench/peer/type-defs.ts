import { parse } from 'graphql';

/**
 * The subset of the gateway's subgraph schema (schema/schema.graphql) that the scenarios
 * select: the same names, types and nullability, so both answer the same `data`.
 */
export const typeDefs = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])

  enum ElementLayer {
    CONNECTION
    INTEGRATION
    UNIVERSAL
  }

  enum ElementState {
    BUILDING
    CLIENT_ACTION_REQUIRED
    CONFIGURATION_ERROR
    DISCONNECTING
    READY
    SETUP_FAILED
  }

  type Flow @key(fields: "id") {
    id: ID!
    name: String!
    state: ElementState
    integration: Integration
    connection: Connection
    user: User
  }

  type FlowConnection {
    nodes: [Flow!]!
  }

  type Integration @key(fields: "id") {
    id: ID!
    name: String!
  }

  type Connection @key(fields: "id") {
    id: ID!
    name: String!
  }

  type User @key(fields: "id") {
    id: ID!
    name: String!
  }

  type Query {
    flow(selector: String!): Flow
    flows(first: Int, layer: ElementLayer): FlowConnection!
  }
`);
