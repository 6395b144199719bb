import { pathToFileURL } from 'node:url';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { graphql } from '../test/gql/index.js';

/**
 * A typed client with nothing but `fetch`: the operation below is compiled by `npm run codegen`
 * into a `TypedDocumentNode`, so `flowOverview` returns a result whose type is inferred from the
 * selection (rename a field here or in the schema and `tsc` fails).
 *
 *   npx tsx examples/typed-client.ts http://localhost:4000/graphql <flow id or key> [token]
 */
export const FlowOverview = graphql(`
  query FlowOverview($selector: String!) {
    flow(selector: $selector) {
      id
      name
      state
      integration { id name }
      user { id name }
      connection { id name }
    }
  }
`);

export interface GraphQLErrorLike {
  message: string;
  extensions?: { code?: string };
}

/** Options of one request. */
export interface RequestOptions {
  /** Bearer token sent upstream; without one the gateway uses its own fallback (if any). */
  token?: string;
  signal?: AbortSignal;
}

/** Thrown when the response carries GraphQL errors (or no data). */
export class GraphQLRequestError extends Error {
  constructor(readonly errors: readonly GraphQLErrorLike[]) {
    super(errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; '));
    this.name = 'GraphQLRequestError';
  }
}

/** Executes a typed document over HTTP and returns its typed data. */
export async function request<TData, TVariables>(
  url: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  { token, signal }: RequestOptions = {},
): Promise<TData> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query: print(document), variables }),
    signal,
  });
  const body = (await res.json()) as { data?: TData | null; errors?: GraphQLErrorLike[] };
  if (body.errors?.length || body.data == null) {
    throw new GraphQLRequestError(body.errors ?? [{ message: `HTTP ${res.status} without data` }]);
  }
  return body.data;
}

/** The example's one call: `result.flow?.integration?.name` is `string | undefined`, typed. */
export async function flowOverview(url: string, selector: string, options?: RequestOptions) {
  const { flow } = await request(url, FlowOverview, { selector }, options);
  return flow;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [url = 'http://localhost:4000/graphql', selector, token] = process.argv.slice(2);
  if (!selector) {
    console.error('usage: tsx examples/typed-client.ts <graphql url> <flow selector> [token]');
    process.exit(2);
  }
  const flow = await flowOverview(url, selector, { token });
  console.log(flow ? `${flow.name} (${flow.state}) on ${flow.integration?.name}` : 'not found');
}
