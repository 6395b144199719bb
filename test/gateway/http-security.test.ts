import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const MUTATION = 'mutation { refreshFlow(selector: "x") { id } }';

describe('cross-site requests with the server-side fallback token', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it.each([
    ['a form post', 'application/x-www-form-urlencoded', `query=${encodeURIComponent(MUTATION)}`],
    ['text/plain', 'text/plain', JSON.stringify({ query: MUTATION })],
    ['no content type', '', JSON.stringify({ query: MUTATION })],
  ])('refuses %s with 415 and no upstream call', async (_, type, body) => {
    gw.resetCalls();
    const res = await fetch(gw.url, {
      method: 'POST',
      headers: type ? { 'content-type': type } : {},
      body,
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({
      errors: [
        {
          message: 'POST requests must have Content-Type: application/json.',
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
    expect(gw.calls()).toEqual([]);
  });

  it('refuses a multipart form post', async () => {
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: MUTATION }));
    const res = await fetch(gw.url, { method: 'POST', body: form });
    expect(res.status).toBe(415);
  });

  it('accepts JSON with a charset, and GET queries, but no GET mutation', async () => {
    const json = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await json.json()).toEqual({ data: { __typename: 'Query' } });
    const get = await fetch(`${gw.url}?query=${encodeURIComponent('{ __typename }')}`);
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
    gw.resetCalls();
    const mutation = await fetch(`${gw.url}?query=${encodeURIComponent(MUTATION)}`);
    expect(mutation.status).toBe(405);
    expect(gw.calls()).toEqual([]);
  });

  it('grants no CORS to any origin by default', async () => {
    const preflight = await fetch(gw.url, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('CORS_ORIGINS', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      env: { CORS_ORIGINS: 'https://app.example, https://admin.example' },
    });
  });
  afterAll(() => gw.close());

  const preflight = (origin: string) =>
    fetch(gw.url, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });

  it('lets the named origins call the gateway from a browser, and no other', async () => {
    const allowed = await preflight('https://admin.example');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://admin.example');
    expect(allowed.headers.get('access-control-allow-headers')).toBe(
      'content-type, authorization, x-request-id',
    );
    const other = await preflight('https://evil.example');
    // the CORS plugin answers the literal origin "null", which no browser origin matches
    expect(other.headers.get('access-control-allow-origin')).toBe('null');
  });
});
