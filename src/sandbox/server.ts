import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from './auth.js';
import { BodyTooLarge, parseJson, readBody } from './body.js';
import type { EmbedMode } from './embeds.js';
import type { FaultRegistry, FaultRule } from './faults.js';
import type { FlowRunEngine } from './flow-runs.js';
import { errorBodyForStatus, HttpError, internalError, notFound } from './http-errors.js';
import type { Query } from './query.js';
import type { Refresher } from './refresh.js';
import { delay, type Outgoing, writeResponse } from './respond.js';
import { match, type Route } from './router.js';
import type { Store } from './store.js';
import type { RecordedRequest } from './types.js';

/** Everything one request needs; built once by `startSandbox`. */
export interface HandlerDeps {
  store: Store;
  secret: Uint8Array;
  routes: Route[];
  embeds: EmbedMode;
  latencyMs: number;
  faults: FaultRegistry;
  refresher: Refresher;
  flowRuns: FlowRunEngine;
  requests: RecordedRequest[];
  requestLogLimit: number;
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

function errorReply(error: unknown): Outgoing {
  if (error instanceof HttpError) {
    return { status: error.status, body: error.body, headers: error.headers };
  }
  if (error instanceof BodyTooLarge) {
    return {
      status: 400,
      body: { type: 'bad_request', message: 'Request body is larger than 1 MiB' },
      headers: { connection: 'close' },
    };
  }
  const failure = internalError();
  return { status: failure.status, body: failure.body };
}

/** Auth, routing and the handler; every failure becomes a Membrane error body. */
async function answer(
  deps: HandlerDeps,
  req: IncomingMessage,
  record: RecordedRequest,
  query: Query,
): Promise<Outgoing> {
  const { path } = record;
  try {
    const raw =
      req.method === 'GET' || req.method === 'HEAD' ? Buffer.alloc(0) : await readBody(req);
    if (raw.length > 0) {
      record.body = raw.toString('utf8');
    }
    const principal = await authenticate(header(req, 'authorization'), deps.secret, deps.store);
    const found = match(deps.routes, req.method ?? 'GET', path);
    if (found === undefined) {
      throw notFound(`Cannot ${req.method ?? 'GET'} ${path}`);
    }
    const reply = found.route.handler({
      principal,
      store: deps.store,
      params: found.params,
      query,
      body: parseJson(raw),
      embeds: deps.embeds,
      refresher: deps.refresher,
      flowRuns: deps.flowRuns,
    });
    return reply.body === undefined
      ? { status: reply.status }
      : { status: reply.status, body: reply.body };
  } catch (error) {
    return errorReply(error);
  }
}

/** A `status` fault's answer: Membrane's error body for that status, overridable per field. */
function statusFault(rule: Extract<FaultRule, { kind: 'status' }>): Outgoing {
  const base = errorBodyForStatus(rule.status, rule.message);
  const body = {
    type: rule.type ?? base.type,
    ...(rule.key !== undefined
      ? { key: rule.key }
      : rule.type === undefined && base.key !== undefined
        ? { key: base.key }
        : {}),
    message: base.message,
  };
  const headers: Record<string, string> =
    rule.retryAfter === undefined ? {} : { 'retry-after': String(rule.retryAfter) };
  return { status: rule.status, body, headers };
}

/** The node:http request listener. Never throws; a bug inside becomes a 500. */
export function createHandler(
  deps: HandlerDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    const query: Query = Object.fromEntries(url.searchParams);
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query,
      authorization: header(req, 'authorization'),
      apiVersion: header(req, 'membrane-api-version'),
      traceparent: header(req, 'traceparent'),
      status: 0,
    };
    const requestId = header(req, 'x-request-id');
    if (requestId !== undefined) {
      record.requestId = requestId;
    }
    if (deps.requests.length >= deps.requestLogLimit) {
      deps.requests.splice(0, Math.ceil(deps.requestLogLimit / 10));
    }
    deps.requests.push(record);
    const run = async (): Promise<void> => {
      const plan = deps.faults.plan(record.method, record.path);
      if (plan.applied.length > 0) {
        record.faults = plan.applied;
      }
      await delay(deps.latencyMs + plan.delayMs);
      const fault = plan.fault;
      if (fault?.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      const out =
        fault?.kind === 'status' ? statusFault(fault) : await answer(deps, req, record, query);
      record.status = await writeResponse(res, out, fault?.kind === 'status' ? undefined : fault);
    };
    run().catch(() => {
      if (!res.headersSent && !res.destroyed) {
        const failure = internalError();
        record.status = 500;
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(failure.body));
      } else {
        res.destroy();
      }
    });
  };
}
