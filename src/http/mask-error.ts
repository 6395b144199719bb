import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import type { Logger } from 'pino';
import { GatewayError } from '../errors.js';

/**
 * graphql-js's own request errors (a variable value that does not coerce, a required variable
 * missing) carry no code and no path; Yoga's (syntax, validation, …) always carry one.
 */
const isCodelessRequestError = (error: unknown): error is GraphQLError =>
  error instanceof GraphQLError &&
  error.path === undefined &&
  error.extensions.code === undefined &&
  (error.originalError === undefined || error.originalError instanceof GraphQLError);

/**
 * Yoga's error masking with the gateway's codes (design §5): a `GatewayError` becomes a
 * GraphQL error with `extensions.code` (and `upstream`, `retryAfter`); every other error
 * from a resolver is logged and masked as INTERNAL_SERVER_ERROR. No upstream URL, header,
 * body or stack reaches the client.
 */
export function createMaskError(log: Logger, limits: { maxRequestBytes: number }) {
  return (error: unknown, message: string, _isDev?: boolean): Error => {
    if (error instanceof GraphQLError && error.extensions.code === 'REQUEST_ENTITY_TOO_LARGE') {
      // Yoga's own refusal of a body above MAX_REQUEST_BYTES, in the contract's terms
      return new GraphQLError(
        `The request body is larger than ${limits.maxRequestBytes} bytes (MAX_REQUEST_BYTES).`,
        { extensions: { code: 'OPERATION_LIMIT', http: error.extensions.http } },
      );
    }
    if (isCodelessRequestError(error)) {
      // invalid input (design §5); like a validation error: HTTP 400 for
      // application/graphql-response+json, 200 for application/json (`spec`)
      return new GraphQLError(error.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        extensions: { code: 'BAD_USER_INPUT', http: { spec: true, status: 400 } },
      });
    }
    const original = error instanceof GraphQLError ? error.originalError : error;
    if (original instanceof GatewayError) {
      const gql = error instanceof GraphQLError ? error : undefined;
      return new GraphQLError(original.message, {
        nodes: gql?.nodes,
        path: gql?.path,
        extensions: {
          code: original.code,
          ...(original.upstream && { upstream: original.upstream }),
          ...(original.retryAfter !== undefined && { retryAfter: original.retryAfter }),
        },
      });
    }
    if (original !== undefined && !(original instanceof GraphQLError)) {
      log.error({ err: original }, 'unexpected error in a resolver');
    }
    // never dev mode: it would add the original error and its stack to the response
    return yogaMaskError(error, message, false);
  };
}
