import { accessDenied, notFound } from '../http-errors.js';
import { paginate } from '../pagination.js';
import { boolParam, matchesSearch, stringParam } from '../query.js';
import { type Route, route } from '../router.js';

export const customerRoutes: Route[] = [
  route('GET', '/customers', (ctx) => {
    if (ctx.principal.kind !== 'admin') {
      throw accessDenied('Listing customers requires a workspace admin token');
    }
    const includeArchived = boolParam(ctx.query, 'includeArchived') === true;
    const isTest = boolParam(ctx.query, 'isTest');
    const isActive = boolParam(ctx.query, 'isActive');
    const search = stringParam(ctx.query, 'search');
    const matching = ctx.store.data.customers.filter(
      (c) =>
        (includeArchived || c.archivedAt === undefined) &&
        (isTest === undefined || (c.isTest === true) === isTest) &&
        (isActive === undefined || (c.isActive === true) === isActive) &&
        matchesSearch(search, [c.name, c.internalId]),
    );
    return { status: 200, body: paginate(matching, ctx.query) };
  }),
  route('GET', '/customers/:id', (ctx) => {
    const id = ctx.params[0] ?? '';
    const customer = ctx.store.customerById.get(id);
    const visible = ctx.principal.kind === 'admin' || ctx.principal.customer.id === customer?.id;
    if (customer === undefined || !visible) {
      throw notFound(`Customer '${id}' not found`);
    }
    return { status: 200, body: customer };
  }),
];
