import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireFlow } from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  apq,
  documentIdOf,
  errorBody,
  FlowName,
  MANIFEST,
  MANIFEST_PATH,
  NOT_FOUND,
  ONLY_PERSISTED,
  RESPONSE_JSON,
  RunAction,
  send,
  sha256,
  someFlow,
  UNLISTED,
} from '../support/persisted.js';

const METHODS = ['POST', 'GET'] as const;

/** A connection-level action that runs as it is (READY, no required input). */
const runnableAction = (gw: TestGateway): string =>
  String(
    (gw.sandbox.data.actions ?? []).find(
      (a) => a.connectionId && a.state === 'READY' && !a.archivedAt && !a.inputSchema?.required,
    )?.id,
  );

describe('PERSISTED_OPERATIONS=require (with the codegen manifest)', () => {
  let gw: TestGateway;
  let flow: WireFlow;
  const id = documentIdOf(FlowName);
  const hex = id.slice('sha256:'.length);
  beforeAll(async () => {
    gw = await startTestGateway({
      env: { PERSISTED_OPERATIONS: 'require', PERSISTED_OPERATIONS_MANIFEST: MANIFEST_PATH },
    });
    flow = someFlow(gw);
  });
  afterAll(() => gw.close());

  it.each(METHODS)('%s: a documentId or an APQ hash of the manifest runs', async (method) => {
    const variables = { selector: flow.id };
    const data = { data: { flow: { id: flow.id, name: flow.name } } };
    for (const params of [{ documentId: id }, { documentId: hex }, { extensions: apq(hex) }]) {
      gw.resetCalls();
      const answer = await send(gw.url, method, { ...params, variables }, RESPONSE_JSON);
      expect(answer).toEqual({ status: 200, cacheControl: null, body: data });
      expect(gw.calls()).toEqual([`GET /flows/${flow.id}`]);
    }
  });

  it.each(METHODS)('%s: a raw document → PERSISTED_QUERY_ONLY, no call', async (method) => {
    gw.resetCalls();
    // the manifest's own text too, and with its id beside it: under require a query never runs
    const raw = [UNLISTED, MANIFEST[id] ?? '', 'mutation { refreshFlow(selector: "x") { id } }'];
    for (const params of raw.flatMap((query) => [{ query }, { query, documentId: id }])) {
      expect(await send(gw.url, method, params)).toEqual({
        status: 200,
        cacheControl: null,
        body: ONLY_PERSISTED,
      });
      expect(await send(gw.url, method, params, RESPONSE_JSON)).toEqual({
        status: 400,
        cacheControl: null,
        body: ONLY_PERSISTED,
      });
    }
    expect(gw.calls()).toEqual([]);
  });

  it.each(
    METHODS,
  )('%s: an unknown id or hash → PERSISTED_QUERY_NOT_FOUND, no call', async (method) => {
    gw.resetCalls();
    for (const params of [
      { documentId: `sha256:${sha256(UNLISTED)}` },
      { documentId: 'my-custom-id' },
      { extensions: apq(sha256(UNLISTED)) },
    ]) {
      expect(await send(gw.url, method, params)).toEqual({
        status: 200,
        cacheControl: 'no-store',
        body: NOT_FOUND,
      });
      expect((await send(gw.url, method, params, RESPONSE_JSON)).status).toBe(404);
    }
    expect(gw.calls()).toEqual([]);
  });

  it.each(
    METHODS,
  )('%s: no APQ registration: hash + query → PERSISTED_QUERY_ONLY, the hash stays unknown', async (method) => {
    gw.resetCalls();
    const hash = sha256(UNLISTED);
    for (const sha256Hash of [hash, sha256('a wrong hash')]) {
      const answer = await send(gw.url, method, { query: UNLISTED, extensions: apq(sha256Hash) });
      expect(answer.body).toEqual(ONLY_PERSISTED);
    }
    expect((await send(gw.url, method, { extensions: apq(hash) })).body).toEqual(NOT_FOUND);
    expect(gw.calls()).toEqual([]);
  });

  it('neither a query nor an id → BAD_REQUEST', async () => {
    expect(await send(gw.url, 'POST', {})).toEqual({
      status: 200,
      cacheControl: null,
      body: errorBody('Must provide a documentId or an APQ hash.', 'BAD_REQUEST'),
    });
  });

  it('serves every document of the codegen manifest exactly as the raw document is served', async () => {
    const raw = await startTestGateway();
    try {
      for (const [documentId, query] of Object.entries(MANIFEST)) {
        const selector = query.includes('runAction') ? runnableAction(gw) : someFlow(gw).id;
        const variables = { selector };
        gw.resetCalls();
        raw.resetCalls();
        const persisted = await send(gw.url, 'POST', { documentId, variables });
        const direct = await send(raw.url, 'POST', { query, variables });
        expect(persisted, documentId).toEqual(direct);
        expect(JSON.stringify(persisted.body)).not.toMatch(/PERSISTED_QUERY|"errors"/);
        expect(gw.calls()).toEqual(raw.calls());
      }
    } finally {
      await raw.close();
    }
  });

  // after the manifest sweep, which runs the same action on a fresh sandbox of its own
  it('a persisted runAction runs by its documentId: one POST with the input given', async () => {
    const selector = runnableAction(gw);
    const input = { note: 'persisted' };
    gw.resetCalls();
    const answer = await send(gw.url, 'POST', {
      documentId: documentIdOf(RunAction),
      variables: { selector, input },
    });
    const log = gw.sandbox.data.actionRunLogs?.at(-1);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      data: { runAction: { output: log?.output ?? null, actionRunId: log?.id } },
    });
    expect(gw.calls()).toEqual([`POST /actions/${selector}/run`]);
    expect(JSON.parse(gw.records()[0]?.body ?? '')).toEqual({ input });
  });
});

describe('PERSISTED_OPERATIONS=off (the default): as before, even with a manifest', () => {
  let gw: TestGateway;
  const id = documentIdOf(FlowName);
  beforeAll(async () => {
    gw = await startTestGateway({ env: { PERSISTED_OPERATIONS_MANIFEST: MANIFEST_PATH } });
  });
  afterAll(() => gw.close());
  const noQuery = errorBody('Must provide query string.', 'BAD_REQUEST');

  it('refuses a documentId as an unknown parameter (POST) or ignores it (GET), no call', async () => {
    gw.resetCalls();
    expect(await send(gw.url, 'POST', { documentId: id })).toEqual({
      status: 400,
      cacheControl: null,
      body: errorBody('Unexpected parameter "documentId" in the request body.', 'BAD_REQUEST'),
    });
    expect(await send(gw.url, 'GET', { documentId: id })).toEqual({
      status: 200,
      cacheControl: null,
      body: noQuery,
    });
    const both = { query: '{ __typename }', documentId: id };
    expect((await send(gw.url, 'POST', both)).status).toBe(400);
    expect((await send(gw.url, 'GET', both)).body).toEqual({ data: { __typename: 'Query' } });
    expect(gw.calls()).toEqual([]);
  });

  it.each(
    METHODS,
  )('%s: an APQ hash alone has no query; with a query the extension is ignored', async (method) => {
    const hash = id.slice('sha256:'.length);
    expect((await send(gw.url, method, { extensions: apq(hash) })).body).toEqual(noQuery);
    for (const sha256Hash of [sha256('{ __typename }'), 'not a hash']) {
      const answer = await send(gw.url, method, {
        query: '{ __typename }',
        extensions: apq(sha256Hash),
      });
      expect(answer).toEqual({
        status: 200,
        cacheControl: null,
        body: { data: { __typename: 'Query' } },
      });
    }
  });
});
