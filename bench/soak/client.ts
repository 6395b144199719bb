import { Agent, request } from 'undici';
import type { Operation } from './operation.js';
import type { Accept, HttpAnswer } from './response-check.js';

/** One answer as the driver received it, or why none came. */
export type Sent =
  | (HttpAnswer & { elapsedMs: number })
  | { accept: Accept; elapsedMs: number; transportError: string };

/** Sends operations to the gateway over keep-alive connections, one credential per request. */
export function createClient(options: {
  url: string;
  tokens: { admin: string; tenant: string };
  connections: number;
  /** No answer after this long is a hung response (the gateway's deadline plus a margin). */
  giveUpMs: number;
}) {
  const agent = new Agent({
    connections: options.connections,
    headersTimeout: options.giveUpMs,
    bodyTimeout: options.giveUpMs,
  });
  const endpoint = `${options.url}/graphql`;
  return {
    async send(operation: Operation, accept: Accept, requestId: string): Promise<Sent> {
      const started = performance.now();
      try {
        const res = await request(endpoint, {
          method: 'POST',
          dispatcher: agent,
          headers: {
            'content-type': 'application/json',
            accept,
            authorization: `Bearer ${options.tokens[operation.token]}`,
            'x-request-id': requestId,
          },
          body:
            operation.rawBody ??
            JSON.stringify({ query: operation.document, variables: operation.variables }),
        });
        const body = await res.body.text();
        const contentType = res.headers['content-type'];
        return {
          accept,
          status: res.statusCode,
          contentType: Array.isArray(contentType) ? contentType[0] : contentType,
          body,
          elapsedMs: performance.now() - started,
        };
      } catch (error) {
        return {
          accept,
          elapsedMs: performance.now() - started,
          transportError:
            error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        };
      }
    },
    close: () => agent.close(),
  };
}

export type Client = ReturnType<typeof createClient>;
