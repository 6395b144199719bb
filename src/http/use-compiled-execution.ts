import { useGraphQlJit } from '@envelop/graphql-jit';

/**
 * Executes operations through graphql-jit: each document is compiled once and then runs without
 * graphql-js's per-field interpretation, which is much of the gateway's CPU on list pages.
 */
export function useCompiledExecution() {
  return useGraphQlJit();
}
