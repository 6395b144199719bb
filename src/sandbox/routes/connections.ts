import { connectionWithEmbeds } from '../embeds.js';
import { notFound } from '../http-errors.js';
import { paginate } from '../pagination.js';
import { boolParam, matchesSearch, type Query, stringParam } from '../query.js';
import { type RequestContext, type Route, route } from '../router.js';
import type { WireConnection } from '../types.js';

/** Credentials only with `includeSecrets=true` and an admin token; embeds in 'all' mode. */
function present(ctx: RequestContext, connection: WireConnection): unknown {
  const withSecrets =
    boolParam(ctx.query, 'includeSecrets') === true && ctx.principal.kind === 'admin';
  const { credentials, ...rest } = connection;
  const shown: WireConnection =
    withSecrets && credentials !== undefined ? { ...rest, credentials } : rest;
  return ctx.embeds === 'all' ? connectionWithEmbeds(ctx.store, shown) : shown;
}

type Test = (c: WireConnection) => boolean;

/** `FindConnectionsQuery` (membrane-api.md §3.5). */
function filters(ctx: RequestContext, query: Query): Test[] {
  const tests: Test[] = [];
  const eq = (name: string, pick: (c: WireConnection) => string | undefined): void => {
    const value = stringParam(query, name);
    if (value !== undefined) {
      tests.push((c) => pick(c) === value);
    }
  };
  const flag = (name: string, pick: (c: WireConnection) => boolean | undefined): void => {
    const value = boolParam(query, name);
    if (value !== undefined) {
      tests.push((c) => (pick(c) === true) === value);
    }
  };
  eq('tenantId', (c) => c.tenantId ?? c.userId);
  eq('userId', (c) => c.userId);
  eq('integrationId', (c) => c.integrationId);
  eq('connectorId', (c) => c.connectorId);
  eq('externalAppId', (c) => c.externalAppId);
  eq('connectorVersion', (c) => c.connectorVersion);
  flag('connected', (c) => c.connected);
  flag('disconnected', (c) => c.disconnected);
  flag('isTest', (c) => c.isTest);
  boolParam(query, 'includeSecrets');
  const integrationKey = stringParam(query, 'integrationKey');
  if (integrationKey !== undefined) {
    const id = ctx.store.integrationByKey(integrationKey)?.id;
    tests.push((c) => id !== undefined && c.integrationId === id);
  }
  if (boolParam(query, 'includeArchived') !== true) {
    tests.push((c) => c.archivedAt === undefined);
  }
  const search = stringParam(query, 'search');
  if (search !== undefined) {
    tests.push((c) => matchesSearch(search, [c.name, c.key]));
  }
  return tests;
}

export const connectionRoutes: Route[] = [
  route('GET', '/connections', (ctx) => {
    const tests = filters(ctx, ctx.query);
    const matching = ctx.store.data.connections.filter(
      (c) => ctx.store.canSeeConnection(ctx.principal, c) && tests.every((test) => test(c)),
    );
    const page = paginate(matching, ctx.query);
    return { status: 200, body: { ...page, items: page.items.map((c) => present(ctx, c)) } };
  }),
  route('GET', '/connections/:id', (ctx) => {
    const id = ctx.params[0] ?? '';
    const connection = ctx.store.connectionById.get(id);
    if (connection === undefined || !ctx.store.canSeeConnection(ctx.principal, connection)) {
      throw notFound(`Connection '${id}' not found`);
    }
    return { status: 200, body: present(ctx, connection) };
  }),
];
