import { applyActionPatch, resetAction } from '../action-edits.js';
import { runAction } from '../action-runs.js';
import { ACTIONS } from '../element-kinds.js';
import { universalActionId } from '../embeds.js';
import { badRequest, notFound } from '../http-errors.js';
import { paginate } from '../pagination.js';
import type { Query } from '../query.js';
import { type RequestContext, type Route, route } from '../router.js';
import { resolveElement } from '../selectors.js';
import type { Store } from '../store.js';
import type { WireAction, WireConnection, WireIntegration } from '../types.js';
import { filterElements } from './element-filters.js';
import {
  archiveElement,
  type ElementRoutes,
  elementRoutes,
  notReadOnly,
  patchElement,
  present,
  selected,
  visibleElements,
  writable,
} from './element-routes.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `FindActionsQuery`: `parentId`/`universalParentId` filter by parent. */
function filterActions(store: Store, actions: WireAction[], query: Query): WireAction[] {
  return filterElements(store, actions, query, {
    parentId: (a) => a.parentId,
    universalParentId: universalActionId,
  });
}

/** `RunActionRequest` = `{input?, meta?}` (unknown keys are ignored, as zod strips them). */
function runRequest(body: unknown): { input: unknown; meta?: Record<string, unknown> } {
  const fields = body === undefined ? {} : body;
  if (!isObject(fields)) {
    throw badRequest('Request body must be a JSON object');
  }
  if (fields.meta !== undefined && !isObject(fields.meta)) {
    throw badRequest(`Field 'meta' must be an object`);
  }
  return { input: fields.input, ...(fields.meta === undefined ? {} : { meta: fields.meta }) };
}

/** `/connections/{connection}/…`: the connection by id or key, visible to the caller. */
function pathConnection(ctx: RequestContext): WireConnection {
  const selector = ctx.params[0] ?? '';
  const connection = ctx.store.connectionById.get(selector) ?? ctx.store.connectionByKey(selector);
  if (connection === undefined || !ctx.store.canSeeConnection(ctx.principal, connection)) {
    throw notFound(`Connection '${selector}' not found`);
  }
  return connection;
}

/** `/integrations/{integration}/…`: the integration by id, uuid or key. */
function pathIntegration(ctx: RequestContext): WireIntegration {
  const selector = ctx.params[0] ?? '';
  const integration = ctx.store.integration(selector);
  if (integration === undefined) {
    throw notFound(`Integration '${selector}' not found`);
  }
  return integration;
}

/** The connection-level action `/connections/{c}/actions/{a}` names (created on first use). */
function connectionAction(ctx: RequestContext): WireAction {
  const connection = pathConnection(ctx);
  const { connectionKey: _key, ...rest } = ctx.query;
  const query = { ...rest, connectionId: connection.id, layer: 'connection' };
  return resolveElement(ACTIONS, ctx.store, ctx.principal, ctx.params[1] ?? '', query);
}

const ACTION_ROUTES: ElementRoutes<WireAction> = {
  kind: ACTIONS,
  path: '/actions',
  filter: filterActions,
  patch: applyActionPatch,
};

export const actionRoutes: Route[] = [
  ...elementRoutes(ACTION_ROUTES),
  route('POST', '/actions/:selector/reset', (ctx) => {
    const action = writable(ctx, ACTIONS, selected(ctx, ACTIONS), 'reset');
    notReadOnly(ACTIONS, action);
    resetAction(ctx.store, action);
    return present(ctx, ACTIONS, action);
  }),
  // `run` needs a connection-level action, so the layer defaults to `connection` (§2.1).
  route('POST', '/actions/:selector/run', (ctx) => {
    const query = ctx.query.layer ? ctx.query : { ...ctx.query, layer: 'connection' };
    const request = runRequest(ctx.body);
    const action = resolveElement(ACTIONS, ctx.store, ctx.principal, ctx.params[0] ?? '', query);
    return { status: 200, body: runAction(ctx.store, action, request.input, request.meta) };
  }),
  // The SDK's integration-level accessors (not in the public spec).
  route('GET', '/integrations/:integration/actions', (ctx) => {
    const integration = pathIntegration(ctx);
    const own = ACTIONS.all(ctx.store).filter(
      (a) => a.integrationId === integration.id && a.connectionId === undefined,
    );
    const page = paginate(filterActions(ctx.store, own, ctx.query), ctx.query);
    const items = ctx.embeds === 'all' ? ACTIONS.pageWithEmbeds(ctx.store, page.items) : page.items;
    return { status: 200, body: { ...page, items } };
  }),
  route('GET', '/integrations/:integration/actions/:selector', (ctx) => {
    const integration = pathIntegration(ctx);
    const query = { integrationId: integration.id, layer: 'integration' };
    const action = resolveElement(ACTIONS, ctx.store, ctx.principal, ctx.params[1] ?? '', query);
    return present(ctx, ACTIONS, action);
  }),
  // The SDK's connection-level accessor (not in the public spec).
  route('GET', '/connections/:connection/actions', (ctx) => {
    const connection = pathConnection(ctx);
    const mine = visibleElements(ctx, ACTIONS).filter((a) => a.connectionId === connection.id);
    const page = paginate(filterActions(ctx.store, mine, ctx.query), ctx.query);
    const items = ctx.embeds === 'all' ? ACTIONS.pageWithEmbeds(ctx.store, page.items) : page.items;
    return { status: 200, body: { ...page, items } };
  }),
  route('GET', '/connections/:connection/actions/:selector', (ctx) =>
    present(ctx, ACTIONS, connectionAction(ctx)),
  ),
  route('PATCH', '/connections/:connection/actions/:selector', (ctx) =>
    patchElement(ctx, ACTION_ROUTES, connectionAction(ctx)),
  ),
  route('DELETE', '/connections/:connection/actions/:selector', (ctx) =>
    archiveElement(ctx, ACTIONS, connectionAction(ctx)),
  ),
  // The SDK posts the input itself here, not `{input}`.
  route('POST', '/connections/:connection/actions/:selector/run', (ctx) => ({
    status: 200,
    body: runAction(ctx.store, connectionAction(ctx), ctx.body),
  })),
];
