import { builder } from '../builder.js';
import { ActionConnection } from './action.js';
import { elementListArgs, elementSelector, selectorArgs } from './element-selector.js';
import { definedOnly, entityPage } from './lists.js';
import { Action, ActionSpec } from './refs.js';
import { rememberFull } from './relations.js';

/** How every action field names its action. */
export const actionSelectorArgs = selectorArgs('action');

builder.queryFields((t) => ({
  action: t.field({
    type: Action,
    description:
      'An action by selector. With connection parameters it finds the existing instance and never creates one.',
    args: actionSelectorArgs,
    resolve: async (_, args, ctx) => {
      const { selector, params } = elementSelector(args);
      return rememberFull(ActionSpec, ctx, await ctx.api.actions.find(selector, params));
    },
  }),
  actions: t.field({
    type: ActionConnection,
    nullable: false,
    args: {
      ...elementListArgs,
      parentId: t.arg.id({ description: 'Parent filter: the actions derived from this action.' }),
      universalParentId: t.arg.id({
        description: 'Parent filter: the connection-level actions of this universal action.',
      }),
    },
    resolve: (_, { first, after, ...filters }, ctx) =>
      entityPage(ActionSpec, ctx, { first, after }, (page) =>
        ctx.api.actions.list(definedOnly(filters), page),
      ),
  }),
}));
