/** What GraphiQL opens with: runs as it is against the embedded sandbox (or any workspace). */
export const EXAMPLE_OPERATION = `# Membrane GraphQL gateway: flows with their integration, connection and tenant.
# Press the run button (or Ctrl+Enter). Each relation costs at most one upstream call per object.
query RecentFlows {
  flows(first: 5, layer: CONNECTION) {
    nodes {
      id
      name
      state
      integration { key name }
      connection { name connected }
      user { name }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;
