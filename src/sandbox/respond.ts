import type { ServerResponse } from 'node:http';
import type { FaultRule } from './faults.js';

export type ShapingFault = Extract<
  FaultRule,
  { kind: 'slow-headers' | 'slow-body' | 'truncated-body' | 'invalid-json' | 'invalid-shape' }
>;

export interface Outgoing {
  status: number;
  /** `undefined` = empty body. */
  body?: unknown;
  headers?: Record<string, string>;
}

export const delay = (ms: number): Promise<void> =>
  ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();

/** Writes a JSON response, shaped by an optional transport fault. Returns the status sent. */
export async function writeResponse(
  res: ServerResponse,
  out: Outgoing,
  fault: ShapingFault | undefined,
): Promise<number> {
  let status = out.status;
  let payload = out.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(out.body));
  if (fault?.kind === 'invalid-json') {
    status = 200;
    payload = Buffer.from('{"items": [ this is not JSON');
  } else if (fault?.kind === 'invalid-shape') {
    // every Membrane answer is an object: valid JSON that fits no payload schema
    status = 200;
    payload = Buffer.from(`[${payload.length > 0 ? payload.toString('utf8') : ''}]`);
  }
  const headers: Record<string, string | number> = {
    ...out.headers,
    'content-length': payload.length,
  };
  if (payload.length > 0) {
    headers['content-type'] = 'application/json; charset=utf-8';
  }
  if (fault?.kind === 'slow-headers') {
    await delay(fault.ms);
  }
  if (res.destroyed) {
    return status;
  }
  res.writeHead(status, headers);
  const half = Math.floor(payload.length / 2);
  if (fault?.kind === 'slow-body') {
    res.write(payload.subarray(0, half));
    await delay(fault.ms);
    if (!res.destroyed) {
      res.end(payload.subarray(half));
    }
  } else if (fault?.kind === 'truncated-body') {
    // The head promises the full length; the socket ends after half of it.
    res.write(payload.subarray(0, Math.max(half, 1)), () => res.destroy());
  } else {
    res.end(payload);
  }
  return status;
}
