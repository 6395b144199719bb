import type { ServerResponse } from 'node:http';
import { type GraphQLError, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import { GatewayError } from '../errors.js';
import { recordOperation } from './access-log.js';
import type { Metrics } from './metrics.js';

/** The contract code of each error; masking may not have run yet, so gateway errors are unwrapped. */
export function codesOf(errors: readonly GraphQLError[] | undefined): string[] {
  return (errors ?? []).map((e) =>
    e.originalError instanceof GatewayError
      ? e.originalError.code
      : String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
  );
}

/**
 * When an operation's execution ends: its deadline is released, it is counted, and what its log
 * line needs is left with its response. Runs on every path to `execute`, Yoga's and the fast
 * path's alike.
 */
export function useOperationEnd(metrics: Metrics): Plugin<Context> {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          args.contextValue.deadline?.dispose();
          if (Symbol.asyncIterator in result) {
            return;
          }
          const explain = args.contextValue.explain;
          if (explain) {
            setResult({
              ...result,
              extensions: { ...result.extensions, explain: explain.report() },
            });
          }
          const operation = getOperationAST(args.document, args.operationName);
          const type = operation?.operation ?? 'query';
          const errors = codesOf(result.errors);
          metrics.countOperation(type, errors);
          const context = args.contextValue as Context & { res?: ServerResponse };
          recordOperation(context.res, {
            requestId: context.requestId,
            operationName: operation?.name?.value,
            type,
            upstreamCalls: context.upstream.calls,
            errors,
          });
        },
      };
    },
  };
}
