import { FLOWS } from '../element-kinds.js';
import { applyFlowPatch, resetFlow } from '../flow-edits.js';
import { type Route, route } from '../router.js';
import { filterElements } from './element-filters.js';
import { elementRoutes, notReadOnly, present, selected, writable } from './element-routes.js';

export const flowRoutes: Route[] = [
  // `flowId`/`universalFlowId` filter by parent (membrane-api.md §3.1).
  ...elementRoutes({
    kind: FLOWS,
    path: '/flows',
    filter: (store, flows, query) =>
      filterElements(store, flows, query, {
        universalParentId: (f) => f.universalFlowId,
        universalFlowId: (f) => f.universalFlowId,
        flowId: (f) => f.flowId,
      }),
    patch: applyFlowPatch,
  }),
  route('POST', '/flows/:selector/refresh', (ctx) => {
    const flow = writable(ctx, FLOWS, selected(ctx, FLOWS), 'refresh');
    ctx.refresher.refresh(flow);
    return present(ctx, FLOWS, flow, true);
  }),
  route('POST', '/flows/:selector/reset', (ctx) => {
    const flow = writable(ctx, FLOWS, selected(ctx, FLOWS), 'reset');
    notReadOnly(FLOWS, flow);
    resetFlow(ctx.store, flow);
    return present(ctx, FLOWS, flow);
  }),
];
