import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createUpstreamClient } from '../../src/upstream/client.js';
import { createDispatcher } from '../../src/upstream/dispatcher.js';
import { checkUpstream } from '../../src/upstream/readiness.js';

/** A real loopback server: MockAgent cannot exercise undici's own timeouts and framing. */
const seen: Array<{ method?: string; url?: string; headers: IncomingHttpHeaders; body: string }> =
  [];
const routes: Record<string, (res: ServerResponse) => void> = {
  '/stall-headers': () => {
    // never answers
  },
  '/stall-body': (res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"id":');
  },
  '/truncated': (res) => {
    res.writeHead(200, { 'content-length': '100' });
    res.write('{"id":"f1"');
    res.socket?.destroy();
  },
  '/redirect': (res) => {
    res.writeHead(302, { location: '/flows/f1' }).end('moved');
  },
  '/flows/f1': (res) => {
    res.writeHead(200).end(JSON.stringify({ id: 'f1', name: 'F' }));
  },
  '/flows/f1/refresh': (res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"f1","name":"F"}');
  },
  '/integrations?limit=1': (res) => {
    res.writeHead(401).end('{"type":"bad_request","key":"not_authenticated"}');
  },
};

let server: Server;
let baseUrl: string;
const dispatcher = createDispatcher({ headersTimeoutMs: 150, bodyTimeoutMs: 150 });
const Any = z.unknown();
const client = (signal?: AbortSignal) =>
  createUpstreamClient({
    baseUrl,
    dispatcher,
    apiVersion: '2025-10-21',
    authorization: 'Bearer t',
    retry: { maxRetries: 0 },
    deadline: signal && { signal },
  });

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      const route = routes[req.url ?? ''];
      if (route) {
        route(res);
      } else {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await dispatcher.close();
});

describe('over a real socket', () => {
  it('no response headers within headersTimeout → UPSTREAM_TIMEOUT', async () => {
    await expect(client().get('/stall-headers', {}, Any)).rejects.toMatchObject({
      code: 'UPSTREAM_TIMEOUT',
      message: 'The Membrane API did not answer in time.',
    });
  });

  it('a stalled body → UPSTREAM_TIMEOUT', async () => {
    await expect(client().get('/stall-body', {}, Any)).rejects.toMatchObject({
      code: 'UPSTREAM_TIMEOUT',
    });
  });

  it('the operation deadline aborts the call → UPSTREAM_TIMEOUT', async () => {
    const slow = createDispatcher({ headersTimeoutMs: 5000 });
    const deadlined = createUpstreamClient({
      baseUrl,
      dispatcher: slow,
      apiVersion: 'v',
      authorization: 'Bearer t',
      deadline: { signal: AbortSignal.timeout(50) },
    });
    await expect(deadlined.get('/stall-headers', {}, Any)).rejects.toMatchObject({
      code: 'UPSTREAM_TIMEOUT',
    });
    await slow.destroy();
  });

  it('a truncated body → UPSTREAM_ERROR', async () => {
    await expect(client().get('/truncated', {}, Any)).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
    });
  });

  it('a redirect is not followed → UPSTREAM_ERROR with status', async () => {
    const before = seen.length;
    await expect(client().get('/redirect', {}, Any)).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
      upstream: { status: 302 },
    });
    expect(seen.slice(before).map((r) => r.url)).toEqual(['/redirect']);
  });

  it('a refused connection → UPSTREAM_ERROR', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = createUpstreamClient({
      baseUrl: `http://127.0.0.1:${port}`,
      dispatcher,
      apiVersion: 'v',
      authorization: 'Bearer t',
      retry: { maxRetries: 0 },
    });
    await expect(refused.get('/flows/f1', {}, Any)).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
      message: 'The Membrane API could not be reached.',
    });
  });

  it('GET sends only our headers; POST sends an empty body', async () => {
    const before = seen.length;
    await client().get('/flows/f1', {}, Any);
    await client().write({ method: 'POST', path: '/flows/f1/refresh', query: {} }, Any);
    const [get, post] = seen.slice(before);
    const host = new URL(baseUrl).host;
    expect(get?.headers).toEqual({
      host,
      connection: 'keep-alive',
      accept: 'application/json',
      authorization: 'Bearer t',
      'membrane-api-version': '2025-10-21',
    });
    expect(post?.method).toBe('POST');
    expect(post?.body).toBe('');
    expect(post?.headers['content-type']).toBeUndefined();
  });
});

describe('checkUpstream', () => {
  it('any HTTP answer (here 401) counts as reachable, without a token', async () => {
    const before = seen.length;
    await expect(checkUpstream(baseUrl, dispatcher)).resolves.toBe(true);
    expect(seen[before]?.headers.authorization).toBeUndefined();
  });

  it('an unreachable upstream is not ready', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(checkUpstream(`http://127.0.0.1:${port}`, dispatcher)).resolves.toBe(false);
  });
});
