/** What GraphiQL opens with: runs as it is against the embedded sandbox (or any workspace). */
export const EXAMPLE_OPERATION = `# Connection-level flows with their integration, connection,
# tenant and latest run. Run it with the ▶ button or Ctrl+Enter.
#
# Then run a flow and watch the run (ids from the answer):
#   mutation { runFlow(selector: "<flow id>") { id state } }
#   subscription { flowRun(id: "<run id>") { state } }
# or switch it off:
#   mutation {
#     updateFlow(selector: "<flow id>", input: { enabled: false }) { enabled }
#   }
# Run an action of a connection and read its output:
#   mutation {
#     runAction(selector: "<action id>", input: {}) { output log { status } }
#   }
query ConnectionFlows {
  flows(first: 3, layer: CONNECTION) {
    nodes {
      id
      name
      state
      enabled
      integration { key name }
      connection { name connected }
      user { name }
      runs(first: 1) { nodes { id state startTime } }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;
