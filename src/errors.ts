/**
 * The stable error codes of the public contract (design.md §5). Every failure the gateway
 * reports on purpose is a `GatewayError`; `src/http/mask-error.ts` turns it into a GraphQL
 * error. Anything else is masked as INTERNAL_SERVER_ERROR.
 */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_ERROR',
  'OPERATION_LIMIT',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Contract codes of requests refused before execution by the HTTP edge (design §10). */
export const EDGE_ERROR_CODES = ['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_ONLY'] as const;
export type RequestErrorCode = (typeof EDGE_ERROR_CODES)[number];

/** What an upstream answer said, safe to show a client (no URL, header or body). */
export interface UpstreamInfo {
  status: number;
  type?: string;
  key?: string;
}

export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly upstream?: UpstreamInfo,
    /** Seconds, from the upstream's `Retry-After`, when known. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}
