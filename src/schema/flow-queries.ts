import { builder } from '../builder.js';
import { elementSelector, flowSelectorArgs } from './element-selector.js';
import { ElementLayer } from './enums.js';
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
