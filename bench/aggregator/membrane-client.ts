import { Agent, request } from 'undici';

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
  const fetchJson = async (path: string, headers: Record<string, string>): Promise<Json> => {
    const { statusCode, body } = await request(`${baseUrl}${path}`, { dispatcher: agent, headers });
    if (statusCode < 200 || statusCode > 299) {
      await body.dump();
      throw new UpstreamFailure(statusCode);
    }
    return (await body.json()) as Json;
  };
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
