import { type ASTNode, GraphQLError } from 'graphql';
import type { ErrorCode, RequestErrorCode } from '../errors.js';

/**
 * An error that refuses a request before execution, marked the way Yoga marks its own: `spec`
 * answers 200 under `application/json` and `status` under `application/graphql-response+json`
 * (GraphQL over HTTP: a request error has no data).
 */
export function requestError(
  message: string,
  code: ErrorCode | RequestErrorCode | 'BAD_REQUEST',
  status: number,
  options: {
    nodes?: readonly ASTNode[];
    extensions?: Record<string, unknown>;
    headers?: Record<string, string>;
  } = {},
): GraphQLError {
  const { nodes, extensions, headers } = options;
  return new GraphQLError(message, {
    nodes,
    extensions: { ...extensions, code, http: { spec: true, status, headers } },
  });
}
