import { commitMutation, type Environment, fetchQuery, graphql } from 'relay-runtime';
import FlowCardFragment, {
  type FlowCard_flow$data,
  type FlowCard_flow$key,
} from './__generated__/FlowCard_flow.graphql.js';
import FlowCardRefetchQuery, {
  type FlowCardRefetchQuery as FlowCardRefetchQueryType,
} from './__generated__/FlowCardRefetchQuery.graphql.js';
import FlowCardRenameMutationArtifact, {
  type FlowCardRenameMutation as FlowCardRenameMutationType,
} from './__generated__/FlowCardRenameMutation.graphql.js';
import { compiled, readFragment } from './read-fragment.js';

/** One flow, refetchable by its Node id (`@refetchable` on a type that implements Node). */
export const FlowCard = compiled(
  FlowCardFragment,
  () => graphql`
    fragment FlowCard_flow on Flow @refetchable(queryName: "FlowCardRefetchQuery") {
      nodeId
      id
      name
      enabled
      integration {
        id
        name
      }
    }
  `,
);

/** Renames a flow; it selects only the Node id, so the card shows the new name after a refetch. */
export const FlowCardRenameMutation = compiled(
  FlowCardRenameMutationArtifact,
  () => graphql`
    mutation FlowCardRenameMutation($selector: String!, $name: String!) {
      updateFlow(selector: $selector, input: { name: $name }) {
        id
      }
    }
  `,
);

export function readFlowCard(environment: Environment, ref: FlowCard_flow$key) {
  return readFragment<FlowCard_flow$data>(environment, FlowCard, ref);
}

export function renameFlow(environment: Environment, selector: string, name: string) {
  return new Promise<void>((resolve, reject) => {
    commitMutation<FlowCardRenameMutationType>(environment, {
      mutation: FlowCardRenameMutation,
      variables: { selector, name },
      onCompleted: (_, errors) =>
        errors?.length ? reject(new Error(errors.map((e) => e.message).join('; '))) : resolve(),
      onError: reject,
    });
  });
}

/** `refetch({})` of useRefetchableFragment: `node(id: <nodeId>)` with the fragment's fields. */
export async function refetchFlowCard(environment: Environment, ref: FlowCard_flow$key) {
  const { nodeId } = readFlowCard(environment, ref);
  await fetchQuery<FlowCardRefetchQueryType>(environment, FlowCardRefetchQuery, {
    nodeId,
  }).toPromise();
}
