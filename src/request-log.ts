import type { LogFn, Logger } from 'pino';

/** What a resolver may log through; the request id is bound to every line. */
export type RequestLog = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

/**
 * The request's logger, made on its first line: most operations never log, and a pino child
 * per request was a measurable share of a small operation. (Yoga copies the context's own
 * properties into its own object, so a lazy getter on the context would run every time.)
 */
export function requestLog(base: Logger, requestId: string): RequestLog {
  let child: Logger | undefined;
  const level =
    (name: keyof RequestLog): LogFn =>
    (...args: unknown[]) => {
      child ??= base.child({ requestId });
      (child[name] as (...a: unknown[]) => void)(...args);
    };
  return { debug: level('debug'), info: level('info'), warn: level('warn'), error: level('error') };
}
