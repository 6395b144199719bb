// Child process: the baseline, a plain node:http REST aggregator (a hand-written BFF) that
// serves each scenario's data from the same sandbox endpoints, without GraphQL. It expands
// relations the common naive way: list, then one GET per flow per relation, all in parallel
// (Promise.all), no deduplication and no knowledge of which fields the client will use.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WireFlow } from '../src/sandbox/types.js';
import {
  createRestClient,
  expandFlow,
  type Json,
  pick,
  type RestClient,
  UpstreamFailure,
} from './baseline-upstream.js';
import { BASELINE_ENV, type BaselineReady } from './ipc.js';
import type { Relation } from './scenarios.js';

const RELATIONS: readonly Relation[] = ['integration', 'connection', 'user'];

const list = (value: string | null): string[] => (value ? value.split(',').filter(Boolean) : []);

/** `GET /flows/:id/detail`: the flow, then its integration, user and connection names. */
async function flowDetail(client: RestClient, id: string): Promise<Json> {
  const flow = await client.get<WireFlow>(`/flows/${encodeURIComponent(id)}`);
  const related = await expandFlow(client, flow, ['integration', 'user', 'connection']);
  return {
    flow: {
      id: flow.id,
      name: flow.name,
      integration: pick(related.integration, ['name']),
      user: pick(related.user, ['name']),
      connection: pick(related.connection, ['name']),
    },
  };
}

/** `GET /flows?limit&layer&flowFields&expand&expandFields`: a page of flows, expanded. */
async function flowList(client: RestClient, params: URLSearchParams): Promise<Json> {
  const query: Record<string, string> = { limit: params.get('limit') ?? '20' };
  const layer = params.get('layer');
  if (layer) {
    query.layer = layer;
  }
  const flowFields = list(params.get('flowFields'));
  const expandFields = list(params.get('expandFields'));
  const expand = list(params.get('expand')).filter((r): r is Relation =>
    RELATIONS.includes(r as Relation),
  );
  const page = await client.get<{ items: WireFlow[] }>('/flows', query);
  const nodes = await Promise.all(
    page.items.map(async (flow) => {
      const related = await expandFlow(client, flow, expand);
      const node: Json = pick(flow, flowFields) ?? {};
      for (const relation of expand) {
        node[relation] = pick(related[relation], expandFields);
      }
      return node;
    }),
  );
  return { flows: { nodes } };
}

function route(client: RestClient, req: IncomingMessage): Promise<Json> | undefined {
  const url = new URL(req.url ?? '/', 'http://baseline.local');
  if (req.method !== 'GET') {
    return undefined;
  }
  if (url.pathname === '/flows') {
    return flowList(client, url.searchParams);
  }
  const detail = /^\/flows\/([^/]+)\/detail$/.exec(url.pathname);
  return detail?.[1] ? flowDetail(client, decodeURIComponent(detail[1])) : undefined;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

const upstream = process.env[BASELINE_ENV.upstream];
const token = process.env[BASELINE_ENV.token];
if (!upstream || !token) {
  throw new Error(`${BASELINE_ENV.upstream} and ${BASELINE_ENV.token} are required`);
}
const client = createRestClient(upstream, token);

const server = createServer((req, res) => {
  if (req.url === '/healthz') {
    reply(res, 200, { ok: true });
    return;
  }
  const answer = route(client, req);
  if (answer === undefined) {
    reply(res, 404, { message: 'not found' });
    return;
  }
  answer.then(
    (body) => reply(res, 200, body),
    (error: unknown) =>
      reply(res, error instanceof UpstreamFailure ? 502 : 500, {
        message: error instanceof Error ? error.message : String(error),
      }),
  );
});

server.listen(0, '127.0.0.1', () => {
  const ready: BaselineReady = { type: 'ready', port: (server.address() as AddressInfo).port };
  process.send?.(ready);
});

const stop = (): void => {
  server.close();
  server.closeAllConnections();
  void client.close().finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.on('disconnect', stop);
