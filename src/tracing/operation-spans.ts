import type { Context, Span } from '@opentelemetry/api';

/** The spans of one operation in flight that others hang under, each with its context. */
export interface OperationSpans {
  readonly operation: Span;
  /** The parent of parse, validate and execute (made once per operation). */
  readonly inOperation: Context;
  /** The parent of upstream calls: the execute span's context once execution began. */
  inExecute?: Context;
}

/**
 * Operation spans by the operation's context object: Yoga hands the same object to every hook
 * and to the context factory, so spans are passed explicitly instead of through an async
 * context manager (none is installed).
 */
export type SpansByContext = WeakMap<object, OperationSpans>;
