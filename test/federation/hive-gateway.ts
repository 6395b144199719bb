import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/*
 * Why Hive Gateway and not @apollo/gateway: Hive Gateway is MIT-licensed, while Apollo's
 * gateway moved to the Elastic License v2 with 2.x and is deprecated in favour of the Rust
 * Router (a separate binary). Hive's runtime runs in process as a Yoga instance (`gateway.fetch`,
 * no socket, no download) and pairs with @theguild/federation-composition, the MIT composition
 * library Hive itself runs. Its HTTP transport is a separate package that the runtime would
 * import by name at the first request: without it every subgraph field fails with a masked
 * error, so it is imported here explicitly and a missing package fails at load time instead.
 */

/** One GraphQL request the federation gateway sent to a subgraph. */
export interface SubgraphRequest {
  url: string;
  query: string;
  variables?: Record<string, unknown>;
}

export interface GatewayResult<D> {
  data?: D | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface FederationGateway {
  execute<D, V>(document: TypedDocumentNode<D, V>, variables?: V): Promise<GatewayResult<D>>;
  /** Runs the operation and returns its data; fails with the whole response on any error. */
  data<D, V>(document: TypedDocumentNode<D, V>, variables?: V): Promise<D>;
  /** Requests sent to subgraphs since the last `resetRequests()`, in order. */
  requests(): SubgraphRequest[];
  resetRequests(): void;
  close(): Promise<void>;
}

/** The Hive Gateway runtime over a static supergraph, served in process through `fetch`. */
export function startFederationGateway(supergraph: string): FederationGateway {
  const requests: SubgraphRequest[] = [];
  const recordFetches: GatewayPlugin = {
    onFetch({ url, options }) {
      const body = JSON.parse(String(options.body)) as Omit<SubgraphRequest, 'url'>;
      requests.push({ url, ...body });
    },
  };
  const gateway = createGatewayRuntime({
    supergraph,
    transports: { http: httpTransport },
    logging: false,
    plugins: () => [recordFetches],
  });
  const execute = async <D, V>(document: TypedDocumentNode<D, V>, variables?: V) => {
    const res = await gateway.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: print(document), variables }),
    });
    return (await res.json()) as GatewayResult<D>;
  };
  return {
    execute,
    async data(document, variables) {
      const result = await execute(document, variables);
      if (result.errors || !result.data) {
        throw new Error(`unexpected GraphQL errors:\n${JSON.stringify(result, null, 2)}`);
      }
      return result.data;
    },
    requests: () => [...requests],
    resetRequests: () => void requests.splice(0),
    async close() {
      await gateway.dispose();
    },
  };
}
