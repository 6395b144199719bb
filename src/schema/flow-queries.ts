import { builder } from '../builder.js';
import { readFlow } from '../upstream/read-flow.js';
import { ElementLayer } from './enums.js';
import { FlowConnection } from './flow.js';
import { definedOnly, entityPage } from './lists.js';
import { Flow, FlowSpec } from './refs.js';
import { rememberFull } from './relations.js';

/** The arguments that name one flow (`flow`, `refreshFlow`, `Subscription.flow`). */
export const selectorArgs = builder.args((t) => ({
  selector: t.string({
    required: true,
    description: 'Flow id, key, or `integrationKey.flowKey`.',
  }),
  layer: t.field({ type: ElementLayer.ref }),
  integrationKey: t.string(),
  integrationId: t.id(),
  connectionId: t.id(),
  connectionKey: t.string(),
  instanceKey: t.string(),
}));

builder.queryFields((t) => ({
  flow: t.field({
    type: Flow,
    description:
      'A flow by selector. With connection parameters it finds the existing instance and never creates one.',
    args: selectorArgs,
    resolve: async (_, { selector, ...rest }, ctx) =>
      rememberFull(FlowSpec, ctx, await readFlow(ctx.api.flows, selector, definedOnly(rest))),
  }),
  flows: t.field({
    type: FlowConnection,
    nullable: false,
    args: {
      first: t.arg.int(),
      after: t.arg.string(),
      search: t.arg.string(),
      layer: t.arg({ type: ElementLayer.ref }),
      integrationId: t.arg.id(),
      integrationKey: t.arg.string(),
      connectionId: t.arg.id(),
      userId: t.arg.id(),
      flowId: t.arg.id({ description: 'Parent filter: the instances of this flow.' }),
      universalFlowId: t.arg.id({
        description: 'Parent filter: flows derived from this universal flow.',
      }),
      isUniversal: t.arg.boolean(),
      includeArchived: t.arg.boolean(),
    },
    resolve: (_, { first, after, ...filters }, ctx) =>
      entityPage(FlowSpec, ctx, { first, after }, (page) =>
        ctx.api.flows.list(definedOnly(filters), page),
      ),
  }),
}));

builder.mutationFields((t) => ({
  refreshFlow: t.field({
    type: Flow,
    nullable: false,
    description:
      'Refreshes a flow’s dependencies and re-validates it (`POST /flows/{selector}/refresh`); parameters are sent as given.',
    args: selectorArgs,
    resolve: async (_, { selector, ...rest }, ctx) =>
      rememberFull(FlowSpec, ctx, await ctx.api.flows.refresh(selector, definedOnly(rest))),
  }),
}));
