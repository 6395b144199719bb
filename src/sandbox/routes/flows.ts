import { flowWithEmbeds, versionsByUniversalFlow } from '../embeds.js';
import { applyFlowPatch, resetFlow } from '../flow-edits.js';
import { accessDenied, badRequest } from '../http-errors.js';
import { paginate } from '../pagination.js';
import { touch } from '../refresh.js';
import { type Reply, type RequestContext, type Route, route } from '../router.js';
import { resolveFlow } from '../selectors.js';
import type { Principal, Store } from '../store.js';
import type { WireFlow } from '../types.js';
import { filterFlows } from './flow-filters.js';

function selected(ctx: RequestContext): WireFlow {
  return resolveFlow(ctx.store, ctx.principal, ctx.params[0] ?? '', ctx.query);
}

/** Tenants may change only their own connection-level flows; nobody changes read-only ones. */
function writable(ctx: RequestContext, flow: WireFlow, action: string): WireFlow {
  if (ctx.principal.kind === 'tenant' && flow.connectionId === undefined) {
    throw accessDenied(`A tenant token cannot ${action} workspace-level flow '${flow.id}'`);
  }
  return flow;
}

function notReadOnly(flow: WireFlow): void {
  if (flow.isReadOnly === true) {
    throw accessDenied(`Flow '${flow.id}' is read-only`);
  }
}

function present(ctx: RequestContext, flow: WireFlow, embeds: boolean): Reply {
  return { status: 200, body: embeds ? flowWithEmbeds(ctx.store, flow) : flow };
}

export function visibleFlows(store: Store, principal: Principal): WireFlow[] {
  return store.data.flows.filter((flow) => store.canSeeFlow(principal, flow));
}

export const flowRoutes: Route[] = [
  route('GET', '/flows', (ctx) => {
    const page = paginate(
      filterFlows(ctx.store, visibleFlows(ctx.store, ctx.principal), ctx.query),
      ctx.query,
    );
    const items = ctx.embeds === 'all' ? withEmbeds(ctx.store, page.items) : page.items;
    return { status: 200, body: { ...page, items } };
  }),
  route('GET', '/flows/:selector', (ctx) => present(ctx, selected(ctx), ctx.embeds === 'all')),
  route('POST', '/flows/:selector/refresh', (ctx) => {
    const flow = writable(ctx, selected(ctx), 'refresh');
    ctx.refresher.refresh(flow);
    return present(ctx, flow, true);
  }),
  route('POST', '/flows/:selector/reset', (ctx) => {
    const flow = writable(ctx, selected(ctx), 'reset');
    notReadOnly(flow);
    resetFlow(ctx.store, flow);
    return present(ctx, flow, ctx.embeds === 'all');
  }),
  route('PATCH', '/flows/:selector', (ctx) => {
    const flow = writable(ctx, selected(ctx), 'patch');
    notReadOnly(flow);
    if (flow.archivedAt !== undefined) {
      throw badRequest('Archived elements cannot be patched');
    }
    applyFlowPatch(ctx.store, flow, ctx.body);
    return present(ctx, flow, ctx.embeds === 'all');
  }),
  route('DELETE', '/flows/:selector', (ctx) => {
    const flow = writable(ctx, selected(ctx), 'archive');
    notReadOnly(flow);
    if (flow.archivedAt === undefined) {
      touch(ctx.store, flow);
      flow.archivedAt = flow.updatedAt;
    }
    return { status: 200 };
  }),
  route('POST', '/flows/:selector/restore', (ctx) => {
    const flow = writable(ctx, selected(ctx), 'restore');
    notReadOnly(flow);
    if (flow.archivedAt !== undefined) {
      delete flow.archivedAt;
      touch(ctx.store, flow);
    }
    return present(ctx, flow, ctx.embeds === 'all');
  }),
];

function withEmbeds(store: Store, flows: WireFlow[]): Record<string, unknown>[] {
  const versions = versionsByUniversalFlow(store);
  return flows.map((f) => flowWithEmbeds(store, f, versions));
}
