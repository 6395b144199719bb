import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const LIMIT = 4096;
const TOO_LARGE = {
  errors: [
    {
      message: `The request body is larger than ${LIMIT} bytes (MAX_REQUEST_BYTES).`,
      extensions: { code: 'OPERATION_LIMIT' },
    },
  ],
};

/** A POST over a socket, with a declared length or chunked (no length, as a stream sends it). */
function post(url: string, body: string, chunked: boolean) {
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString()),
          }),
        );
      },
    );
    // the server may answer and close before the whole body is sent
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') {
        reject(error);
      }
    });
    if (chunked) {
      req.setHeader('transfer-encoding', 'chunked');
      // several chunks: the limit must hold across them
      for (let i = 0; i < body.length; i += 1000) {
        req.write(body.slice(i, i + 1000));
      }
      req.end();
    } else {
      req.setHeader('content-length', Buffer.byteLength(body));
      req.end(body);
    }
  });
}

const padded = (bytes: number) => {
  const base = JSON.stringify({ query: '{ flows(first: 1) { nodes { id } } }#' });
  return JSON.stringify({
    query: `{ flows(first: 1) { nodes { id } } }#${' '.repeat(bytes - base.length)}`,
  });
};

describe('MAX_REQUEST_BYTES', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { MAX_REQUEST_BYTES: String(LIMIT) } });
  });
  afterAll(() => gw.close());

  it.each([
    ['declared', false],
    ['chunked', true],
  ])('a %s body above the limit: 413 OPERATION_LIMIT, no upstream call', async (_, chunked) => {
    gw.resetCalls();
    const body = padded(LIMIT + 1);
    expect(Buffer.byteLength(body)).toBe(LIMIT + 1);
    expect(await post(gw.url, body, chunked)).toEqual({ status: 413, body: TOO_LARGE });
    expect(gw.calls()).toEqual([]);
  });

  it.each([
    ['declared', false],
    ['chunked', true],
  ])('a %s body of exactly the limit is executed', async (_, chunked) => {
    gw.resetCalls();
    const body = padded(LIMIT);
    expect(Buffer.byteLength(body)).toBe(LIMIT);
    const answer = await post(gw.url, body, chunked);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ data: { flows: { nodes: [{ id: expect.any(String) }] } } });
    expect(gw.calls()).toEqual(['GET /flows?limit=1']);
  });

  it('a GET whose URL is longer than the limit: 414 OPERATION_LIMIT, no upstream call', async () => {
    gw.resetCalls();
    const query = encodeURIComponent(`{ flows(first: 1) { nodes { id } } }#${' '.repeat(LIMIT)}`);
    const res = await fetch(`${gw.url}?query=${query}`);
    expect(res.status).toBe(414);
    expect(await res.json()).toEqual({
      errors: [
        {
          message: `The request URL is longer than ${LIMIT} bytes (MAX_REQUEST_BYTES).`,
          extensions: { code: 'OPERATION_LIMIT' },
        },
      ],
    });
    expect(gw.calls()).toEqual([]);
  });

  it('a GET under the limit is executed', async () => {
    const query = encodeURIComponent('{ flows(first: 1) { nodes { id } } }');
    const res = await fetch(`${gw.url}?query=${query}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      data: { flows: { nodes: [{ id: expect.any(String) }] } },
    });
  });

  it('defaults to 1 MiB: a 3 MB body is refused before it is read', async () => {
    const other = await startTestGateway();
    try {
      const answer = await post(other.url, padded(3_000_000), false);
      expect(answer.status).toBe(413);
      expect(answer.body).toEqual({
        errors: [
          {
            message: 'The request body is larger than 1048576 bytes (MAX_REQUEST_BYTES).',
            extensions: { code: 'OPERATION_LIMIT' },
          },
        ],
      });
    } finally {
      await other.close();
    }
  });
});
