import { type Environment, fetchQuery, graphql } from 'relay-runtime';
import ConnectionRunsFragment, {
  type ConnectionRuns_connection$data,
  type ConnectionRuns_connection$key,
} from './__generated__/ConnectionRuns_connection.graphql.js';
import ConnectionRunsPaginationQuery, {
  type ConnectionRunsPaginationQuery as ConnectionRunsPaginationQueryType,
} from './__generated__/ConnectionRunsPaginationQuery.graphql.js';
import ConnectionRunsQueryArtifact, {
  type ConnectionRunsQuery as ConnectionRunsQueryType,
} from './__generated__/ConnectionRunsQuery.graphql.js';
import { compiled, readFragment } from './read-fragment.js';

/** A nested paginated list: a connection's flow runs, paged through the Connection's Node id. */
export const ConnectionRunsQuery = compiled(
  ConnectionRunsQueryArtifact,
  () => graphql`
    query ConnectionRunsQuery($id: ID!, $count: Int!) {
      connection(id: $id) {
        ...ConnectionRuns_connection @arguments(count: $count)
      }
    }
  `,
);

export const ConnectionRuns = compiled(
  ConnectionRunsFragment,
  () => graphql`
    fragment ConnectionRuns_connection on Connection
    @refetchable(queryName: "ConnectionRunsPaginationQuery")
    @argumentDefinitions(count: { type: "Int!" }, cursor: { type: "String" }) {
      nodeId
      id
      name
      flowRuns(first: $count, after: $cursor) @connection(key: "ConnectionRuns_flowRuns") {
        edges {
          node {
            id
            state
            flow {
              ...FlowCard_flow
            }
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

export async function loadConnectionRuns(
  environment: Environment,
  id: string,
  count: number,
): Promise<ConnectionRuns_connection$key> {
  const data = await fetchQuery<ConnectionRunsQueryType>(environment, ConnectionRunsQuery, {
    id,
    count,
  }).toPromise();
  if (!data?.connection) {
    throw new Error(`ConnectionRunsQuery: no connection ${id}`);
  }
  return data.connection;
}

export function readConnectionRuns(environment: Environment, ref: ConnectionRuns_connection$key) {
  return readFragment<ConnectionRuns_connection$data>(environment, ConnectionRuns, ref);
}

/** `loadNext(count)` of usePaginationFragment on a nested list: `node(id:)` then `flowRuns`. */
export async function loadMoreRuns(
  environment: Environment,
  ref: ConnectionRuns_connection$key,
  count: number,
): Promise<void> {
  const connection = readConnectionRuns(environment, ref);
  await fetchQuery<ConnectionRunsPaginationQueryType>(environment, ConnectionRunsPaginationQuery, {
    nodeId: connection.nodeId,
    count,
    cursor: connection.flowRuns.pageInfo.endCursor ?? null,
  }).toPromise();
}
