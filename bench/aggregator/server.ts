// Child process: the optimal hand-written aggregator, the physical limit for the gateway's
// work: node:http + undici, one endpoint per scenario, no GraphQL, no validation.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ChildListening, REFERENCE_ENV } from '../ipc.js';
import { ENDPOINTS } from './endpoints.js';
import { createMembraneClient, type Json, UpstreamFailure } from './membrane-client.js';

const upstream = process.env[REFERENCE_ENV.upstream];
if (!upstream) {
  throw new Error(`${REFERENCE_ENV.upstream} is required`);
}
const client = createMembraneClient(upstream, Number(process.env[REFERENCE_ENV.connections] ?? 64));

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  return chunks.length === 0 ? {} : (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json);
}

const server = createServer((req, res) => {
  const endpoint = req.method === 'POST' ? ENDPOINTS[req.url ?? ''] : undefined;
  if (endpoint === undefined) {
    reply(res, req.url === '/healthz' ? 200 : 404, {});
    return;
  }
  const get = client.forRequest(req.headers.authorization);
  readJson(req)
    .then((variables) => endpoint(get, variables))
    .then(
      (data) => reply(res, 200, data),
      (error: unknown) =>
        reply(res, error instanceof UpstreamFailure ? 502 : 500, {
          message: error instanceof Error ? error.message : String(error),
        }),
    );
});

server.listen(0, '127.0.0.1', () => {
  const listening: ChildListening = {
    type: 'listening',
    port: (server.address() as AddressInfo).port,
  };
  process.send?.(listening);
});

const stop = (): void => {
  server.close();
  server.closeAllConnections();
  void client.close().finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
// The driver went away (even by SIGKILL): do not linger.
process.on('disconnect', stop);
