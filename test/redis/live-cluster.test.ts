import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WORKSPACE_SECRET, type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { signHs256 } from '../../src/sandbox/tokens.js';
import {
  type LiveClient,
  type LiveStream,
  sseClient,
  until,
  wsClient,
} from '../subscriptions/clients.js';
import { RUN_SUBSCRIPTION, type RunShape, runnableFlows } from '../subscriptions/fixtures.js';
import { type GatewayProcess, startGatewayProcesses } from '../support/gateway-processes.js';
import { startRedisServer, type TestRedis } from '../support/redis-server.js';

type RunStream = LiveStream<{ flowRun: RunShape }>;

const POLL_MS = 500;
const MAX = 30;
const PREFIX = 'test-live:';
const FINAL = ['COMPLETED', 'FAILED', 'STOPPED'];

/**
 * Three gateway processes, one sandbox (its flow runs move only when the test steps them), one
 * Redis: one poller per run in the cluster, whatever the number of replicas and subscribers.
 */
describe('live updates across replicas (REDIS_URL)', () => {
  let sandbox: Sandbox;
  let redis: TestRedis;
  let inspect: Redis;
  let processes: GatewayProcess[];
  let stopAll: () => Promise<void>;
  const started: (() => Promise<void>)[] = [];
  let tokenCount = 0;

  /** An admin token of its own: a credential of its own (its own subscription count). */
  const freshAdminToken = () =>
    signHs256(
      { workspaceKey: sandbox.data.workspaceKey, isAdmin: true, name: `test ${++tokenCount}` },
      DEFAULT_WORKSPACE_SECRET,
    );

  const startReplicas = async (count: number) => {
    const replicas = await startGatewayProcesses({
      upstreamUrl: sandbox.url,
      env: {
        REDIS_URL: redis.url,
        REDIS_KEY_PREFIX: PREFIX,
        SUBSCRIPTION_POLL_MS: String(POLL_MS),
        MAX_SUBSCRIPTIONS_PER_CREDENTIAL: String(MAX),
      },
      each: Array.from({ length: count }, () => ({})),
    });
    started.push(replicas.stop);
    for (const replica of replicas.processes) {
      await until(() => replica.logs().includes('Redis connected'), 'Redis', 15_000);
    }
    return replicas.processes;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ flowRunStepMs: 0 });
    redis = await startRedisServer();
    inspect = new Redis(redis.url);
    // the test's own client sees the Redis stop too
    inspect.on('error', () => {});
    processes = await startReplicas(3);
    stopAll = async () => {
      await Promise.all(started.map((stop) => stop()));
    };
  }, 60_000);

  afterAll(async () => {
    await stopAll?.();
    inspect?.disconnect();
    await redis?.stop();
    await sandbox?.close();
  });

  /** A new run of a runnable flow, started through the first replica. */
  async function newRun(token: string): Promise<string> {
    while (sandbox.flowRuns.pending() > 0) {
      sandbox.flowRuns.step();
    }
    const flow = runnableFlows(sandbox.data)[0];
    const res = await fetch(processes[0]?.url ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: 'mutation($s: String!) { runFlow(selector: $s) { id } }',
        variables: { s: flow?.id },
      }),
    });
    const body = (await res.json()) as { data: { runFlow: { id: string } } };
    return body.data.runFlow.id;
  }

  /** `perReplica` subscribers of the run on each replica, half over SSE, half over graphql-ws. */
  function subscribeAll(replicas: GatewayProcess[], token: string, id: string, perReplica: number) {
    const clients: LiveClient[] = [];
    const streams = replicas.map((replica) => {
      const sse = sseClient(replica.url, token);
      const ws = wsClient(replica.url, token);
      clients.push(sse, ws);
      return Array.from({ length: perReplica }, (_, i) =>
        (i % 2 ? ws : sse).subscribe(RUN_SUBSCRIPTION, { id }),
      ) as RunStream[];
    });
    return { streams, close: () => Promise.all(clients.map((c) => c.close().catch(() => {}))) };
  }

  /** One result from each stream: all the same run state (its state name), or all ended. */
  async function nextOfAll(streams: RunStream[]): Promise<string | undefined> {
    const results = await Promise.all(streams.map((s) => s.next()));
    if (results.every((r) => r === undefined)) {
      return undefined;
    }
    const runs = results.map((r) => {
      if (!r || r.errors) {
        throw new Error(`unexpected result ${JSON.stringify(r)}`);
      }
      return r.data?.flowRun;
    });
    expect(new Set(runs.map((run) => JSON.stringify(run))).size).toBe(1);
    return runs[0]?.state;
  }

  /** Steps the run and reads every stream until it ends: the states seen, terminal one last. */
  async function followToEnd(streams: RunStream[], first: string): Promise<string[]> {
    const states = [first];
    for (;;) {
      sandbox.flowRuns.step();
      const state = await nextOfAll(streams);
      if (state === undefined) {
        return states;
      }
      states.push(state);
      if (FINAL.includes(state)) {
        expect(await nextOfAll(streams)).toBe(undefined);
        return states;
      }
    }
  }

  const getsOf = (id: string) =>
    sandbox.requests.filter((r) => r.method === 'GET' && r.path === `/flow-runs/${id}`).length;
  const pollers = async (replicas: GatewayProcess[]) =>
    Promise.all(replicas.map((r) => r.metric('gateway_subscription_pollers_active')));
  const pollGets = async (replicas: GatewayProcess[]) =>
    Promise.all(replicas.map((r) => r.metric('gateway_upstream_calls_total{method="GET"}')));

  it('30 subscribers over three replicas see every state change, from the GETs of one poller; the bound holds across replicas', async () => {
    const token = freshAdminToken();
    const id = await newRun(token);
    const getsBefore = (await pollGets(processes)).map((n) => n ?? 0);
    const { streams, close } = subscribeAll(processes, token, id, MAX / 3);
    const all = streams.flat();
    const first = await nextOfAll(all);
    expect(first).toBe('QUEUED');

    // one poller, one lease (valid one and a half intervals), in the whole cluster
    expect((await pollers(processes)).sort()).toEqual([0, 0, 1]);
    const leases = await inspect.keys(`${PREFIX}live:lease:*`);
    expect(leases).toHaveLength(1);
    const ttl = await inspect.pttl(leases[0] ?? '');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual((POLL_MS / 2) * 3);

    // the bound: the next subscription is refused on every replica, before any call
    for (const replica of processes) {
      const extra = sseClient(replica.url, token);
      const refused = await extra.subscribe(RUN_SUBSCRIPTION, { id }).next();
      expect(refused?.errors?.map((e) => e.extensions?.code)).toEqual(['OPERATION_LIMIT']);
      await extra.close();
    }

    const states = await followToEnd(all, first ?? '');
    expect(states[0]).toBe('QUEUED');
    expect(states.at(-1)).toBe('COMPLETED');
    expect(states.length).toBeGreaterThan(2);

    // the sandbox saw the GETs of one replica's poller only
    const getsAfter = (await pollGets(processes)).map((n) => n ?? 0);
    const polled = getsAfter.map((n, i) => n - (getsBefore[i] ?? 0));
    expect(polled.filter((n) => n > 0)).toEqual([getsOf(id)]);
    await close();
  }, 60_000);

  it('a subscriber that joins on another replica later gets the run as it is now, at once, with no GET of its own', async () => {
    const token = freshAdminToken();
    const id = await newRun(token);
    const [first, second] = processes;
    const early = sseClient(first?.url ?? '', token);
    const earlyStream = early.subscribe(RUN_SUBSCRIPTION, { id }) as RunStream;
    expect((await earlyStream.next())?.data?.flowRun.state).toBe('QUEUED');
    sandbox.flowRuns.step();
    const now = (await earlyStream.next())?.data?.flowRun;
    expect(now?.state).toBe('RUNNING');
    const getsBefore = (await pollGets(processes)).map((n) => n ?? 0);
    const late = wsClient(second?.url ?? '', token);
    const lateStream = late.subscribe(RUN_SUBSCRIPTION, { id }) as RunStream;
    expect((await lateStream.next())?.data?.flowRun).toEqual(now);
    const getsAfter = (await pollGets(processes)).map((n) => n ?? 0);
    // the second replica made no GET: it follows the first one's poller
    expect((getsAfter[1] ?? 0) - (getsBefore[1] ?? 0)).toBe(0);
    const states = await followToEnd([earlyStream, lateStream], 'RUNNING');
    expect(states.at(-1)).toBe('COMPLETED');
    await Promise.all([early.close(), late.close()]);
  }, 60_000);

  it.each([
    ['SIGKILL', 'dies'],
    ['SIGTERM', 'drains'],
  ] as const)(
    '%s: when the polling replica %s, another takes over and no subscriber on the others misses the terminal state',
    async (signal, _what) => {
      const replicas =
        processes.length === 3
          ? processes
          : [...processes, ...(await startReplicas(3 - processes.length))];
      processes = replicas;
      const token = freshAdminToken();
      const id = await newRun(token);
      const { streams, close } = subscribeAll(replicas, token, id, MAX / 3);
      expect(await nextOfAll(streams.flat())).toBe('QUEUED');
      const counts = await pollers(replicas);
      const leader = counts.indexOf(1);
      expect(counts.filter((n) => n === 1)).toHaveLength(1);
      const survivors = replicas.filter((_, i) => i !== leader);
      const watching = streams.filter((_, i) => i !== leader).flat();

      await replicas[leader]?.kill(signal);
      processes = survivors;
      // the run moves on while nobody polls: a survivor's poller reads it
      sandbox.flowRuns.step();
      const next = await nextOfAll(watching);
      expect(next).not.toBe('QUEUED');
      expect((await pollers(survivors)).sort()).toEqual([0, 1]);
      const states = await followToEnd(watching, next ?? '');
      expect(states.at(-1)).toBe('COMPLETED');
      await close();
    },
    60_000,
  );

  it('Redis stopped mid-run: every replica polls for its own subscribers, nothing crashes; one poller again once Redis is back', async () => {
    const replicas =
      processes.length === 3
        ? processes
        : [...processes, ...(await startReplicas(3 - processes.length))];
    processes = replicas;
    const token = freshAdminToken();
    const id = await newRun(token);
    const { streams, close } = subscribeAll(replicas, token, id, 2);
    const all = streams.flat();
    expect(await nextOfAll(all)).toBe('QUEUED');
    expect((await pollers(replicas)).sort()).toEqual([0, 0, 1]);

    await redis.stop();
    await until(
      () => replicas.every((r) => r.logs().includes('Redis unavailable')),
      'every replica to see Redis go',
      15_000,
    );
    sandbox.flowRuns.step();
    expect(await nextOfAll(all)).toBe('RUNNING');
    expect(await pollers(replicas)).toEqual([1, 1, 1]);
    // a new subscription is still admitted (on the process's own count)
    const late = sseClient(replicas[1]?.url ?? '', token);
    const lateStream = late.subscribe(RUN_SUBSCRIPTION, { id }) as RunStream;
    expect((await lateStream.next())?.data?.flowRun.state).toBe('RUNNING');
    await lateStream.leave();
    await late.close();

    await redis.start();
    const pollersNow = async () => (await pollers(replicas)).sort().join(',');
    const deadline = Date.now() + 15_000;
    while ((await pollersNow()) !== '0,0,1' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await pollersNow()).toBe('0,0,1');
    const states = await followToEnd(all, 'RUNNING');
    expect(states.at(-1)).toBe('COMPLETED');
    expect(
      replicas.map((r) => r.logs().includes('Redis connected: replicas share live pollers')),
    ).toEqual([true, true, true]);
    await close();
  }, 60_000);
});
