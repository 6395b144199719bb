import { readFileSync } from 'node:fs';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { composeSupergraph } from './compose.js';

// README "Deploy and scale out": behind a router the gateway is a subgraph, and each client's
// own credential reaches Membrane only when the router propagates `Authorization`. This is the
// README's Hive Gateway configuration, run against a subgraph with no fallback token and with
// introspection off (as deploy/kubernetes configures it).

const QUERY = '{ integrations(first: 1) { nodes { key } } }';
const SCHEMA_FILE = new URL('../../schema/schema.graphql', import.meta.url);

describe('Hive Gateway in front of the gateway, propagating Authorization', () => {
  let gw: TestGateway;
  let router: ReturnType<typeof createGatewayRuntime>;
  beforeAll(async () => {
    gw = await startTestGateway({ fallback: 'none', env: { INTROSPECTION: 'false' } });
    const { supergraphSdl } = composeSupergraph([
      { name: 'membrane', url: gw.url, sdl: readFileSync(SCHEMA_FILE, 'utf8') },
    ]);
    router = createGatewayRuntime({
      supergraph: supergraphSdl,
      transports: { http: httpTransport },
      logging: false,
      // as in the README: only the membrane subgraph gets the client's credential
      propagateHeaders: {
        fromClientToSubgraphs({ request, subgraphName }) {
          if (subgraphName !== 'membrane') {
            return {};
          }
          return {
            authorization: request.headers.get('authorization'),
            'x-request-id': request.headers.get('x-request-id'),
          };
        },
      },
    });
  });
  afterAll(async () => {
    await router?.dispose();
    await gw?.close();
  });

  const ask = async (headers: Record<string, string>) => {
    const res = await router.fetch('http://router/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: QUERY }),
    });
    return res.json();
  };

  it('the client’s token reaches Membrane unchanged', async () => {
    const token = gw.sandbox.tokens.tenant;
    const direct = await gw.execute(QUERY, {}, { token });
    expect(direct.errors).toBeUndefined();
    gw.resetCalls();
    const result = await ask({ authorization: `Bearer ${token}`, 'x-request-id': 'req-42' });
    expect(result).toEqual({ data: direct.data });
    expect(gw.records().map((r) => [r.method, r.path, r.authorization])).toEqual([
      ['GET', '/integrations', `Bearer ${token}`],
    ]);
  });

  it('without the header the subgraph answers UNAUTHENTICATED and calls nothing', async () => {
    gw.resetCalls();
    const result = (await ask({})) as { errors?: { extensions?: { code?: string } }[] };
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(gw.calls()).toEqual([]);
  });
});
