/**
 * Membrane's error wire format `{type, key?, message}` (membrane-api.md §6.1) as a throwable.
 * Handlers throw these; the server turns them into the response.
 */
export interface ErrorBody {
  type: string;
  key?: string;
  message: string;
}

export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

export const badRequest = (message: string): HttpError =>
  new HttpError(400, { type: 'bad_request', message });

export const notAuthenticated = (message: string): HttpError =>
  new HttpError(401, { type: 'bad_request', key: 'not_authenticated', message });

export const accessDenied = (message: string): HttpError =>
  new HttpError(403, { type: 'bad_request', key: 'access_denied', message });

export const notFound = (message: string): HttpError =>
  new HttpError(404, { type: 'bad_request', key: 'not_found', message });

export const internalError = (message = 'Internal server error'): HttpError =>
  new HttpError(500, { type: 'internal', message });

/** The body a status-only fault answers with, following Membrane's status → key mapping. */
export function errorBodyForStatus(status: number, message?: string): ErrorBody {
  switch (status) {
    case 400:
      return { type: 'bad_request', message: message ?? 'Bad request' };
    case 401:
      return {
        type: 'bad_request',
        key: 'not_authenticated',
        message: message ?? 'Not authenticated',
      };
    case 403:
      return { type: 'bad_request', key: 'access_denied', message: message ?? 'Access denied' };
    case 404:
      return { type: 'bad_request', key: 'not_found', message: message ?? 'Not found' };
    case 429:
      return {
        type: 'bad_request',
        key: 'rate_limit_exceeded',
        message: message ?? 'Rate limit exceeded',
      };
    default:
      return status >= 500
        ? { type: 'internal', message: message ?? 'Internal server error' }
        : { type: 'bad_request', message: message ?? `Request failed with status ${status}` };
  }
}
