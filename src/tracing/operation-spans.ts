import type { Context, Span } from '@opentelemetry/api';

/** The spans of one operation in flight that others hang under, each with its context. */
export interface OperationSpans {
  readonly operation: Span;
  /**
   * False when the sampler (or the client's unsampled traceparent) left the operation out: no
   * child span is made then, and its upstream calls carry the operation's own trace context.
   */
  readonly recorded: boolean;
  /** The parent of parse, validate and execute (made once per operation). */
  readonly inOperation: Context;
  /** The parent of upstream calls: the execute span's context once execution began. */
  inExecute?: Context;
  /** Set when the operation span ended while its result still streams. */
  streaming?: boolean;
  /** The trace headers of an unrecorded operation's upstream calls (made on its first call). */
  unrecordedHeaders?: Readonly<Record<string, string>>;
}

/**
 * Operation spans by the operation's context object: Yoga hands the same object to every hook
 * and to the context factory, so spans are passed explicitly instead of through an async
 * context manager (none is installed).
 */
export type SpansByContext = WeakMap<object, OperationSpans>;
