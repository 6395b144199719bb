import { once } from 'node:events';
import { createClient as createWsClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { wsClient } from './clients.js';

/** The status a WebSocket upgrade is answered with (101 when accepted). */
async function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  const socket = new WebSocket(url, 'graphql-transport-ws', { headers });
  const outcome = await Promise.race([
    once(socket, 'open').then(() => 101),
    once(socket, 'unexpected-response').then(
      ([, res]) => (res as { statusCode: number }).statusCode,
    ),
  ]);
  socket.terminate();
  return outcome;
}

describe('graphql-ws on /graphql', () => {
  let gw: TestGateway;
  let wsUrl: string;
  beforeAll(async () => {
    gw = await startTestGateway({
      env: { SUBSCRIPTION_POLL_MS: '20', CORS_ORIGINS: 'https://app.example' },
      fallback: 'none',
    });
    wsUrl = gw.url.replace(/^http/, 'ws');
  });
  afterAll(() => gw.close());

  it('accepts the gateway’s own origin, a CORS origin and non-browser clients; refuses other origins', async () => {
    const host = new URL(gw.url).host;
    expect(await upgradeStatus(wsUrl)).toBe(101);
    expect(await upgradeStatus(wsUrl, { origin: `http://${host}` })).toBe(101);
    expect(await upgradeStatus(wsUrl, { origin: 'https://app.example' })).toBe(101);
    expect(await upgradeStatus(wsUrl, { origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(wsUrl.replace('/graphql', '/other'))).toBe(404);
  });

  it('runs queries and mutations too, with the connection_init credential', async () => {
    const tenant = gw.sandbox.tokens.tenant;
    const client = wsClient(gw.url, tenant);
    const [own] = await client
      .subscribe<{ connections: { nodes: { userId: string }[] } }>(
        '{ connections(first: 100) { nodes { userId } } }',
      )
      .rest();
    const users = new Set(own?.data?.connections.nodes.map((n) => n.userId));
    expect(users.size).toBe(1);
    const [viaHttp] = [
      await gw.execute('{ connections(first: 100) { nodes { userId } } }', {}, { token: tenant }),
    ];
    expect(own?.data).toEqual(viaHttp?.data);
    await client.close();
  });

  it('takes the credential from a nested headers object too; a top-level key wins', async () => {
    const { admin, tenant } = gw.sandbox.tokens;
    const usersSeen = async (connectionParams: Record<string, unknown>) => {
      const client = createWsClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        connectionParams,
        retryAttempts: 0,
        lazy: true,
      });
      const users = new Set<string>();
      for await (const result of client.iterate<{ connections: { nodes: { userId: string }[] } }>({
        query: '{ connections(first: 100) { nodes { userId } } }',
      })) {
        for (const node of result.data?.connections.nodes ?? []) {
          users.add(node.userId);
        }
      }
      await client.dispose();
      return users.size;
    };
    expect(await usersSeen({ headers: { Authorization: `Bearer ${tenant}` } })).toBe(1);
    expect(await usersSeen({ headers: { authorization: `Bearer ${admin}` } })).toBeGreaterThan(1);
    expect(
      await usersSeen({
        Authorization: `Bearer ${tenant}`,
        headers: { Authorization: `Bearer ${admin}` },
      }),
    ).toBe(1);
  });

  it('a syntax error is the protocol’s error message with GRAPHQL_PARSE_FAILED, nothing internal', async () => {
    const client = wsClient(gw.url, gw.sandbox.tokens.admin);
    const error = await client
      .subscribe('subscription { flow(')
      .next()
      .catch((e: unknown) => e);
    expect(error).toEqual([
      {
        message: 'Syntax Error: Expected Name, found <EOF>.',
        locations: [{ line: 1, column: 21 }],
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      },
    ]);
    const tooDeep = await client
      .subscribe(
        `subscription { flow(selector: "x") { ${'flow { '.repeat(12)}id${' }'.repeat(12)} } }`,
      )
      .next()
      .catch((e: unknown) => e);
    expect(tooDeep).toEqual([expect.objectContaining({ extensions: { code: 'OPERATION_LIMIT' } })]);
    await client.close();
  });
});
