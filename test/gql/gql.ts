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
    "\n  query FlowOverview($selector: String!) {\n    flow(selector: $selector) {\n      id\n      name\n      state\n      integration { id name }\n      user { id name }\n      connection { id name }\n    }\n  }\n": typeof types.FlowOverviewDocument,
    "\n  query PersistedFlowName($selector: String!) {\n    flow(selector: $selector) { id name }\n  }\n": typeof types.PersistedFlowNameDocument,
    "\n  mutation PersistedRefreshFlow($selector: String!) {\n    refreshFlow(selector: $selector) { id }\n  }\n": typeof types.PersistedRefreshFlowDocument,
    "\n  mutation PersistedRunAction($selector: String!, $input: JSON) {\n    runAction(selector: $selector, input: $input) { output actionRunId }\n  }\n": typeof types.PersistedRunActionDocument,
};
const documents: Documents = {
    "\n  query FlowOverview($selector: String!) {\n    flow(selector: $selector) {\n      id\n      name\n      state\n      integration { id name }\n      user { id name }\n      connection { id name }\n    }\n  }\n": types.FlowOverviewDocument,
    "\n  query PersistedFlowName($selector: String!) {\n    flow(selector: $selector) { id name }\n  }\n": types.PersistedFlowNameDocument,
    "\n  mutation PersistedRefreshFlow($selector: String!) {\n    refreshFlow(selector: $selector) { id }\n  }\n": types.PersistedRefreshFlowDocument,
    "\n  mutation PersistedRunAction($selector: String!, $input: JSON) {\n    runAction(selector: $selector, input: $input) { output actionRunId }\n  }\n": types.PersistedRunActionDocument,
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
export function graphql(source: "\n  query FlowOverview($selector: String!) {\n    flow(selector: $selector) {\n      id\n      name\n      state\n      integration { id name }\n      user { id name }\n      connection { id name }\n    }\n  }\n"): (typeof documents)["\n  query FlowOverview($selector: String!) {\n    flow(selector: $selector) {\n      id\n      name\n      state\n      integration { id name }\n      user { id name }\n      connection { id name }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersistedFlowName($selector: String!) {\n    flow(selector: $selector) { id name }\n  }\n"): (typeof documents)["\n  query PersistedFlowName($selector: String!) {\n    flow(selector: $selector) { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PersistedRefreshFlow($selector: String!) {\n    refreshFlow(selector: $selector) { id }\n  }\n"): (typeof documents)["\n  mutation PersistedRefreshFlow($selector: String!) {\n    refreshFlow(selector: $selector) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PersistedRunAction($selector: String!, $input: JSON) {\n    runAction(selector: $selector, input: $input) { output actionRunId }\n  }\n"): (typeof documents)["\n  mutation PersistedRunAction($selector: String!, $input: JSON) {\n    runAction(selector: $selector, input: $input) { output actionRunId }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;