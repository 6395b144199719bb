import { type ExecutionResult, GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * graphql-js's suggestion, always the end of its message: ` Did you mean "nodes"?`, `… "a",
 * "b", or "c"?`, ` Did you mean the enum value "READY"?` (validation and variable coercion).
 */
const SUGGESTION = / Did you mean [^?]*\?$/;

function withoutSuggestion(error: GraphQLError): GraphQLError {
  if (!SUGGESTION.test(error.message)) {
    return error;
  }
  return new GraphQLError(error.message.replace(SUGGESTION, ''), {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  });
}

/**
 * INTROSPECTION=false (design §10): `__schema` and `__type` fail validation (graphql-js's own
 * rule, so Yoga gives the error GRAPHQL_VALIDATION_FAILED like any other), and no error names a
 * field, argument, type or enum value the client did not write. `__typename` and the federation
 * `_service { sdl }` that routers read are untouched.
 */
export function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
      return ({ valid, result, setResult }) => {
        if (!valid) {
          setResult(result.map((e) => (e instanceof GraphQLError ? withoutSuggestion(e) : e)));
        }
      };
    },
    onExecute() {
      return {
        // variable coercion errors (an unknown enum value or input field) suggest names too
        onExecuteDone({ result, setResult }) {
          const { errors } = result as ExecutionResult;
          if (errors?.some((e) => SUGGESTION.test(e.message))) {
            setResult({ ...(result as ExecutionResult), errors: errors.map(withoutSuggestion) });
          }
        },
      };
    },
  };
}
