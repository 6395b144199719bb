/** What GraphiQL opens with: runs as it is against the embedded sandbox (or any workspace). */
export const EXAMPLE_OPERATION = `# Connection-level flows with their integration, connection and tenant.
# Run it with the ▶ button or Ctrl+Enter.
query ConnectionFlows {
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
