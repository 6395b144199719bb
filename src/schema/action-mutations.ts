import { builder } from '../builder.js';
import { GatewayError } from '../errors.js';
import type { UpstreamActionRun } from '../upstream/schemas.js';
import { actionSelectorArgs } from './action-queries.js';
import { elementSelector } from './element-selector.js';
import { definedOnly } from './lists.js';
import { Action, ActionRunLog, ActionRunLogSpec, ActionSpec } from './refs.js';
import { related, rememberWritten } from './relations.js';

const ActionRun = builder.objectRef<UpstreamActionRun>('ActionRun').implement({
  description: 'What running an action answered: its output and the id of its run log.',
  fields: (t) => ({
    output: t.field({ type: 'JSON', resolve: (r) => r.output ?? null }),
    actionRunId: t.id({ resolve: (r) => r.actionRunId ?? null }),
    log: t.field({
      type: ActionRunLog,
      description: 'The run log of this run (one read, only when selected).',
      resolve: related(ActionRunLogSpec, (r: UpstreamActionRun) => r.actionRunId),
    }),
  }),
});

const UpdateActionInput = builder.inputType('UpdateActionInput', {
  description:
    'The fields of an action to change (`PATCH /actions/{selector}`); fields left out or null stay as they are.',
  fields: (t) => ({
    name: t.string(),
    description: t.string(),
    config: t.field({ type: 'JSON' }),
    inputSchema: t.field({ type: 'JSON' }),
    outputMapping: t.field({ type: 'JSON' }),
    customOutputSchema: t.field({ type: 'JSON' }),
    meta: t.field({ type: 'JSON' }),
  }),
});

// Every write sends the selector and its parameters as the client gave them, is never retried
// once sent, and its answer replaces what the operation had read of that action.
builder.mutationFields((t) => ({
  runAction: t.field({
    type: ActionRun,
    nullable: false,
    // the run itself (ActionRun is no entity, so the estimate would not count it)
    extensions: { upstreamCalls: 1 },
    description:
      'Runs an action (`POST /actions/{selector}/run`) with this input and answers its output. Sent once, never retried: each call is a run.',
    args: {
      ...actionSelectorArgs,
      input: t.arg({ type: 'JSON', description: 'The input, as the action’s inputSchema says.' }),
    },
    resolve: async (_, { input, ...args }, ctx) => {
      const { selector, params } = elementSelector(args);
      return ctx.api.actions.run(selector, params, definedOnly({ input }));
    },
  }),
  updateAction: t.field({
    type: Action,
    nullable: false,
    description: 'Changes an action (`PATCH /actions/{selector}`).',
    args: { ...actionSelectorArgs, input: t.arg({ type: UpdateActionInput, required: true }) },
    resolve: async (_, { input, ...args }, ctx) => {
      const patch = definedOnly(input);
      if (Object.keys(patch).length === 0) {
        throw new GatewayError('BAD_USER_INPUT', 'input must set at least one field.');
      }
      const { selector, params } = elementSelector(args);
      return rememberWritten(
        ActionSpec,
        ctx,
        await ctx.api.actions.update(selector, params, patch),
      );
    },
  }),
  archiveAction: t.field({
    type: 'ID',
    nullable: false,
    // the lookup, then the DELETE (for the call estimate)
    extensions: { upstreamCalls: 2 },
    description:
      'Archives an action (`DELETE /actions/{selector}`) and returns its id. The action is looked up first, as the `action` query does, because the REST answer is empty.',
    args: actionSelectorArgs,
    resolve: async (_, args, ctx) => {
      const { selector, params } = elementSelector(args);
      const { id } = await ctx.api.actions.find(selector, params);
      await ctx.api.actions.archive(selector, params);
      return id;
    },
  }),
  restoreAction: t.field({
    type: Action,
    nullable: false,
    description: 'Restores an archived action (`POST /actions/{selector}/restore`).',
    args: actionSelectorArgs,
    resolve: async (_, args, ctx) => {
      const { selector, params } = elementSelector(args);
      return rememberWritten(ActionSpec, ctx, await ctx.api.actions.restore(selector, params));
    },
  }),
}));
