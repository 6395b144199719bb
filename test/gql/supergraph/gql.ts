/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query AccountsWithOwnersAndFlows($first: Int!) {\n    accounts {\n      id\n      name\n      owner { id name connections(first: $first) { nodes { id name } } }\n      favouriteFlows { id name integration { id name } }\n    }\n  }\n": typeof types.AccountsWithOwnersAndFlowsDocument,
    "\n  query UserWithAccount($id: ID!) {\n    user(id: $id) { id name account { id name favouriteFlows { id name } } }\n  }\n": typeof types.UserWithAccountDocument,
    "\n  query OwnersAndFlowUsers {\n    accounts { owner { id name } favouriteFlows { id user { id name } } }\n  }\n": typeof types.OwnersAndFlowUsersDocument,
    "\n  query AccountIdsOnly {\n    accounts { id owner { id } favouriteFlows { id } }\n  }\n": typeof types.AccountIdsOnlyDocument,
    "\n  query WatchedRuns {\n    accounts { id watchedRuns { id state flow { id } user { id name } } }\n  }\n": typeof types.WatchedRunsDocument,
};
const documents: Documents = {
    "\n  query AccountsWithOwnersAndFlows($first: Int!) {\n    accounts {\n      id\n      name\n      owner { id name connections(first: $first) { nodes { id name } } }\n      favouriteFlows { id name integration { id name } }\n    }\n  }\n": types.AccountsWithOwnersAndFlowsDocument,
    "\n  query UserWithAccount($id: ID!) {\n    user(id: $id) { id name account { id name favouriteFlows { id name } } }\n  }\n": types.UserWithAccountDocument,
    "\n  query OwnersAndFlowUsers {\n    accounts { owner { id name } favouriteFlows { id user { id name } } }\n  }\n": types.OwnersAndFlowUsersDocument,
    "\n  query AccountIdsOnly {\n    accounts { id owner { id } favouriteFlows { id } }\n  }\n": types.AccountIdsOnlyDocument,
    "\n  query WatchedRuns {\n    accounts { id watchedRuns { id state flow { id } user { id name } } }\n  }\n": types.WatchedRunsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountsWithOwnersAndFlows($first: Int!) {\n    accounts {\n      id\n      name\n      owner { id name connections(first: $first) { nodes { id name } } }\n      favouriteFlows { id name integration { id name } }\n    }\n  }\n"): (typeof documents)["\n  query AccountsWithOwnersAndFlows($first: Int!) {\n    accounts {\n      id\n      name\n      owner { id name connections(first: $first) { nodes { id name } } }\n      favouriteFlows { id name integration { id name } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserWithAccount($id: ID!) {\n    user(id: $id) { id name account { id name favouriteFlows { id name } } }\n  }\n"): (typeof documents)["\n  query UserWithAccount($id: ID!) {\n    user(id: $id) { id name account { id name favouriteFlows { id name } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OwnersAndFlowUsers {\n    accounts { owner { id name } favouriteFlows { id user { id name } } }\n  }\n"): (typeof documents)["\n  query OwnersAndFlowUsers {\n    accounts { owner { id name } favouriteFlows { id user { id name } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountIdsOnly {\n    accounts { id owner { id } favouriteFlows { id } }\n  }\n"): (typeof documents)["\n  query AccountIdsOnly {\n    accounts { id owner { id } favouriteFlows { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WatchedRuns {\n    accounts { id watchedRuns { id state flow { id } user { id name } } }\n  }\n"): (typeof documents)["\n  query WatchedRuns {\n    accounts { id watchedRuns { id state flow { id } user { id name } } }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;