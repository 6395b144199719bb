import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import type { Logger } from 'pino';
import { GatewayError } from '../errors.js';

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
