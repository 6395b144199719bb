import { Agent, type Dispatcher } from 'undici';

/** A non-2xx answer of the upstream; the aggregator answers 502. */
export class UpstreamFailure extends Error {
  override readonly name = 'UpstreamFailure';
  constructor(readonly status: number) {
    super(`upstream answered ${status}`);
  }
}

export type Json = Record<string, unknown>;

/** GETs of one client request: each distinct path is sent once, and at once. */
export type Get = (path: string) => Promise<Json>;

export interface MembraneClient {
  /** A fresh per-request memo over the caller's credential (forwarded as is). */
  forRequest(authorization: string | undefined): Get;
  close(): Promise<void>;
}

/**
 * The least a Node service must do per upstream call: undici on one keep-alive Agent with the
 * gateway's socket settings (`connections` per origin, 4 s idle), JSON parsing, no validation,
 * no retry.
 */
export function createMembraneClient(baseUrl: string, connections: number): MembraneClient {
  const agent = new Agent({ connections, keepAliveTimeout: 4_000 });
  const { origin, pathname } = new URL(baseUrl);
  const prefix = pathname.replace(/\/+$/, '');
  // undici's dispatch handler, as the gateway uses it: the body collected as it arrives, no
  // stream per call (the cheapest way undici offers)
  const fetchJson = (path: string, headers: Record<string, string>): Promise<Json> =>
    new Promise((resolve, reject) => {
      let status = 0;
      const chunks: Buffer[] = [];
      const handler: Dispatcher.DispatchHandler = {
        // its presence tells undici this handler speaks the current API
        onRequestStart() {},
        onResponseStart(_controller, statusCode) {
          status = statusCode;
        },
        onResponseData(_controller, chunk) {
          chunks.push(chunk);
        },
        onResponseEnd() {
          if (status < 200 || status > 299) {
            reject(new UpstreamFailure(status));
            return;
          }
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json);
          } catch (error) {
            reject(error);
          }
        },
        onResponseError(_controller, error) {
          reject(error);
        },
      };
      agent.dispatch({ origin, path: `${prefix}${path}`, method: 'GET', headers }, handler);
    });
  return {
    forRequest(authorization) {
      const headers: Record<string, string> = {
        accept: 'application/json',
        'membrane-api-version': '2025-10-21',
        ...(authorization ? { authorization } : {}),
      };
      const sent = new Map<string, Promise<Json>>();
      return (path) => {
        let pending = sent.get(path);
        if (pending === undefined) {
          pending = fetchJson(path, headers);
          sent.set(path, pending);
        }
        return pending;
      };
    },
    close: () => agent.close(),
  };
}
