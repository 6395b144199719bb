import { Environment, Network, RecordSource, Store } from 'relay-runtime';

/**
 * A Relay environment for the gateway. Relay's store keys records by the Node id: here that is
 * `nodeId` (relay.config.json `schemaConfig.nodeInterfaceIdField`), because `id` is the
 * Membrane id, unique only within a type. Objects without one (edges, page info) get Relay's
 * path-based ids.
 */
export function createEnvironment(url: string, token?: string): Environment {
  const network = Network.create(async (operation, variables) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token && { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify({ query: operation.text, operationName: operation.name, variables }),
    });
    return response.json();
  });
  return new Environment({
    network,
    store: new Store(new RecordSource()),
    getDataID: (value) => (value as { nodeId?: string }).nodeId,
  });
}
