import type { ServerResponse } from 'node:http';

/** Responses that carry a subscription's stream (SSE): the drain cuts them instead of waiting. */
const streams = new WeakSet<ServerResponse>();

export function markLiveResponse(res: ServerResponse | undefined): void {
  if (res) {
    streams.add(res);
  }
}

export function isLiveResponse(res: ServerResponse): boolean {
  return streams.has(res);
}
