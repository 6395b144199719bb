import { Agent, type Dispatcher } from 'undici';

/** The process-wide connection pool towards the upstream. */
export interface DispatcherOptions {
  /** Sockets per origin; more calls queue. @default 64 */
  connections?: number;
  /** Time to wait for response headers. @default 15000 */
  headersTimeoutMs?: number;
  /** Time allowed between two body chunks. @default 15000 */
  bodyTimeoutMs?: number;
  /** TCP + TLS connect timeout. @default 5000 */
  connectTimeoutMs?: number;
  /** Idle keep-alive time of a socket. @default 4000 */
  keepAliveTimeoutMs?: number;
}

/**
 * One undici Agent per process: keep-alive, bounded sockets, timeouts. Redirects are not
 * followed (undici 7 follows none without the redirect interceptor): a 3xx reaches the
 * client, which maps it to UPSTREAM_ERROR. Retries live in the client, where the per-call
 * deadline and Retry-After are known.
 */
export function createDispatcher(options: DispatcherOptions = {}): Dispatcher {
  return new Agent({
    connections: options.connections ?? 64,
    headersTimeout: options.headersTimeoutMs ?? 15_000,
    bodyTimeout: options.bodyTimeoutMs ?? 15_000,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 4_000,
    connect: { timeout: options.connectTimeoutMs ?? 5_000 },
  });
}
