import { Agent, request as send } from 'undici';
import type { TargetRequest } from './requests.js';

/**
 * Exactly `amount` requests over `connections` keep-alive sockets, every answer compared
 * byte for byte with `expectBody`; returns how many failed or differed. (autocannon's
 * `amount` mode waits for its 1 s sampling tick: a second lost per run.)
 */
export async function countedPass(
  request: TargetRequest,
  expectBody: string,
  amount: number,
  connections: number,
): Promise<{ completed: number; failures: number }> {
  const agent = new Agent({ connections, keepAliveTimeout: 10_000 });
  let next = 0;
  let failures = 0;
  const lane = async (): Promise<void> => {
    while (next < amount) {
      next += 1;
      try {
        const res = await send(request.url, {
          dispatcher: agent,
          method: request.method,
          headers: request.headers,
          body: request.body,
          headersTimeout: 10_000,
          bodyTimeout: 10_000,
        });
        const text = await res.body.text();
        if (res.statusCode !== 200 || text !== expectBody) {
          failures += 1;
        }
      } catch {
        failures += 1;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(connections, amount) }, lane));
  } finally {
    await agent.close();
  }
  return { completed: amount, failures };
}
