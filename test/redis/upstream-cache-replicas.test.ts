import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { type GatewayProcess, startGatewayProcesses } from '../support/gateway-processes.js';
import { startRedisServer, type TestRedis } from '../support/redis-server.js';

// Two gateway processes (A, B) share one Redis and one sandbox, with the upstream cache on for
// integrations and flows (connections and customers stay uncached) and APQ allowed. A third
// (PLAIN) has neither Redis nor the cache: the answers every cached read must equal.

const FLOWS_WITH_LOGOS =
  '{ flows(first: 20) { nodes { id name integration { id name logoUri } } } }';
/** Cached, and different for each tenant (its own connection to each integration). */
const CATALOG = '{ integrations(first: 10) { nodes { id key name connection { id name } } } }';
const QUERIES = [
  FLOWS_WITH_LOGOS,
  CATALOG,
  '{ users(first: 5) { nodes { id name } } }',
  '{ connections(first: 5) { nodes { id name integration { id name } } } }',
];
const FLOW = 'query($s: String!) { flow(selector: $s) { id name } }';
const RENAME = `mutation($s: String!, $name: String!) {
  updateFlow(selector: $s, input: { name: $name }) { id name }
}`;

type Body = { data?: unknown; errors?: unknown[] };

async function ask(
  gateway: GatewayProcess,
  body: Record<string, unknown>,
  token?: string,
): Promise<Body> {
  const res = await fetch(gateway.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Body;
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > 15_000) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const readyz = async (gateway: GatewayProcess) => (await fetch(`${gateway.origin}/readyz`)).status;

describe('the upstream cache and APQ across replicas (REDIS_URL)', () => {
  let sandbox: Sandbox;
  let redis: TestRedis;
  let a: GatewayProcess;
  let b: GatewayProcess;
  let plain: GatewayProcess;
  let stop: () => Promise<void>;
  let tokens: string[];
  const calls = () => sandbox.requests.map((r) => `${r.method} ${r.path}`);

  beforeAll(async () => {
    sandbox = await startSandbox();
    redis = await startRedisServer();
    const shared = {
      REDIS_URL: redis.url,
      UPSTREAM_CACHE_TTL_MS: '60000',
      UPSTREAM_CACHE_RESOURCES: 'integrations,flows',
      PERSISTED_OPERATIONS: 'allow',
    };
    const started = await startGatewayProcesses({
      upstreamUrl: sandbox.url,
      fallbackToken: sandbox.tokens.admin,
      each: [shared, shared, {}],
    });
    [a, b, plain] = started.processes as [GatewayProcess, GatewayProcess, GatewayProcess];
    stop = started.stop;
    // the admin, and three tenants with flows of their own
    const owners = new Set(sandbox.data.flows.map((f) => f.userId));
    const tenants = sandbox.data.customers.filter((c) => owners.has(c.id)).slice(0, 3);
    expect(tenants).toHaveLength(3);
    tokens = [sandbox.tokens.admin, ...tenants.map((c) => sandbox.tokens.forTenant(c.internalId))];
    await until(async () => (await readyz(a)) === 200 && (await readyz(b)) === 200, 'Redis');
  }, 60_000);
  afterAll(async () => {
    await stop?.();
    await redis?.stop();
    await sandbox?.close();
  });

  it('an APQ hash registered on A runs by hash alone on B', async () => {
    const query = '{ integrations(first: 2) { nodes { key } } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const persistedQuery = { version: 1, sha256Hash };
    expect((await ask(b, { extensions: { persistedQuery } })).errors).toMatchObject([
      { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
    ]);
    const registered = await ask(a, { query, extensions: { persistedQuery } });
    expect(registered.errors).toBeUndefined();
    expect(await ask(b, { extensions: { persistedQuery } })).toEqual(registered);
  });

  it('a second identical read on the other replica: no call for a cached resource, one for an uncached one', async () => {
    const integration = sandbox.data.integrations[1];
    const user = sandbox.data.customers[1];
    const INTEGRATION = 'query($s: String!) { integration(selector: $s) { id name logoUri } }';
    const USER = 'query($id: ID!) { user(id: $id) { id name } }';
    sandbox.clearRequests();
    const first = await ask(a, { query: INTEGRATION, variables: { s: integration?.id } });
    expect(calls()).toEqual([`GET /integrations/${integration?.id}`]);
    sandbox.clearRequests();
    expect(await ask(b, { query: INTEGRATION, variables: { s: integration?.id } })).toEqual(first);
    expect(calls()).toEqual([]);
    // B's access-log line says the cache served it
    await until(async () => b.logs().includes('"upstreamCacheHits"'), 'the access log line');
    const line = b
      .logEntries()
      .filter((e) => e.msg === 'operation')
      .at(-1);
    expect(line).toMatchObject({ upstreamCalls: 0, upstreamCacheHits: 1, errors: [] });
    const firstUser = await ask(a, { query: USER, variables: { id: user?.id } });
    sandbox.clearRequests();
    expect(await ask(b, { query: USER, variables: { id: user?.id } })).toEqual(firstUser);
    expect(calls()).toEqual([`GET /customers/${user?.id}`]);
  });

  it('a page of 20 flows read again on B costs only the page', async () => {
    await ask(a, { query: FLOWS_WITH_LOGOS });
    sandbox.clearRequests();
    const again = await ask(b, { query: FLOWS_WITH_LOGOS });
    expect(again).toEqual(await ask(plain, { query: FLOWS_WITH_LOGOS }));
    // B's own read (flows cached by A: nothing), then PLAIN's page and integrations
    expect(calls().filter((c) => c.startsWith('GET /integrations/')).length).toBeGreaterThan(1);
    sandbox.clearRequests();
    await ask(b, { query: FLOWS_WITH_LOGOS });
    expect(calls()).toEqual([]);
  });

  it('after a mutation through A, a read through B sees the change', async () => {
    const flow = sandbox.data.flows.find((f) => !f.archivedAt);
    await ask(a, { query: FLOW, variables: { s: flow?.id } });
    await ask(b, { query: FLOW, variables: { s: flow?.id } });
    for (const name of ['Renamed on A', 'Renamed again on A']) {
      const renamed = await ask(a, { query: RENAME, variables: { s: flow?.id, name } });
      expect(renamed).toEqual({ data: { updateFlow: { id: flow?.id, name } } });
      sandbox.clearRequests();
      expect(await ask(b, { query: FLOW, variables: { s: flow?.id } })).toEqual({
        data: { flow: { id: flow?.id, name } },
      });
      expect(calls()).toEqual([`GET /flows/${flow?.id}`]);
    }
  });

  /** Every query for every token, on both cached replicas, concurrently; compared to PLAIN's. */
  async function underLoad(during?: () => Promise<void>): Promise<number> {
    const expected = new Map<string, Body>();
    for (const token of tokens) {
      for (const query of QUERIES) {
        expected.set(`${token} ${query}`, await ask(plain, { query }, token));
      }
    }
    // the tenants see different data: a shared entry would show
    const pages = tokens.map((t) => JSON.stringify(expected.get(`${t} ${CATALOG}`)));
    expect(new Set(pages).size).toBe(tokens.length);
    const jobs = Array.from({ length: 4 }, () =>
      tokens.flatMap((token) => QUERIES.map((query) => ({ token, query }))),
    ).flat();
    const answers = Promise.all(
      jobs.map(async ({ token, query }, i) => ({
        key: `${token} ${query}`,
        body: await ask(i % 2 === 0 ? a : b, { query }, token),
      })),
    );
    await during?.();
    let crossTenant = 0;
    for (const { key, body } of await answers) {
      if (JSON.stringify(body) !== JSON.stringify(expected.get(key))) {
        crossTenant += 1;
      }
    }
    return crossTenant;
  }

  it('tenant isolation under concurrent load across replicas: every answer is its own', async () => {
    expect(await underLoad()).toBe(0);
    expect(await underLoad()).toBe(0);
  });

  it('Redis stopped mid-run: reads answer correctly uncached; caching and APQ come back with it', async () => {
    expect(await underLoad(() => redis.stop())).toBe(0);
    await until(async () => (await readyz(a)) === 503 && (await readyz(b)) === 503, 'down');
    // uncached now: each read goes upstream
    const integration = sandbox.data.integrations[2];
    const INTEGRATION = 'query($s: String!) { integration(selector: $s) { id name } }';
    sandbox.clearRequests();
    await ask(a, { query: INTEGRATION, variables: { s: integration?.id } });
    await ask(b, { query: INTEGRATION, variables: { s: integration?.id } });
    expect(calls()).toEqual([
      `GET /integrations/${integration?.id}`,
      `GET /integrations/${integration?.id}`,
    ]);
    // a write while down is still answered, and B never serves what it replaced
    const flow = sandbox.data.flows.find((f) => !f.archivedAt);
    const renamed = await ask(a, { query: RENAME, variables: { s: flow?.id, name: 'While down' } });
    expect(renamed.errors).toBeUndefined();
    expect(await ask(b, { query: FLOW, variables: { s: flow?.id } })).toEqual({
      data: { flow: { id: flow?.id, name: 'While down' } },
    });
    expect(await underLoad()).toBe(0);

    await redis.start();
    await until(async () => (await readyz(a)) === 200 && (await readyz(b)) === 200, 'back');
    await ask(a, { query: INTEGRATION, variables: { s: integration?.id } });
    sandbox.clearRequests();
    await ask(b, { query: INTEGRATION, variables: { s: integration?.id } });
    expect(calls()).toEqual([]);
    expect(await ask(b, { query: FLOW, variables: { s: flow?.id } })).toEqual({
      data: { flow: { id: flow?.id, name: 'While down' } },
    });
    const query = '{ integrations(first: 3) { nodes { key } } }';
    const persistedQuery = {
      version: 1,
      sha256Hash: createHash('sha256').update(query).digest('hex'),
    };
    const registered = await ask(a, { query, extensions: { persistedQuery } });
    expect(await ask(b, { extensions: { persistedQuery } })).toEqual(registered);
    expect(await underLoad()).toBe(0);
  }, 60_000);
});
