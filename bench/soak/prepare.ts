import type { Client } from './client.js';
import type { Operation, Prepared } from './operation.js';

const query = (document: string): Operation => ({
  name: 'prepare',
  kind: 'read',
  document,
  token: 'admin',
  intended: [],
  weight: 0,
});

/** Reads, with no fault, what some operations need: opaque cursors and a flow run's id. */
export async function prepare(client: Client): Promise<Prepared> {
  const sent = await client.send(
    query(
      '{ users(first: 5) { pageInfo { endCursor } } flows(first: 10) { pageInfo { endCursor } } flowRuns(first: 1) { nodes { id } } }',
    ),
    'application/json',
    'soak-prepare',
  );
  if ('transportError' in sent) {
    throw new Error(`prepare: ${sent.transportError}`);
  }
  const { data } = JSON.parse(sent.body) as {
    data?: {
      users: { pageInfo: { endCursor: string } };
      flows: { pageInfo: { endCursor: string } };
      flowRuns: { nodes: { id: string }[] };
    };
  };
  const flowRunId = data?.flowRuns.nodes[0]?.id;
  if (data === undefined || flowRunId === undefined) {
    throw new Error(`prepare: unexpected answer ${sent.body.slice(0, 300)}`);
  }
  return {
    usersCursor: data.users.pageInfo.endCursor,
    flowsCursor: data.flows.pageInfo.endCursor,
    flowRunId,
  };
}
