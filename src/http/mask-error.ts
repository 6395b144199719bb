import { GraphQLError, Source } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import type { Logger } from 'pino';
import { GatewayError } from '../errors.js';

/**
 * Yoga's error masking with the gateway's codes (design §5): a `GatewayError` becomes a
 * GraphQL error with `extensions.code` (and `upstream`, `retryAfter`); every other error
 * from a resolver is logged and masked as INTERNAL_SERVER_ERROR. No upstream URL, header,
 * body or stack reaches the client.
 */
export function createMaskError(log: Logger) {
  return (error: unknown, message: string, _isDev?: boolean): Error => {
    const original = error instanceof GraphQLError ? error.originalError : error;
    if (original instanceof GatewayError) {
      const gql = error instanceof GraphQLError ? error : undefined;
      return withLocations(
        gql,
        new GraphQLError(original.message, {
          nodes: gql?.nodes,
          path: gql?.path,
          extensions: {
            code: original.code,
            ...(original.upstream && { upstream: original.upstream }),
            ...(original.retryAfter !== undefined && { retryAfter: original.retryAfter }),
          },
        }),
      );
    }
    if (original !== undefined && !(original instanceof GraphQLError)) {
      log.error({ err: original }, 'unexpected error in a resolver');
    }
    // never dev mode: it would add the original error and its stack to the response
    const masked = yogaMaskError(error, message, false);
    return masked instanceof GraphQLError && error instanceof GraphQLError
      ? withLocations(error, masked)
      : masked;
  };
}

/**
 * graphql-jit's errors carry `locations` but no AST `nodes`, and Yoga rebuilds every error from
 * `nodes` or `source` + `positions` when it serialises the response. So the locations are kept
 * as positions in a stand-in source whose lines and columns are exactly those locations.
 */
function withLocations(from: GraphQLError | undefined, to: GraphQLError): GraphQLError {
  const locations = from?.locations;
  if (to.locations !== undefined || !locations?.length) {
    return to;
  }
  const width = Math.max(...locations.map((l) => l.column));
  const lines = Math.max(...locations.map((l) => l.line));
  const source = new Source(`${' '.repeat(width)}\n`.repeat(lines));
  const positions = locations.map((l) => (l.line - 1) * (width + 1) + (l.column - 1));
  return new GraphQLError(to.message, {
    source,
    positions,
    path: to.path,
    originalError: to.originalError,
    extensions: to.extensions,
  });
}
