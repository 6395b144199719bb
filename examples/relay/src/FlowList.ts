import { type Environment, fetchQuery, graphql } from 'relay-runtime';
import FlowListFragment, {
  type FlowList_query$data,
  type FlowList_query$key,
} from './__generated__/FlowList_query.graphql.js';
import FlowListPaginationQuery, {
  type FlowListPaginationQuery as FlowListPaginationQueryType,
} from './__generated__/FlowListPaginationQuery.graphql.js';
import FlowListQueryArtifact, {
  type FlowListQuery as FlowListQueryType,
} from './__generated__/FlowListQuery.graphql.js';
import { compiled, readFragment } from './read-fragment.js';

/** A paginated list of flows: one Relay connection (`@connection`) grown a page at a time. */
export const FlowListQuery = compiled(
  FlowListQueryArtifact,
  () => graphql`
    query FlowListQuery($count: Int!) {
      ...FlowList_query @arguments(count: $count)
    }
  `,
);

export const FlowList = compiled(
  FlowListFragment,
  () => graphql`
    fragment FlowList_query on Query
    @refetchable(queryName: "FlowListPaginationQuery")
    @argumentDefinitions(count: { type: "Int!" }, cursor: { type: "String" }) {
      flows(first: $count, after: $cursor) @connection(key: "FlowList_flows") {
        edges {
          node {
            id
            ...FlowCard_flow
          }
        }
        pageInfo {
          endCursor
          hasNextPage
        }
      }
    }
  `,
);

/** Loads the first page; the result is the fragment reference a list component would get. */
export async function loadFlowList(
  environment: Environment,
  count: number,
): Promise<FlowList_query$key> {
  const data = await fetchQuery<FlowListQueryType>(environment, FlowListQuery, {
    count,
  }).toPromise();
  if (!data) {
    throw new Error('FlowListQuery: no data');
  }
  return data;
}

export function readFlowList(environment: Environment, ref: FlowList_query$key) {
  return readFragment<FlowList_query$data>(environment, FlowList, ref);
}

/** `loadNext(count)` of usePaginationFragment: the next page, appended to the same connection. */
export async function loadMoreFlows(
  environment: Environment,
  ref: FlowList_query$key,
  count: number,
): Promise<void> {
  const { flows } = readFlowList(environment, ref);
  await fetchQuery<FlowListPaginationQueryType>(environment, FlowListPaginationQuery, {
    count,
    cursor: flows.pageInfo.endCursor ?? null,
  }).toPromise();
}
