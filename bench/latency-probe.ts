import { Agent, request as send } from 'undici';
import type { TargetRequest } from './requests.js';

/**
 * The median time of `count` requests sent one after another on one socket: the latency of
 * an operation when nothing queues (issue 7's p50 target is `levels × added latency + 5 ms`,
 * which no system can meet once 32 connections queue on 64 upstream sockets).
 */
export async function unloadedP50(
  request: TargetRequest,
  expectBody: string,
  count = 15,
): Promise<number> {
  const agent = new Agent({ connections: 1 });
  const times: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      const res = await send(request.url, {
        dispatcher: agent,
        method: request.method,
        headers: request.headers,
        body: request.body,
      });
      const text = await res.body.text();
      if (res.statusCode !== 200 || text !== expectBody) {
        throw new Error(
          `${request.url}: a latency probe answered ${res.statusCode}, not the verified body`,
        );
      }
      times.push(performance.now() - started);
    }
  } finally {
    await agent.close();
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}
