import { builder } from '../builder.js';
import { GatewayError } from '../errors.js';
import { elementSelector, flowSelectorArgs } from './element-selector.js';
import { definedOnly } from './lists.js';
import { Flow, FlowSpec } from './refs.js';
import { rememberWritten } from './relations.js';

const UpdateFlowInput = builder.inputType('UpdateFlowInput', {
  description:
    'The fields of a flow to change (`PATCH /flows/{selector}`); fields left out or null stay as they are.',
  fields: (t) => ({
    name: t.string(),
    description: t.string(),
    enabled: t.boolean({
      description: 'false switches the flow off: its triggers stop launching runs.',
    }),
    parameters: t.field({ type: 'JSON' }),
    nodes: t.field({
      type: 'JSON',
      description: 'The flow’s nodes by key, as the REST API takes them.',
    }),
    meta: t.field({ type: 'JSON' }),
  }),
});

// Every write sends the selector and its parameters as the client gave them, is never retried
// once sent, and its answer replaces what the operation had read of that flow.
builder.mutationFields((t) => ({
  refreshFlow: t.field({
    type: Flow,
    nullable: false,
    description:
      'Refreshes a flow’s dependencies and re-validates it (`POST /flows/{selector}/refresh`); parameters are sent as given.',
    args: flowSelectorArgs,
    resolve: async (_, args, ctx) => {
      const { selector, params } = elementSelector(args);
      return rememberWritten(FlowSpec, ctx, await ctx.api.flows.refresh(selector, params));
    },
  }),
  updateFlow: t.field({
    type: Flow,
    nullable: false,
    description:
      'Changes a flow (`PATCH /flows/{selector}`), e.g. `enabled: false` to switch it off.',
    args: { ...flowSelectorArgs, input: t.arg({ type: UpdateFlowInput, required: true }) },
    resolve: async (_, { input, ...args }, ctx) => {
      const patch = definedOnly(input);
      if (Object.keys(patch).length === 0) {
        throw new GatewayError('BAD_USER_INPUT', 'input must set at least one field.');
      }
      const { selector, params } = elementSelector(args);
      return rememberWritten(FlowSpec, ctx, await ctx.api.flows.update(selector, params, patch));
    },
  }),
  resetFlow: t.field({
    type: Flow,
    nullable: false,
    description:
      'Resets a flow to its parent’s state, dropping its customisations (`POST /flows/{selector}/reset`).',
    args: flowSelectorArgs,
    resolve: async (_, args, ctx) => {
      const { selector, params } = elementSelector(args);
      return rememberWritten(FlowSpec, ctx, await ctx.api.flows.reset(selector, params));
    },
  }),
  archiveFlow: t.field({
    type: 'ID',
    nullable: false,
    // the lookup, then the DELETE (for the call estimate)
    extensions: { upstreamCalls: 2 },
    description:
      'Archives a flow (`DELETE /flows/{selector}`) and returns its id. The flow is looked up first, as the `flow` query does, because the REST answer is empty.',
    args: flowSelectorArgs,
    resolve: async (_, args, ctx) => {
      const { selector, params } = elementSelector(args);
      const { id } = await ctx.api.flows.find(selector, params);
      await ctx.api.flows.archive(selector, params);
      return id;
    },
  }),
  restoreFlow: t.field({
    type: Flow,
    nullable: false,
    description: 'Restores an archived flow (`POST /flows/{selector}/restore`).',
    args: flowSelectorArgs,
    resolve: async (_, args, ctx) => {
      const { selector, params } = elementSelector(args);
      return rememberWritten(FlowSpec, ctx, await ctx.api.flows.restore(selector, params));
    },
  }),
}));
