import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext } from 'graphql';

/** Armor's rejections carry no code; they get the contract's OPERATION_LIMIT (design §5). */
const withCode = (error: GraphQLError) => {
  (error.extensions as Record<string, unknown>).code = 'OPERATION_LIMIT';
};

// Validation rules report the error like any validation error (a throw would abort validation
// with a generic message); the token limit runs in the parser, where throwing is the only way.
const report = {
  onReject: [
    (ctx: ValidationContext | null, error: GraphQLError) => {
      // armor prefixes every rejection with "Syntax Error: ", which these are not
      const message = error.message.replace(/^Syntax Error: /, '');
      ctx?.reportError(new GraphQLError(message, { extensions: { code: 'OPERATION_LIMIT' } }));
    },
  ],
  propagateOnRejection: false,
};
const raise = {
  onReject: [(_: unknown, error: GraphQLError) => withCode(error)],
  propagateOnRejection: true,
};

/** Depth, alias, directive and token limits for every document, before execution. */
export function useOperationLimits() {
  return EnvelopArmorPlugin({
    maxDepth: { n: 12, ignoreIntrospection: true, ...report },
    maxAliases: { n: 30, ...report },
    maxDirectives: { n: 30, ...report },
    maxTokens: { n: 3000, ...raise },
    // cost is governed by the upstream-call budget instead
    costLimit: { enabled: false },
    // INTROSPECTION=false hides suggestions instead (use-no-introspection.ts): armor's mask
    // misses graphql-js's enum form ("Did you mean the enum value …") and variable errors
    blockFieldSuggestion: { enabled: false },
  });
}
