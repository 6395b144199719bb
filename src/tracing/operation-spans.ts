import type { Span } from '@opentelemetry/api';

/** The spans of one operation in flight that others hang under. */
export interface OperationSpans {
  readonly operation: Span;
  /** Set while the operation executes: upstream calls are its children. */
  execute?: Span;
}

/**
 * Operation spans by the operation's context object: Yoga hands the same object to every hook
 * and to the context factory, so spans are passed explicitly instead of through an async
 * context manager (none is installed).
 */
export type SpansByContext = WeakMap<object, OperationSpans>;
