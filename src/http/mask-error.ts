import { GraphQLError, Kind } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import type { Logger } from 'pino';
import { GatewayError } from '../errors.js';
import { requestError } from './request-error.js';

/** graphql-js's last variable error when a request has more than its limit (50) of them. */
const TOO_MANY_VARIABLE_ERRORS =
  'Too many errors processing variables, error limit reached. Execution aborted.';

/**
 * A variable value graphql-js could not coerce (wrong type, missing required, null for a
 * non-null): raised before execution, pointing at the variable's definition. It carries no code
 * of its own; for the contract it is invalid input. A coercion that failed on something other
 * than a GraphQLError (a scalar bug) stays for masking.
 */
const isVariableError = (error: unknown): error is GraphQLError =>
  error instanceof GraphQLError &&
  error.path === undefined &&
  error.extensions.code === undefined &&
  (error.originalError === undefined || error.originalError instanceof GraphQLError) &&
  (error.nodes?.[0]?.kind === Kind.VARIABLE_DEFINITION ||
    error.message === TOO_MANY_VARIABLE_ERRORS);

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
    if (isVariableError(error)) {
      // a request error, as a validation error is
      return requestError(error.message, 'BAD_USER_INPUT', 400, {
        nodes: error.nodes,
        extensions: error.extensions,
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
