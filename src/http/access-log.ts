import type { ServerResponse } from 'node:http';

/** What an executed operation leaves for its request's log line. */
export interface OperationRecord {
  requestId: string;
  operationName: string | undefined;
  /** Absent when the request was refused before its operation could be read. */
  type?: string;
  upstreamCalls: number;
  /** GETs the upstream cache answered instead (only when it answered any). */
  upstreamCacheHits?: number;
  /** The contract codes of the result's errors, in order. */
  errors: string[];
  /** The OpenTelemetry trace of the operation, when tracing is on and recorded it. */
  traceId?: string;
}

/** Written by the execution (`useOperationEnd`), read once when the response is finished. */
const records = new WeakMap<ServerResponse, OperationRecord>();

export function recordOperation(res: ServerResponse | undefined, record: OperationRecord): void {
  if (res) {
    records.set(res, record);
  }
}

/** True once the operation of this response has left its record. */
export function hasOperation(res: ServerResponse): boolean {
  return records.has(res);
}

export function takeOperation(res: ServerResponse): OperationRecord | undefined {
  const record = records.get(res);
  records.delete(res);
  return record;
}
