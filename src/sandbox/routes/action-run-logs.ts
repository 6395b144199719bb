import { actionRunLogWithEmbeds } from '../embeds.js';
import { badRequest, notFound } from '../http-errors.js';
import { paginate } from '../pagination.js';
import { type Query, stringParam } from '../query.js';
import { type RequestContext, type Route, route } from '../router.js';
import type { WireActionRunLog } from '../types.js';
import { instant } from './flow-run-filters.js';

type Test = (log: WireActionRunLog) => boolean;

const STATUSES = new Set(['success', 'error']);

/**
 * `FindActionRunLogsQuery` (docs/membrane-actions-api.md). `actionId` names an action of any
 * layer the run belongs to; `from`/`to` bound `createdAt` (both inclusive).
 */
function filterLogs(logs: WireActionRunLog[], query: Query): WireActionRunLog[] {
  const tests: Test[] = [];
  const eq = (name: string, pick: (log: WireActionRunLog) => string | undefined): void => {
    const value = stringParam(query, name);
    if (value !== undefined) {
      tests.push((log) => pick(log) === value);
    }
  };
  eq('universalActionId', (l) => l.universalActionId);
  eq('integrationActionId', (l) => l.integrationActionId);
  eq('connectionActionId', (l) => l.connectionActionId);
  eq('integrationId', (l) => l.integrationId);
  eq('connectionId', (l) => l.connectionId);
  eq('tenantId', (l) => l.tenantId ?? l.userId);
  eq('userId', (l) => l.userId);
  eq('externalAppId', (l) => l.externalAppId);
  const actionId = stringParam(query, 'actionId');
  if (actionId !== undefined) {
    tests.push((l) =>
      [l.integrationActionId, l.connectionActionId, l.universalActionId].includes(actionId),
    );
  }
  const status = stringParam(query, 'status');
  if (status !== undefined) {
    if (!STATUSES.has(status)) {
      throw badRequest(`Query parameter 'status' must be one of success, error`);
    }
    tests.push((l) => l.status === status);
  }
  const from = instant(query, 'from');
  if (from !== undefined) {
    tests.push((l) => Date.parse(l.createdAt) >= from);
  }
  const to = instant(query, 'to');
  if (to !== undefined) {
    tests.push((l) => Date.parse(l.createdAt) <= to);
  }
  return logs.filter((log) => tests.every((test) => test(log)));
}

/** Newest first: createdAt descending, then id descending. */
function newestFirst(a: WireActionRunLog, b: WireActionRunLog): number {
  if (a.createdAt !== b.createdAt) {
    return a.createdAt < b.createdAt ? 1 : -1;
  }
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function present(ctx: RequestContext, log: WireActionRunLog): unknown {
  return ctx.embeds === 'all' ? actionRunLogWithEmbeds(ctx.store, log) : log;
}

export const actionRunLogRoutes: Route[] = [
  route('GET', '/action-run-logs', (ctx) => {
    const visible = ctx.store
      .actionRunLogs()
      .filter((log) => ctx.store.canSeeTenantRecord(ctx.principal, log));
    const page = paginate(filterLogs(visible, ctx.query), ctx.query, newestFirst);
    return { status: 200, body: { ...page, items: page.items.map((log) => present(ctx, log)) } };
  }),
  route('GET', '/action-run-logs/:id', (ctx) => {
    const id = ctx.params[0] ?? '';
    const log = ctx.store.actionRunLogById.get(id);
    if (log === undefined || !ctx.store.canSeeTenantRecord(ctx.principal, log)) {
      throw notFound(`Action run log '${id}' not found`);
    }
    return { status: 200, body: present(ctx, log) };
  }),
];
