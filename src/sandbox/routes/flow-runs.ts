import { resolveFlow } from '../element-kinds.js';
import { flowRunWithEmbeds } from '../embeds.js';
import type { RunRequest } from '../flow-runs.js';
import { badRequest, notFound } from '../http-errors.js';
import { paginate } from '../pagination.js';
import { type Reply, type RequestContext, type Route, route } from '../router.js';
import type { WireFlowRun } from '../types.js';
import { filterFlowRuns, newestFirst } from './flow-run-filters.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The body's optional string field; anything but a string is a 400. */
function text(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value !== undefined && typeof value !== 'string') {
    throw badRequest(`Field '${name}' must be a string`);
  }
  return value;
}

/** `RunFlowApiRequest` / `CreateFlowRunRequest` fields (unknown keys are ignored, as zod strips them). */
function runRequest(body: unknown, startKey: 'nodeKey' | 'startNodeKey'): RunRequest {
  const fields = body === undefined ? {} : body;
  if (!isObject(fields)) {
    throw badRequest('Request body must be a JSON object');
  }
  const start = startKey === 'startNodeKey' ? text(fields, 'startNodeKey') : undefined;
  const nodeKey = text(fields, 'nodeKey');
  const meta = fields.meta;
  if (meta !== undefined && !isObject(meta)) {
    throw badRequest(`Field 'meta' must be an object`);
  }
  const startNodeKey = start ?? nodeKey;
  return {
    ...(startNodeKey === undefined ? {} : { startNodeKey }),
    ...(fields.input === undefined ? {} : { input: fields.input }),
    ...(meta === undefined ? {} : { meta }),
  };
}

function present(ctx: RequestContext, run: WireFlowRun): unknown {
  return ctx.embeds === 'all' ? flowRunWithEmbeds(ctx.store, run) : run;
}

function visibleRun(ctx: RequestContext): WireFlowRun {
  const id = ctx.params[0] ?? '';
  const run = ctx.flowRuns.byId(id);
  if (run === undefined || !ctx.store.canSeeTenantRecord(ctx.principal, run)) {
    throw notFound(`Flow run '${id}' not found`);
  }
  return run;
}

function started(ctx: RequestContext, run: WireFlowRun): Reply {
  return { status: 200, body: present(ctx, run) };
}

export const flowRunRoutes: Route[] = [
  // `run` needs a connection-level flow, so the layer defaults to `connection` (§2.1).
  route('POST', '/flows/:selector/run', (ctx) => {
    const query = ctx.query.layer ? ctx.query : { ...ctx.query, layer: 'connection' };
    const flow = resolveFlow(ctx.store, ctx.principal, ctx.params[0] ?? '', query);
    return started(ctx, ctx.flowRuns.start(flow, runRequest(ctx.body, 'nodeKey')));
  }),
  route('POST', '/flow-runs', (ctx) => {
    if (!isObject(ctx.body)) {
      throw badRequest('Request body must be a JSON object');
    }
    const id = ctx.body.flowInstanceId;
    if (typeof id !== 'string' || id === '') {
      throw badRequest(`Field 'flowInstanceId' is required`);
    }
    const flow = ctx.store.flowById.get(id);
    if (
      flow === undefined ||
      flow.connectionId === undefined ||
      !ctx.store.canSeeElement(ctx.principal, flow)
    ) {
      throw notFound(`Flow instance '${id}' not found`);
    }
    return started(ctx, ctx.flowRuns.start(flow, runRequest(ctx.body, 'startNodeKey')));
  }),
  route('GET', '/flow-runs', (ctx) => {
    const visible = ctx.flowRuns
      .runs()
      .filter((run) => ctx.store.canSeeTenantRecord(ctx.principal, run));
    const page = paginate(filterFlowRuns(visible, ctx.query), ctx.query, newestFirst);
    return { status: 200, body: { ...page, items: page.items.map((run) => present(ctx, run)) } };
  }),
  route('GET', '/flow-runs/:id', (ctx) => ({ status: 200, body: present(ctx, visibleRun(ctx)) })),
  route('POST', '/flow-runs/:id/stop', (ctx) => {
    ctx.flowRuns.stop(visibleRun(ctx));
    return { status: 204 };
  }),
];
