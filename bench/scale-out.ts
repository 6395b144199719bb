// The scale-out figure (issue 13): upstream GETs per second for 30 subscribers of one flow run,
// with one replica and with three sharing a Redis (goal: equal), and three without Redis for
// contrast (one poller per replica). Opt-in: BENCH_SCALE_OUT=1 (after the modes) or =only.
import { startSandbox } from '../src/sandbox/index.js';
import { startRedisServer } from '../test/support/redis-server.js';
import { type Child, freePort, spawnNode } from './processes.js';

export interface ScaleOutFigure {
  replicas: number;
  redis: boolean;
  subscribers: number;
  seconds: number;
  /** GETs of the run the sandbox received in the window. */
  gets: number;
  getsPerSecond: number;
}

export interface ScaleOutOptions {
  /** Length of the measured window, s. */
  seconds: number;
  /** SUBSCRIPTION_POLL_MS of every replica. */
  pollMs: number;
  /** The gateway's entry file (dist/main.js after `npm run build`). */
  gatewayMain: string;
  log(message: string): void;
}

const SUBSCRIBERS = 30;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function answers(url: string, until: number): Promise<void> {
  while (Date.now() < until) {
    const ok = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
      signal: AbortSignal.timeout(1_000),
    }).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) {
      return;
    }
    await sleep(20);
  }
  throw new Error(`no gateway answer at ${url}`);
}

/** Opens an SSE subscription and resolves once its first event arrived. */
async function subscribe(url: string, runId: string, signal: AbortSignal): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({
      query: 'subscription($id: ID!) { flowRun(id: $id) { id state } }',
      variables: { id: runId },
    }),
    signal,
  });
  const reader = res.body?.getReader();
  let received = '';
  while (!received.includes('event: next')) {
    const chunk = await reader?.read();
    if (!chunk || chunk.done) {
      throw new Error(`subscription ended early: ${received}`);
    }
    received += new TextDecoder().decode(chunk.value);
  }
  // keep reading (and dropping) so the stream is not backed up
  void (async () => {
    for (;;) {
      const chunk = await reader?.read().catch(() => undefined);
      if (!chunk || chunk.done) {
        return;
      }
    }
  })();
}

/** One measurement: `replicas` gateways (with or without Redis), 30 subscribers over them. */
async function measureOne(
  options: ScaleOutOptions,
  upstream: {
    url: string;
    token: string;
    flowId: string;
    requests: { method: string; path: string }[];
  },
  replicas: number,
  redisUrl: string | undefined,
): Promise<ScaleOutFigure> {
  const children: Child[] = [];
  const urls: string[] = [];
  for (let i = 0; i < replicas; i += 1) {
    const port = await freePort();
    children.push(
      spawnNode({
        name: `gateway ${i + 1}/${replicas}`,
        args: [options.gatewayMain],
        env: {
          HOST: '127.0.0.1',
          PORT: String(port),
          MEMBRANE_API_URL: upstream.url,
          MEMBRANE_API_TOKEN: upstream.token,
          SUBSCRIPTION_POLL_MS: String(options.pollMs),
          LOG_LEVEL: 'warn',
          ...(redisUrl ? { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `bench-${replicas}:` } : {}),
        },
      }),
    );
    urls.push(`http://127.0.0.1:${port}/graphql`);
  }
  const stop = new AbortController();
  try {
    await Promise.all(urls.map((url) => answers(url, Date.now() + 30_000)));
    if (redisUrl) {
      // /readyz is 200 once Redis is connected too
      await Promise.all(
        urls.map(async (url) => {
          while ((await fetch(url.replace('/graphql', '/readyz'))).status !== 200) {
            await sleep(20);
          }
        }),
      );
    }
    const run = await fetch(urls[0] ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($s: String!) { runFlow(selector: $s) { id } }',
        variables: { s: upstream.flowId },
      }),
    });
    const runId = ((await run.json()) as { data: { runFlow: { id: string } } }).data.runFlow.id;
    await Promise.all(
      Array.from({ length: SUBSCRIBERS }, (_, i) =>
        subscribe(urls[i % urls.length] ?? '', runId, stop.signal),
      ),
    );
    // a few intervals for the leases to settle, then the window
    await sleep(options.pollMs * 3);
    const mark = upstream.requests.length;
    await sleep(options.seconds * 1000);
    const gets = upstream.requests
      .slice(mark)
      .filter((r) => r.method === 'GET' && r.path === `/flow-runs/${runId}`).length;
    const figure = {
      replicas,
      redis: redisUrl !== undefined,
      subscribers: SUBSCRIBERS,
      seconds: options.seconds,
      gets,
      getsPerSecond: gets / options.seconds,
    };
    options.log(
      `scale-out: ${replicas} replica(s)${redisUrl ? ' + Redis' : ', no Redis'}: ${figure.getsPerSecond.toFixed(2)} GET/s of the run (${gets} in ${options.seconds} s)`,
    );
    return figure;
  } finally {
    stop.abort();
    await Promise.all(
      children.map(async (child) => {
        if (child.proc.exitCode === null && child.proc.signalCode === null) {
          const exited = new Promise((resolve) => child.proc.once('exit', resolve));
          child.proc.kill('SIGTERM');
          await exited;
        }
      }),
    );
  }
}

/**
 * Its own sandbox (runs that stay queued for the whole window, so every poll is a GET of a run
 * that is still live) and its own Redis (Debian's `redis-server`).
 */
export async function measureScaleOut(options: ScaleOutOptions): Promise<ScaleOutFigure[]> {
  const sandbox = await startSandbox({ flowRunStepMs: 3_600_000, requestLogLimit: 1_000_000 });
  const redis = await startRedisServer();
  try {
    const flow = sandbox.data.flows.find(
      (f) =>
        f.connectionId !== undefined &&
        f.archivedAt === undefined &&
        f.state === 'READY' &&
        !f.isReadOnly &&
        Object.keys(f.nodes ?? {}).length > 0,
    );
    if (!flow) {
      throw new Error('the sandbox has no runnable flow');
    }
    const upstream = {
      url: sandbox.url,
      token: sandbox.tokens.admin,
      flowId: flow.id,
      requests: sandbox.requests,
    };
    return [
      await measureOne(options, upstream, 1, redis.url),
      await measureOne(options, upstream, 3, redis.url),
      await measureOne(options, upstream, 3, undefined),
    ];
  } finally {
    await redis.stop();
    await sandbox.close();
  }
}
