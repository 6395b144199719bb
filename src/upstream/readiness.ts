import type { Dispatcher } from 'undici';

/**
 * True when the upstream answers HTTP at all: any status counts (a 401 for a call without a
 * token proves it is reachable). No credential is sent.
 */
export async function checkUpstream(
  baseUrl: string,
  dispatcher: Dispatcher,
  signal?: AbortSignal,
): Promise<boolean> {
  try {
    const base = new URL(baseUrl);
    const prefix = base.pathname.replace(/\/+$/, '');
    const res = await dispatcher.request({
      origin: base.origin,
      path: `${prefix}/integrations?limit=1`,
      method: 'GET',
      signal,
    });
    await res.body.dump();
    return true;
  } catch {
    return false;
  }
}
