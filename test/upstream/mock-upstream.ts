import { MockAgent } from 'undici';
import { createUpstreamClient, type UpstreamClientOptions } from '../../src/upstream/client.js';

export const ORIGIN = 'https://api.membrane.test';
export const TOKEN = 'Bearer test-token-abc';

/** A MockAgent handed to the client as its dispatcher (never the global one). */
export function mockUpstream() {
  const agent = new MockAgent({ enableCallHistory: true });
  agent.disableNetConnect();
  const pool = agent.get(ORIGIN);
  const client = (options: Partial<UpstreamClientOptions> = {}) =>
    createUpstreamClient({
      baseUrl: ORIGIN,
      dispatcher: agent,
      apiVersion: '2025-10-21',
      authorization: TOKEN,
      retry: { maxRetries: 0 },
      ...options,
    });
  const calls = () => agent.getCallHistory()?.calls() ?? [];
  return { agent, pool, client, calls };
}

export const json = { headers: { 'content-type': 'application/json' } };

/** Settles a promise into `{ ok, value | error }` so tests can assert on either side. */
export async function settle<T>(promise: Promise<T>): Promise<unknown> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}
