import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import type { AttemptObserver } from '../upstream/client.js';

/**
 * Tracing as the rest of the gateway sees it (types only: the implementation, and the
 * OpenTelemetry SDK under it, load only when tracing is on; see `start-tracing.ts`).
 */
export interface Tracing {
  /** The Yoga plugin giving each operation its span, with parse, validate and execute under it. */
  readonly plugin: Plugin<Context>;
  /** A span per attempt of each upstream call of the operation whose context this is. */
  upstream(operationContext: object): AttemptObserver;
  /** Exports every span ended so far. */
  flush(): Promise<void>;
  /** Exports what is left and stops exporting. */
  shutdown(): Promise<void>;
}
