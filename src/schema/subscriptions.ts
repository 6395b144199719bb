import { builder } from '../builder.js';
import { flowRunWatch } from '../live/flow-run-watch.js';
import { flowWatch } from '../live/flow-watch.js';
import { elementSelector, flowSelectorArgs } from './element-selector.js';
import { liveValue } from './live-events.js';
import { Flow, FlowRun, FlowRunSpec, FlowSpec } from './refs.js';
import { rememberFull } from './relations.js';

// Live updates (design §9): each stream is served by the process's poller of its credential
// and resource (src/live), polled every SUBSCRIPTION_POLL_MS.
builder.subscriptionFields((t) => ({
  flowRun: t.field({
    type: FlowRun,
    nullable: false,
    description:
      'The flow run now, then on every change of it; completes after it is COMPLETED, STOPPED or FAILED. Ends with NOT_FOUND, FORBIDDEN or UNAUTHENTICATED when the run can no longer be read.',
    args: { id: t.arg.id({ required: true }) },
    subscribe: (_, { id }, ctx) => ctx.live.subscribe(flowRunWatch(id)),
    resolve: (event, _, ctx) => rememberFull(FlowRunSpec, ctx, liveValue(event)),
  }),
  flow: t.field({
    type: Flow,
    nullable: false,
    description:
      'The flow `Query.flow` returns for these arguments, now and then on every change of its state, revision, errors, enabled or archivedAt. Ends with NOT_FOUND, FORBIDDEN or UNAUTHENTICATED when the flow can no longer be read.',
    args: flowSelectorArgs,
    subscribe: (_, args, ctx) => {
      const { selector, params } = elementSelector(args);
      return ctx.live.subscribe(flowWatch(selector, params));
    },
    resolve: (event, _, ctx) => rememberFull(FlowSpec, ctx, liveValue(event)),
  }),
}));
