import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireFlow } from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  apq,
  documentIdOf,
  errorBody,
  FlowName,
  JSON_ONLY,
  MANIFEST,
  MANIFEST_PATH,
  NOT_FOUND,
  RESPONSE_JSON,
  RefreshFlow,
  send,
  sha256,
  someFlow,
  UNLISTED,
} from '../support/persisted.js';

const METHODS = ['POST', 'GET'] as const;
const MISMATCH = errorBody(
  'The persisted query hash is not the SHA-256 of the query.',
  'BAD_USER_INPUT',
);

describe('PERSISTED_OPERATIONS=allow (with the codegen manifest)', () => {
  let gw: TestGateway;
  let flow: WireFlow;
  let data: unknown;
  const id = documentIdOf(FlowName);
  const hex = id.slice('sha256:'.length);
  beforeAll(async () => {
    gw = await startTestGateway({
      env: { PERSISTED_OPERATIONS: 'allow', PERSISTED_OPERATIONS_MANIFEST: MANIFEST_PATH },
    });
    flow = someFlow(gw);
    data = { data: { flow: { id: flow.id, name: flow.name } } };
  });
  afterAll(() => gw.close());
  const variables = () => ({ selector: flow.id });

  it.each(METHODS)('%s: a documentId of the manifest runs its document', async (method) => {
    gw.resetCalls();
    expect(MANIFEST[id]).toBe(
      'query PersistedFlowName($selector: String!) { flow(selector: $selector) { id name } }',
    );
    const answer = await send(gw.url, method, { documentId: id, variables: variables() });
    expect(answer).toEqual({ status: 200, cacheControl: null, body: data });
    expect(gw.calls()).toEqual([`GET /flows/${flow.id}`]);
    // the bare hex (design §10's "sha256-hex") names it too
    const bare = await send(gw.url, method, { documentId: hex, variables: variables() });
    expect(bare.body).toEqual(data);
  });

  it.each(METHODS)('%s: an APQ hash of the manifest runs its document', async (method) => {
    const answer = await send(gw.url, method, { extensions: apq(hex), variables: variables() });
    expect(answer).toEqual({ status: 200, cacheControl: null, body: data });
  });

  it.each(METHODS)('%s: a raw document still runs', async (method) => {
    const answer = await send(gw.url, method, { query: MANIFEST[id], variables: variables() });
    expect(answer).toEqual({ status: 200, cacheControl: null, body: data });
  });

  it.each(
    METHODS,
  )('%s: an unknown id or hash → PERSISTED_QUERY_NOT_FOUND, no call', async (method) => {
    gw.resetCalls();
    const unknown = sha256(`${method} nothing`);
    for (const params of [
      { documentId: `sha256:${unknown}` },
      { documentId: 'my-custom-id' },
      { extensions: apq(unknown) },
    ]) {
      expect(await send(gw.url, method, params)).toEqual({
        status: 200,
        cacheControl: 'no-store',
        body: NOT_FOUND,
      });
      expect(await send(gw.url, method, params, RESPONSE_JSON)).toEqual({
        status: 404,
        cacheControl: 'no-store',
        body: NOT_FOUND,
      });
    }
    expect(gw.calls()).toEqual([]);
  });

  it.each(
    METHODS,
  )('%s: APQ registration: hash → NOT_FOUND, hash + query runs and registers, hash alone runs', async (method) => {
    // a document per method, so each registers afresh
    const query = `${UNLISTED} # ${method}`;
    const hash = sha256(query);
    const expected = { data: { integrations: { nodes: [{ key: expect.any(String) }] } } };
    expect((await send(gw.url, method, { extensions: apq(hash) })).body).toEqual(NOT_FOUND);
    gw.resetCalls();
    const registered = await send(gw.url, method, { query, extensions: apq(hash) });
    expect(registered).toEqual({ status: 200, cacheControl: null, body: expected });
    expect(gw.calls()).toHaveLength(1);
    const byHash = await send(gw.url, method, { extensions: apq(hash) });
    expect(byHash.body).toEqual(registered.body);
    // a registered hash is a SHA-256 document id like any other
    expect((await send(gw.url, method, { documentId: `sha256:${hash}` })).body).toEqual(
      registered.body,
    );
  });

  it.each(
    METHODS,
  )('%s: a hash that is not the SHA-256 of the query → BAD_USER_INPUT, nothing registered', async (method) => {
    gw.resetCalls();
    const wrong = sha256('another document');
    const params = { query: UNLISTED, extensions: apq(wrong) };
    expect(await send(gw.url, method, params)).toEqual({
      status: 200,
      cacheControl: null,
      body: MISMATCH,
    });
    expect((await send(gw.url, method, params, RESPONSE_JSON)).status).toBe(400);
    expect((await send(gw.url, method, { ...params, extensions: apq('not-hex') })).body).toEqual(
      MISMATCH,
    );
    expect((await send(gw.url, method, { extensions: apq(wrong) })).body).toEqual(NOT_FOUND);
    expect(gw.calls()).toEqual([]);
  });

  it('a query and a documentId together → BAD_USER_INPUT, no call', async () => {
    gw.resetCalls();
    const answer = await send(gw.url, 'POST', { query: UNLISTED, documentId: id });
    expect(answer).toEqual({
      status: 200,
      cacheControl: null,
      body: errorBody('Send a query or a documentId, not both.', 'BAD_USER_INPUT'),
    });
    expect(gw.calls()).toEqual([]);
  });

  it('neither a query nor an id → BAD_REQUEST', async () => {
    const answer = await send(gw.url, 'POST', { variables: {} }, RESPONSE_JSON);
    expect(answer).toEqual({
      status: 400,
      cacheControl: null,
      body: errorBody('Must provide a query string, a documentId or an APQ hash.', 'BAD_REQUEST'),
    });
  });

  it('a persisted mutation runs over POST and is refused over GET (405, no call)', async () => {
    const mutation = documentIdOf(RefreshFlow);
    gw.resetCalls();
    const get = await send(gw.url, 'GET', { documentId: mutation, variables: variables() });
    expect(get).toEqual({
      status: 405,
      cacheControl: null,
      body: errorBody('Can only perform a mutation operation from a POST request.', 'BAD_REQUEST'),
    });
    expect(gw.calls()).toEqual([]);
    const post = await send(gw.url, 'POST', { documentId: mutation, variables: variables() });
    expect(post).toEqual({
      status: 200,
      cacheControl: null,
      body: { data: { refreshFlow: { id: flow.id } } },
    });
    expect(gw.calls()).toEqual([`POST /flows/${flow.id}/refresh`]);
  });

  it('answers application/json by default', async () => {
    const res = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': JSON_ONLY },
      body: JSON.stringify({ documentId: id, variables: variables() }),
    });
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it.each(METHODS)('%s: a refusal is counted by its code, as any request error', async (method) => {
    const metricsUrl = gw.url.replace(/\/graphql$/, '/metrics');
    const count = async () => {
      const text = await (await fetch(metricsUrl)).text();
      return Number(
        /^gateway_graphql_errors_total\{code="PERSISTED_QUERY_NOT_FOUND"\} (\d+)$/m.exec(
          text,
        )?.[1] ?? 0,
      );
    };
    const before = await count();
    await send(gw.url, method, { documentId: `sha256:${'0'.repeat(64)}` });
    expect(await count()).toBe(before + 1);
  });
});
