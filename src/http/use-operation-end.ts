import type { ServerResponse } from 'node:http';
import { type DocumentNode, type GraphQLError, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import { requestIdOf } from '../context-factory.js';
import { GatewayError } from '../errors.js';
import { hasOperation, recordOperation } from './access-log.js';
import type { Metrics } from './metrics.js';

/** The contract code of each error; masking may not have run yet, so gateway errors are unwrapped. */
export function codesOf(errors: readonly GraphQLError[] | undefined): string[] {
  return (errors ?? []).map((e) =>
    e.originalError instanceof GatewayError
      ? e.originalError.code
      : String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
  );
}

/** Counts an operation and leaves what its log line needs with its response. */
function recordEnd(
  metrics: Metrics,
  args: { document: DocumentNode; operationName?: string | null; contextValue: unknown },
  errors: string[],
): void {
  const operation = getOperationAST(args.document, args.operationName);
  const type = operation?.operation ?? 'query';
  metrics.countOperation(type, errors);
  const context = args.contextValue as Context & { res?: ServerResponse; traceId?: string };
  recordOperation(context.res, {
    requestId: context.requestId,
    operationName: operation?.name?.value,
    type,
    upstreamCalls: context.upstream.calls,
    ...(context.upstream.cacheHits !== undefined && {
      upstreamCacheHits: context.upstream.cacheHits,
    }),
    errors,
    ...(context.traceId !== undefined && { traceId: context.traceId }),
  });
}

/**
 * A request refused before execution (parse, validation, document limits, the call estimate,
 * persisted operations) ran no execute hook, yet it still gets its log line and its codes count.
 */
function recordRefused(
  metrics: Metrics,
  res: ServerResponse | undefined,
  result: { errors?: readonly GraphQLError[] },
  // read only for a refusal: an executed operation has its record already
  whoIs: () => { requestId: string; operationName?: string; traceId?: string },
): void {
  if (res === undefined || hasOperation(res)) {
    return;
  }
  const who = whoIs();
  const errors = codesOf(result.errors);
  metrics.countErrors(errors);
  recordOperation(res, {
    requestId: who.requestId,
    operationName: who.operationName,
    upstreamCalls: 0,
    errors,
    ...(who.traceId !== undefined && { traceId: who.traceId }),
  });
}

/**
 * When an operation's execution ends: its deadline is released, it is counted, and what its log
 * line needs is left with its response. Runs on every path to `execute`, Yoga's and the fast
 * path's alike. A subscription ends when its stream does: counted once, with the error codes of
 * its events (each once) and the upstream calls they made (the polls are shared, so not counted).
 */
export function useOperationEnd(metrics: Metrics): Plugin<Context> {
  return {
    onExecutionResult({ result, context }) {
      if (result !== undefined && !(Symbol.asyncIterator in result)) {
        const known = context as Partial<Context> & { res?: ServerResponse; traceId?: string };
        recordRefused(metrics, known.res, result, () => ({
          requestId: known.requestId ?? requestIdOf(context.request.headers),
          operationName: context.params?.operationName ?? undefined,
          traceId: known.traceId,
        }));
      }
    },
    onResultProcess({ result, request, serverContext }) {
      // what an onParams hook threw (a persisted-operation refusal) reaches only this hook
      if (!Array.isArray(result) && !(Symbol.asyncIterator in result)) {
        const { res, traceId } = serverContext as { res?: ServerResponse; traceId?: string };
        recordRefused(metrics, res, result, () => ({
          requestId: requestIdOf(request.headers),
          traceId,
        }));
      }
    },
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
          recordEnd(metrics, args, codesOf(result.errors));
        },
      };
    },
    onSubscribe({ args }) {
      return {
        onSubscribeResult({ result }) {
          if (!(Symbol.asyncIterator in result)) {
            recordEnd(metrics, args, codesOf(result.errors));
            return undefined;
          }
          // each code once: a subscription may live for days
          const errors = new Set<string>();
          return {
            onNext({ result: event }) {
              for (const code of codesOf(event.errors)) {
                errors.add(code);
              }
            },
            onEnd() {
              recordEnd(metrics, args, [...errors]);
            },
          };
        },
      };
    },
  };
}
