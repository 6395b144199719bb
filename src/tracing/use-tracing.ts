import {
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  type TextMapPropagator,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { type ExecutionResult, getOperationAST } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import { codesOf } from '../http/use-operation-end.js';
import type { OperationSpans, SpansByContext } from './operation-spans.js';

/** GraphQL semantic conventions (still incubating in OpenTelemetry, so named here). */
const OPERATION_NAME = 'graphql.operation.name';
const OPERATION_TYPE = 'graphql.operation.type';
/** The contract codes (`extensions.code`) of a result's errors. */
const ERROR_CODES = 'graphql.error.codes';
const REQUEST_ID = 'gateway.request_id';

/** Reads the incoming trace context from whichever request the operation came with. */
const headerGetter: TextMapGetter<{ get(name: string): string | null }> = {
  get: (headers, key) => headers.get(key) ?? undefined,
  keys: () => [],
};

const errorCodes = (result: ExecutionResult): string[] => codesOf(result.errors);

/** Ends an operation span with its result's error codes. */
function finish(state: OperationSpans, result: ExecutionResult): void {
  const codes = state.recorded ? errorCodes(result) : [];
  if (codes.length > 0) {
    failed(state.operation, codes);
  }
  state.operation.end();
}

function failed(span: Span, codes: string[]): void {
  span.setAttribute(ERROR_CODES, codes);
  span.setStatus({ code: SpanStatusCode.ERROR, message: [...new Set(codes)].join(', ') });
}

/**
 * An operation span per GraphQL request, the child of the client's span when its request
 * carries a `traceparent`, with `graphql.parse`, `graphql.validate` and `graphql.execute` spans
 * under it. Its hooks run on Yoga's path and on the fast path alike (both go through
 * `getResultForParams`). No document, variable or header is recorded.
 */
export function useTracing(
  tracer: Tracer,
  propagator: TextMapPropagator,
  spans: SpansByContext,
): Plugin<Context> {
  const child = (name: string, context: object): Span | undefined => {
    const state = spans.get(context);
    return state?.recorded ? tracer.startSpan(name, {}, state.inOperation) : undefined;
  };
  return {
    onParams({ request, params, context }) {
      const remote = propagator.extract(ROOT_CONTEXT, request.headers, headerGetter);
      const operation = tracer.startSpan(
        'GraphQL Operation',
        {
          kind: SpanKind.SERVER,
          attributes: params.operationName ? { [OPERATION_NAME]: params.operationName } : {},
        },
        remote,
      );
      const recorded = operation.isRecording();
      spans.set(context, {
        operation,
        recorded,
        inOperation: trace.setSpan(ROOT_CONTEXT, operation),
      });
      if (recorded) {
        // the access log line names the trace it can be found in
        (context as { traceId?: string }).traceId = operation.spanContext().traceId;
      }
    },
    onParse({ context }) {
      const span = child('graphql.parse', context);
      return span
        ? ({ result }) => {
            if (result instanceof Error) {
              span.setStatus({ code: SpanStatusCode.ERROR, message: result.message });
            }
            span.end();
          }
        : undefined;
    },
    onValidate({ context }) {
      const span = child('graphql.validate', context);
      return span
        ? ({ valid }) => {
            if (!valid) {
              span.setStatus({ code: SpanStatusCode.ERROR });
            }
            span.end();
          }
        : undefined;
    },
    onExecute({ args }) {
      const context = args.contextValue;
      const state = spans.get(context);
      if (!state?.recorded) {
        return undefined;
      }
      const ast = getOperationAST(args.document, args.operationName);
      const type = ast?.operation ?? 'query';
      const name = ast?.name?.value;
      state.operation.updateName(name ? `${type} ${name}` : type);
      state.operation.setAttribute(OPERATION_TYPE, type);
      if (name) {
        state.operation.setAttribute(OPERATION_NAME, name);
      }
      state.operation.setAttribute(REQUEST_ID, context.requestId);
      const execute = tracer.startSpan('graphql.execute', {}, state.inOperation);
      state.inExecute = trace.setSpan(ROOT_CONTEXT, execute);
      return {
        onExecuteDone({ result }) {
          if (isAsyncIterable(result)) {
            return { onEnd: () => execute.end() };
          }
          const codes = errorCodes(result as ExecutionResult);
          if (codes.length > 0) {
            failed(execute, codes);
          }
          execute.end();
          return undefined;
        },
      };
    },
    onExecutionResult({ result, context }) {
      const state = spans.get(context);
      if (!state || state.streaming) {
        return;
      }
      if (isAsyncIterable(result)) {
        // a stream's operation span covers its start; its later upstream calls still find it
        // (the entry goes with the context), and its execute span lasts until the stream ends
        state.streaming = true;
        state.operation.end();
        return;
      }
      spans.delete(context);
      finish(state, result as ExecutionResult);
    },
    onResultProcess({ serverContext, result }) {
      // a request refused by an onParams hook (it threw) has no execution result: Yoga answers
      // its error here, on its own path (the fast path hands such requests to it)
      const state = spans.get(serverContext);
      if (!state || state.streaming || Array.isArray(result) || isAsyncIterable(result)) {
        return;
      }
      spans.delete(serverContext);
      finish(state, result as ExecutionResult);
    },
  };
}
