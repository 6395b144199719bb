import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { GraphQLError } from 'graphql';

/** Armor's rejections carry no code; they get the contract's OPERATION_LIMIT (design §5). */
const withCode = (_: unknown, error: GraphQLError) => {
  (error.extensions as Record<string, unknown>).code = 'OPERATION_LIMIT';
};
const reject = { onReject: [withCode], propagateOnRejection: true };

/** Depth, alias, directive and token limits for every document, before execution. */
export function useOperationLimits() {
  return EnvelopArmorPlugin({
    maxDepth: { n: 12, ignoreIntrospection: true, ...reject },
    maxAliases: { n: 30, ...reject },
    maxDirectives: { n: 30, ...reject },
    maxTokens: { n: 3000, ...reject },
    // cost is governed by the upstream-call budget instead
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
}
