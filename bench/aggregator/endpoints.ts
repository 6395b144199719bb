import type { Get, Json } from './membrane-client.js';

/**
 * One hand-written endpoint per scenario: exactly the gateway's upstream calls (each distinct
 * GET once, every independent one at the same time) and exactly its `data`, nothing else.
 */
export type Endpoint = (get: Get, variables: Json) => Promise<Json>;

type Flow = Json & {
  id: string;
  name: string;
  integrationId?: string;
  connectionId?: string;
  userId?: string;
  tenantId?: string;
};

const at = (kind: string, id: string): string => `/${kind}/${encodeURIComponent(id)}`;

/** A related object by foreign key: the parent's embed when it carries one, else one GET. */
async function related(
  get: Get,
  kind: 'integrations' | 'connections' | 'customers',
  id: string | undefined,
  embed: unknown,
): Promise<Json | null> {
  if (embed && typeof embed === 'object') {
    return embed as Json;
  }
  return id === undefined ? null : get(at(kind, id));
}

const integrationOf = (get: Get, f: Flow) =>
  related(get, 'integrations', f.integrationId, f.integration);
const connectionOf = (get: Get, f: Flow) =>
  related(get, 'connections', f.connectionId, f.connection);
const userOf = (get: Get, f: Flow) => related(get, 'customers', f.userId ?? f.tenantId, f.user);

const name = (o: Json | null) => (o === null ? null : { name: o.name });
const idName = (o: Json | null) => (o === null ? null : { id: o.id, name: o.name });

const flowById = (get: Get, variables: Json) =>
  get(at('flows', String(variables.id))) as Promise<Flow>;

async function flowPage(get: Get, layer?: string): Promise<Flow[]> {
  const query = layer ? `?layer=${layer}&limit=50` : '?limit=50';
  return ((await get(`/flows${query}`)) as { items: Flow[] }).items;
}

const ENTITY_PATHS: Record<string, string> = {
  Flow: 'flows',
  Integration: 'integrations',
  Connection: 'connections',
  User: 'customers',
};

export const ENDPOINTS: Record<string, Endpoint> = {
  async '/s1-flow'(get, variables) {
    const f = await flowById(get, variables);
    return { flow: { id: f.id, name: f.name, state: f.state ?? null } };
  },

  async '/s2-flow-relations'(get, variables) {
    const f = await flowById(get, variables);
    const [integration, connection, user] = await Promise.all([
      integrationOf(get, f),
      connectionOf(get, f),
      userOf(get, f),
    ]);
    return {
      flow: {
        id: f.id,
        name: f.name,
        integration: idName(integration),
        connection: idName(connection),
        user: idName(user),
      },
    };
  },

  async '/s3-flows-integration'(get) {
    const flows = await flowPage(get);
    const nodes = await Promise.all(
      flows.map(async (f) => ({
        id: f.id,
        name: f.name,
        integration: name(await integrationOf(get, f)),
      })),
    );
    return { flows: { nodes } };
  },

  async '/s4-instances-relations'(get) {
    const flows = await flowPage(get, 'connection');
    const nodes = await Promise.all(
      flows.map(async (f) => {
        const [integration, connection, user] = await Promise.all([
          integrationOf(get, f),
          connectionOf(get, f),
          userOf(get, f),
        ]);
        return {
          id: f.id,
          name: f.name,
          integration: name(integration),
          connection: name(connection),
          user: name(user),
        };
      }),
    );
    return { flows: { nodes } };
  },

  async '/s5-entities'(get, variables) {
    const representations = variables.r as { __typename: string; id: string }[];
    const entities = await Promise.all(
      representations.map(async ({ __typename, id }) => {
        const entity = await get(at(ENTITY_PATHS[__typename] ?? 'unknown', id));
        return { __typename, id: entity.id, name: entity.name };
      }),
    );
    return { _entities: entities };
  },
};
