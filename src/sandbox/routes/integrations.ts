import { integrationForPrincipal } from '../embeds.js';
import { notFound } from '../http-errors.js';
import { paginate } from '../pagination.js';
import { boolParam, matchesSearch, stringParam } from '../query.js';
import { type Route, route } from '../router.js';

export const integrationRoutes: Route[] = [
  route('GET', '/integrations', (ctx) => {
    const includeArchived = boolParam(ctx.query, 'includeArchived') === true;
    const search = stringParam(ctx.query, 'search');
    const connectorId = stringParam(ctx.query, 'connectorId');
    const matching = ctx.store.data.integrations.filter(
      (i) =>
        (includeArchived || i.archivedAt === undefined) &&
        (connectorId === undefined || i.connectorId === connectorId) &&
        matchesSearch(search, [i.name, i.key]),
    );
    const page = paginate(matching, ctx.query);
    const items = page.items.map((i) => integrationForPrincipal(ctx.store, ctx.principal, i));
    return { status: 200, body: { ...page, items } };
  }),
  route('GET', '/integrations/:selector', (ctx) => {
    const selector = ctx.params[0] ?? '';
    const integration = ctx.store.integration(selector);
    if (integration === undefined) {
      throw notFound(`Integration '${selector}' not found`);
    }
    return { status: 200, body: integrationForPrincipal(ctx.store, ctx.principal, integration) };
  }),
];
