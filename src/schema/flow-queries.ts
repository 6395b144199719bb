import { builder } from '../builder.js';
import { elementListArgs, elementSelector, flowSelectorArgs } from './element-selector.js';
import { FlowConnection } from './flow.js';
import { definedOnly, entityPage } from './lists.js';
import { Flow, FlowSpec } from './refs.js';
import { rememberFull } from './relations.js';

builder.queryFields((t) => ({
  flow: t.field({
    type: Flow,
    description:
      'A flow by selector. With connection parameters it finds the existing instance and never creates one.',
    args: flowSelectorArgs,
    resolve: async (_, args, ctx) => {
      const { selector, params } = elementSelector(args);
      return rememberFull(FlowSpec, ctx, await ctx.api.flows.find(selector, params));
    },
  }),
  flows: t.field({
    type: FlowConnection,
    nullable: false,
    args: {
      ...elementListArgs,
      flowId: t.arg.id({ description: 'Parent filter: the instances of this flow.' }),
      universalFlowId: t.arg.id({
        description: 'Parent filter: flows derived from this universal flow.',
      }),
    },
    resolve: (_, { first, after, ...filters }, ctx) =>
      entityPage(FlowSpec, ctx, { first, after }, (page) =>
        ctx.api.flows.list(definedOnly(filters), page),
      ),
  }),
}));
