import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { estimateUpstreamCalls } from './estimate-upstream-calls.js';

/**
 * Rejects, before any upstream call, an operation whose worst case exceeds the budget
 * (`MAX_ESTIMATED_UPSTREAM_CALLS`, design §6.6). The per-request counter in the context
 * factory enforces the second, actual budget while executing.
 */
export function useUpstreamCallBudget(maxEstimatedCalls: number): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const estimated = estimateUpstreamCalls(
        args.schema,
        args.document,
        args.operationName,
        args.variableValues,
      );
      if (estimated > maxEstimatedCalls) {
        setResultAndStopExecution({
          errors: [
            new GraphQLError(
              `This operation could need up to ${estimated} upstream calls (limit ${maxEstimatedCalls}): ask for smaller pages or fewer relations.`,
              { extensions: { code: 'OPERATION_LIMIT', estimatedUpstreamCalls: estimated } },
            ),
          ],
        });
      }
    },
  };
}
