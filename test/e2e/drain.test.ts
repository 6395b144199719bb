import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';

/** The process as `npm start` runs its code, on the embedded sandbox made slow. */
function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.resume();
  return { child, logs: () => stdout };
}

async function graphqlUrl(child: ChildProcessWithoutNullStreams, logs: () => string) {
  while (!logs().includes('gateway ready')) {
    await once(child.stdout, 'data');
  }
  const line = logs()
    .split('\n')
    .find((l) => l.includes('gateway ready'));
  return String(JSON.parse(line ?? '{}').graphiql);
}

const QUERY = JSON.stringify({ query: '{ integrations(first: 1) { nodes { key } } }' });
const ask = (url: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: QUERY });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('graceful drain on SIGTERM (SHUTDOWN_GRACE_MS)', () => {
  it('an operation in flight is answered, new connections are refused, then the process exits 0', async () => {
    const { child, logs } = startMain({ SANDBOX_LATENCY_MS: '1500', SHUTDOWN_GRACE_MS: '20000' });
    const url = await graphqlUrl(child, logs);
    const exit = once(child, 'exit');
    const inFlight = ask(url);
    await sleep(300);
    child.kill('SIGTERM');
    await sleep(200);
    await expect(ask(url)).rejects.toThrow();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.headers.get('connection')).toBe('close');
    expect(await answer.json()).toEqual({
      data: { integrations: { nodes: [{ key: 'pipedrive' }] } },
    });
    expect(await exit).toEqual([0, null]);
    expect(logs()).toContain('draining: operations in flight finish');
    expect(logs()).not.toContain('grace period over');
  });

  it('past the grace period the remaining connections are closed, and the exit is still 0', async () => {
    const { child, logs } = startMain({ SANDBOX_LATENCY_MS: '4000', SHUTDOWN_GRACE_MS: '300' });
    const url = await graphqlUrl(child, logs);
    const exit = once(child, 'exit');
    const inFlight = ask(url).then(
      () => 'answered',
      () => 'connection closed',
    );
    await sleep(300);
    child.kill('SIGTERM');
    expect(await inFlight).toBe('connection closed');
    expect(await exit).toEqual([0, null]);
    expect(logs()).toContain('grace period over');
  });

  it('open subscriptions (SSE and graphql-ws) do not hold the exit back: cut, then exit 0', async () => {
    const { child, logs } = startMain({ SHUTDOWN_GRACE_MS: '20000', SUBSCRIPTION_POLL_MS: '50' });
    const url = await graphqlUrl(child, logs);
    const exit = once(child, 'exit');
    const first = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ flows(first: 1) { nodes { id } } }' }),
    });
    const { data } = (await first.json()) as { data: { flows: { nodes: { id: string }[] } } };
    const id = data.flows.nodes[0]?.id;
    const subscription = `subscription { flow(selector: "${id}") { id } }`;
    const sse = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: subscription }),
    });
    const reader = sse.body?.getReader();
    let received = '';
    while (!received.includes('event: next')) {
      const chunk = await reader?.read();
      received += new TextDecoder().decode(chunk?.value);
    }
    const ws = createClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    const overWs = ws.iterate({ query: subscription });
    expect((await overWs.next()).value).toEqual({ data: { flow: { id } } });
    child.kill('SIGTERM');
    await expect(overWs.next()).rejects.toMatchObject({ code: 1001 });
    await expect(
      (async () => {
        for (;;) {
          const chunk = await reader?.read();
          if (chunk?.done) {
            return 'ended';
          }
        }
      })(),
    ).rejects.toThrow();
    expect(await exit).toEqual([0, null]);
    expect(logs()).not.toContain('grace period over');
    await ws.dispose();
  });

  it('a second signal exits at once', async () => {
    const { child, logs } = startMain({ SANDBOX_LATENCY_MS: '4000', SHUTDOWN_GRACE_MS: '20000' });
    const url = await graphqlUrl(child, logs);
    const exit = once(child, 'exit');
    const inFlight = ask(url).catch(() => undefined);
    await sleep(300);
    child.kill('SIGTERM');
    await sleep(200);
    child.kill('SIGINT');
    expect(await exit).toEqual([1, null]);
    expect(logs()).toContain('second signal: exiting at once');
    await inFlight;
  });
});
