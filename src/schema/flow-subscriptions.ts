import { builder } from '../builder.js';
import { flowWatch } from '../live/flow-watch.js';
import { selectorArgs } from './flow-queries.js';
import { definedOnly } from './lists.js';
import { liveValue } from './live-events.js';
import { Flow, FlowSpec } from './refs.js';
import { rememberFull } from './relations.js';

builder.subscriptionFields((t) => ({
  flow: t.field({
    type: Flow,
    nullable: false,
    description:
      'The flow `Query.flow` returns for these arguments, now and then on every change of its state, revision, errors, enabled or archivedAt (polled every SUBSCRIPTION_POLL_MS). Ends with NOT_FOUND, FORBIDDEN or UNAUTHENTICATED when the flow can no longer be read.',
    args: selectorArgs,
    subscribe: (_, { selector, ...rest }, ctx) =>
      ctx.live.subscribe(flowWatch(selector, definedOnly(rest))),
    resolve: (event, _, ctx) => rememberFull(FlowSpec, ctx, liveValue(event)),
  }),
}));
