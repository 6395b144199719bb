import { type DocumentNode, Kind, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { estimateUpstreamCalls } from './estimate-upstream-calls.js';
import { requestError } from './request-error.js';

interface DocumentEstimates {
  /** Some `first:` argument is a variable: the estimate changes with the variables. */
  variable: boolean;
  byOperation: Map<string, number>;
}

/** True when a `first:` argument of the document takes a variable. */
function firstTakesVariable(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Argument(node) {
      if (node.name.value === 'first' && node.value.kind === Kind.VARIABLE) {
        found = true;
      }
    },
  });
  return found;
}

/**
 * Rejects, before any upstream call, an operation whose worst case exceeds the budget
 * (`MAX_ESTIMATED_UPSTREAM_CALLS`, design §6.6). The per-request counter in the context
 * factory enforces the second, actual budget while executing. Yoga's parse cache hands out one
 * document object per text, so an estimate that no variable can change is made once.
 */
export function useUpstreamCallBudget(maxEstimatedCalls: number): Plugin {
  const cache = new WeakMap<DocumentNode, DocumentEstimates>();
  const estimate = (...args: Parameters<typeof estimateUpstreamCalls>): number => {
    const [, document, operationName] = args;
    let entry = cache.get(document);
    if (entry === undefined) {
      entry = { variable: firstTakesVariable(document), byOperation: new Map() };
      cache.set(document, entry);
    }
    if (entry.variable) {
      return estimateUpstreamCalls(...args);
    }
    const name = operationName ?? '';
    let calls = entry.byOperation.get(name);
    if (calls === undefined) {
      calls = estimateUpstreamCalls(...args);
      entry.byOperation.set(name, calls);
    }
    return calls;
  };
  /** The error when the document's worst case is over the budget, else undefined. */
  const overBudget = (args: Parameters<NonNullable<Plugin['onExecute']>>[0]['args']) => {
    const estimated = estimate(args.schema, args.document, args.operationName, args.variableValues);
    if (estimated <= maxEstimatedCalls) {
      return undefined;
    }
    return {
      errors: [
        // a request error, as a validation error is
        requestError(
          `This operation could need up to ${estimated} upstream calls (limit ${maxEstimatedCalls}): ask for smaller pages or fewer relations.`,
          'OPERATION_LIMIT',
          400,
          { extensions: { estimatedUpstreamCalls: estimated } },
        ),
      ],
    };
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const rejected = overBudget(args);
      if (rejected) {
        setResultAndStopExecution(rejected);
      }
    },
    // a subscription's budget is per event: each event executes its selection once
    onSubscribe({ args, setResultAndStopExecution }) {
      const rejected = overBudget(args);
      if (rejected) {
        setResultAndStopExecution(rejected);
      }
    },
  };
}
