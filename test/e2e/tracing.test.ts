import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OtlpReceiver, startOtlpReceiver } from '../support/otlp-receiver.js';

const TRACE = '5a1e0f0c1d2b3a4958677685a4b3c2d1';

/** `npm start`'s code, as a process, with the standard OTEL_* variables only. */
function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.resume();
  const url = (async () => {
    while (!stdout.includes('gateway ready')) {
      await once(child.stdout, 'data');
    }
    const line = stdout.split('\n').find((l) => l.includes('gateway ready'));
    return String(JSON.parse(line ?? '{}').graphiql);
  })();
  return { child, url, logs: () => stdout };
}

describe('OpenTelemetry in the process (OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  let receiver: OtlpReceiver;
  beforeAll(async () => {
    receiver = await startOtlpReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
  });

  it('exports OTLP/HTTP protobuf by default, and what is still buffered at SIGTERM goes out before the exit', async () => {
    // the batch delay is far longer than the test: only the shutdown's flush can deliver
    const { child, url, logs } = startMain({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_BSP_SCHEDULE_DELAY: '600000',
    });
    const exit = once(child, 'exit');
    const answer = await fetch(await url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        traceparent: `00-${TRACE}-00f067aa0ba902b7-01`,
      },
      body: JSON.stringify({ query: '{ integrations(first: 1) { nodes { key } } }' }),
    });
    expect(answer.status).toBe(200);
    expect(receiver.exports()).toEqual([]);
    child.kill('SIGTERM');
    expect(await exit).toEqual([0, null]);
    const [sent, ...more] = receiver.exports();
    expect(more).toEqual([]);
    expect(sent?.path).toBe('/v1/traces');
    expect(sent?.contentType).toBe('application/x-protobuf');
    // protobuf carries ids as raw bytes and names as UTF-8
    const body = sent?.body ?? Buffer.alloc(0);
    expect(body.includes(Buffer.from(TRACE, 'hex'))).toBe(true);
    for (const text of ['membrane-graphql-gateway', 'graphql.execute', 'GET /integrations']) {
      expect(body.includes(Buffer.from(text))).toBe(true);
    }
    expect(logs()).toContain('OpenTelemetry tracing on');
    // the access log line names the trace
    const line = logs()
      .split('\n')
      .find((l) => l.includes('"msg":"operation"'));
    expect(JSON.parse(line ?? '{}').traceId).toBe(TRACE);
  });

  it('OTEL_SDK_DISABLED=true: nothing starts, nothing is sent', async () => {
    const { child, url, logs } = startMain({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_SDK_DISABLED: 'true',
    });
    receiver.clear();
    const exit = once(child, 'exit');
    await fetch(await url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ integrations(first: 1) { nodes { key } } }' }),
    });
    child.kill('SIGTERM');
    expect(await exit).toEqual([0, null]);
    expect(receiver.exports()).toEqual([]);
    expect(logs()).not.toContain('OpenTelemetry');
  });
});
