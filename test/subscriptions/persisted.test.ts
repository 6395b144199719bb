import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WireFlow } from '../../src/sandbox/types.js';
import { graphql } from '../gql/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { apq, documentIdOf, MANIFEST_PATH } from '../support/persisted.js';

// A subscription of the manifest that codegen writes (test/gql/persisted-documents.json).
const WatchFlow = graphql(`
  subscription PersistedWatchFlow($selector: String!) {
    flow(selector: $selector) { id state }
  }
`);

describe('PERSISTED_OPERATIONS=require holds over graphql-ws', () => {
  let gw: TestGateway;
  let flow: WireFlow;
  beforeAll(async () => {
    gw = await startTestGateway({
      env: {
        SUBSCRIPTION_POLL_MS: '20',
        PERSISTED_OPERATIONS: 'require',
        PERSISTED_OPERATIONS_MANIFEST: MANIFEST_PATH,
      },
    });
    flow = gw.sandbox.data.flows[0] as WireFlow;
  });
  afterAll(() => gw.close());

  /** The first outcome of one operation: its first result, or the protocol's error. */
  async function first(payload: Record<string, unknown>): Promise<unknown> {
    const client = createClient({
      url: gw.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    const iterator = client.iterate(payload as { query: string });
    try {
      return (await iterator.next()).value;
    } catch (error) {
      return error;
    } finally {
      await iterator.return?.();
      await client.dispose();
    }
  }

  it('refuses a raw document with PERSISTED_QUERY_ONLY', async () => {
    gw.resetCalls();
    expect(await first({ query: `subscription { flow(selector: "${flow.id}") { id } }` })).toEqual([
      {
        message:
          'Only persisted operations run here: send a documentId or an APQ hash instead of a query.',
        extensions: { code: 'PERSISTED_QUERY_ONLY' },
      },
    ]);
    expect(gw.calls()).toEqual([]);
  });

  it('runs a manifest subscription named by documentId or by APQ hash', async () => {
    const id = documentIdOf(WatchFlow);
    const expected = { data: { flow: { id: flow.id, state: 'READY' } } };
    expect(await first({ query: '', documentId: id, variables: { selector: flow.id } })).toEqual(
      expected,
    );
    const hash = id.replace(/^sha256:/, '');
    expect(
      await first({ query: '', extensions: apq(hash), variables: { selector: flow.id } }),
    ).toEqual(expected);
  });
});
