import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** `npm start` as a process: node itself (not npm), so signals reach the gateway directly. */
function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return { child, output: () => ({ stdout, stderr }) };
}

async function waitForLine(child: ChildProcessWithoutNullStreams, text: string): Promise<string> {
  let seen = '';
  for await (const chunk of child.stdout) {
    seen += String(chunk);
    if (seen.includes(text)) {
      return seen;
    }
  }
  throw new Error(`process ended before printing "${text}":\n${seen}`);
}

describe('npm start (src/main.ts) on the embedded sandbox', () => {
  let started: ReturnType<typeof startMain>;
  let logs: Record<string, unknown>[];
  beforeAll(async () => {
    started = startMain({});
    const text = await waitForLine(started.child, 'embedded Membrane sandbox');
    logs = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
  });
  afterAll(() => {
    started.child.kill('SIGKILL');
  });

  it('logs the GraphiQL URL and the sandbox admin and tenant tokens', () => {
    const ready = logs.find((l) => l.msg === 'gateway ready: open GraphiQL');
    expect(ready?.graphiql).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    const sandbox = logs.find((l) => typeof l.adminToken === 'string');
    expect(sandbox?.sandbox).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(String(sandbox?.adminToken).split('.')).toHaveLength(3);
    expect(String(sandbox?.tenantToken).split('.')).toHaveLength(3);
  });

  it('answers without any Authorization header, through the admin fallback', async () => {
    const graphiql = String(logs.find((l) => l.graphiql)?.graphiql);
    const res = await fetch(graphiql, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ integrations(first: 2) { nodes { key } } }' }),
    });
    expect(await res.json()).toEqual({
      data: { integrations: { nodes: [{ key: 'pipedrive' }, { key: 'zendesk' }] } },
    });
  });

  it('scopes to the tenant when the logged tenant token is sent', async () => {
    const graphiql = String(logs.find((l) => l.graphiql)?.graphiql);
    const token = String(logs.find((l) => l.tenantToken)?.tenantToken);
    const res = await fetch(graphiql, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ users(first: 5) { nodes { id } } }' }),
    });
    const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    // a tenant may not list customers: the upstream's 403 becomes FORBIDDEN
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('shuts down on SIGTERM', async () => {
    const exit = once(started.child, 'exit');
    started.child.kill('SIGTERM');
    const [code] = await exit;
    expect(code).toBe(0);
  });
});

describe('npm start with a bad variable', () => {
  it.each([
    [
      'PORT',
      'not-a-port',
      'Invalid configuration:\nPORT: Invalid input: expected number, received NaN\n',
    ],
    [
      'MEMBRANE_API_URL',
      'ftp://example',
      'Invalid configuration:\nMEMBRANE_API_URL: Invalid URL\n',
    ],
    [
      'PERSISTED_OPERATIONS_MANIFEST',
      '/nonexistent/persisted-documents.json',
      'Invalid configuration:\nPERSISTED_OPERATIONS_MANIFEST: cannot read /nonexistent/persisted-documents.json (ENOENT)\n',
    ],
    [
      'PERSISTED_OPERATIONS',
      'require',
      'Invalid configuration:\nPERSISTED_OPERATIONS_MANIFEST: required when PERSISTED_OPERATIONS=require (the documents that may run)\n',
    ],
    [
      'SANDBOX_EMBEDS',
      'sometimes',
      "SANDBOX_EMBEDS must be 'refresh' or 'all' (got 'sometimes')\n",
    ],
  ])('stops with one message naming %s', async (name, value, message) => {
    const { child, output } = startMain({ [name]: value });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(output()).toEqual({ stdout: '', stderr: message });
  });
});
