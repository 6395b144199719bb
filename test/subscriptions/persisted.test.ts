import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WireFlow } from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { apq, sha256 } from '../support/persisted.js';

// A manifest of its own (the codegen one is for queries and mutations served as JSON).
const WATCH_FLOW =
  'subscription WatchFlow($selector: String!) { flow(selector: $selector) { id state } }';
const HASH = sha256(WATCH_FLOW);

describe('PERSISTED_OPERATIONS=require holds over graphql-ws', () => {
  let gw: TestGateway;
  let flow: WireFlow;
  const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
  beforeAll(async () => {
    const manifest = join(dir, 'persisted-documents.json');
    writeFileSync(manifest, JSON.stringify({ [`sha256:${HASH}`]: WATCH_FLOW }));
    gw = await startTestGateway({
      env: {
        SUBSCRIPTION_POLL_MS: '20',
        PERSISTED_OPERATIONS: 'require',
        PERSISTED_OPERATIONS_MANIFEST: manifest,
      },
    });
    flow = gw.sandbox.data.flows[0] as WireFlow;
  });
  afterAll(async () => {
    await gw.close();
    rmSync(dir, { recursive: true, force: true });
  });

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
    const expected = { data: { flow: { id: flow.id, state: 'READY' } } };
    const variables = { selector: flow.id };
    expect(await first({ query: '', documentId: `sha256:${HASH}`, variables })).toEqual(expected);
    expect(await first({ query: '', extensions: apq(HASH), variables })).toEqual(expected);
  });
});
