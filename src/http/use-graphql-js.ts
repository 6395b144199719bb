import { execute } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Operations execute on graphql-js itself. Yoga's default engine is graphql-tools' executor, a
 * fork with error extensions of its own (`OPERATION_RESOLUTION_FAILURE`): the contract and the
 * differential test are graphql-js semantics, exactly. (Subscriptions: `useSubscriptions`, on
 * graphql-js too.)
 */
export function useGraphQLJs(): Plugin {
  return {
    onExecute({ setExecuteFn }) {
      setExecuteFn(execute);
    },
  };
}
