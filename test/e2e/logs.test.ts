import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

/** `npm start`'s code on the embedded sandbox; its whole output, until it exits. */
async function runMain(
  env: Record<string, string>,
  work: (url: string, tokens: { admin: string; tenant: string }) => Promise<void>,
) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  while (!/GraphiQL +http|"graphiql"/.test(out)) {
    await once(child.stdout, 'data');
  }
  while (!/Tenant token|"tenantToken"/.test(out)) {
    await once(child.stdout, 'data');
  }
  const url = /(http:\/\/127\.0\.0\.1:\d+\/graphql)/.exec(out)?.[1] ?? '';
  await work(url, tokensIn(out));
  const exit = once(child, 'exit');
  child.kill('SIGTERM');
  await exit;
  return out;
}

const post = (url: string, query: string, token?: string) =>
  fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query }),
  }).then((res) => res.json());

const tokensIn = (out: string) => ({
  admin: /"adminToken":"([^"]+)"|Admin token +(\S+)/.exec(out)?.slice(1).find(Boolean) ?? '',
  tenant: /"tenantToken":"([^"]+)"|Tenant token +(\S+)/.exec(out)?.slice(1).find(Boolean) ?? '',
});

describe('logs', () => {
  it('JSON at trace level: one line per operation, and no token outside the sandbox banner line', async () => {
    const out = await runMain({ LOG_LEVEL: 'trace' }, async (url, tokens) => {
      await post(url, 'query Names { integrations(first: 1) { nodes { key } } }', tokens.admin);
      await post(url, 'query Missing { flow(selector: "nope") { id } }', tokens.tenant);
      // refused before execution: still one line each, with their codes
      await post(url, 'query Typo { flw { id } }', tokens.admin);
      await post(url, '{ flow(', tokens.admin);
    });
    const lines = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const { admin, tenant } = tokensIn(out);
    expect(admin.split('.')).toHaveLength(3);
    expect(tenant.split('.')).toHaveLength(3);
    const operations = lines
      .filter((l) => l.msg === 'operation')
      .map(({ time: _t, pid: _p, hostname: _h, requestId, ms, ...rest }) => {
        expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
        expect(typeof ms).toBe('number');
        return rest;
      });
    expect(operations).toEqual([
      {
        level: 30,
        msg: 'operation',
        operationName: 'Names',
        type: 'query',
        upstreamCalls: 1,
        errors: [],
        status: 200,
      },
      {
        level: 30,
        msg: 'operation',
        operationName: 'Missing',
        type: 'query',
        upstreamCalls: 1,
        errors: ['NOT_FOUND'],
        status: 200,
      },
      {
        level: 30,
        msg: 'operation',
        upstreamCalls: 0,
        errors: ['GRAPHQL_VALIDATION_FAILED'],
        status: 200,
      },
      {
        level: 30,
        msg: 'operation',
        upstreamCalls: 0,
        errors: ['GRAPHQL_PARSE_FAILED'],
        status: 200,
      },
    ]);
    const withToken = lines.filter((l) => {
      const text = JSON.stringify(l);
      return text.includes(admin) || text.includes(tenant);
    });
    expect(withToken.map((l) => l.msg)).toEqual([
      expect.stringMatching(/^embedded Membrane sandbox/),
    ]);
  });

  it('a subscription writes one operation line when the server ends it, and no token anywhere else', async () => {
    const out = await runMain(
      { LOG_LEVEL: 'trace', SANDBOX_FLOW_RUN_STEP_MS: '20', SUBSCRIPTION_POLL_MS: '20' },
      async (url, tokens) => {
        const flows = (await post(
          url,
          '{ flows(first: 50, layer: CONNECTION) { nodes { id state nodes } } }',
          tokens.admin,
        )) as { data: { flows: { nodes: { id: string; state: string; nodes: unknown }[] } } };
        const flow = flows.data.flows.nodes.find((f) => f.state === 'READY' && f.nodes);
        const run = (await post(
          url,
          `mutation { runFlow(selector: "${flow?.id}") { id } }`,
          tokens.admin,
        )) as { data: { runFlow: { id: string } } };
        const res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'text/event-stream',
            authorization: `Bearer ${tokens.admin}`,
          },
          body: JSON.stringify({
            query: `subscription WatchRun { flowRun(id: "${run.data.runFlow.id}") { state } }`,
          }),
        });
        const stream = await res.text();
        expect(stream).toContain('"state":"COMPLETED"');
        expect(stream).toContain('event: complete');
      },
    );
    const lines = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const watched = lines.filter((l) => l.msg === 'operation' && l.type === 'subscription');
    expect(
      watched.map(({ operationName, errors, status }) => ({ operationName, errors, status })),
    ).toEqual([{ operationName: 'WatchRun', errors: [], status: 200 }]);
    const { admin, tenant } = tokensIn(out);
    const carrying = lines.filter(
      (l) => JSON.stringify(l).includes(admin) || JSON.stringify(l).includes(tenant),
    );
    expect(carrying.map((l) => l.msg)).toEqual([
      expect.stringContaining('embedded Membrane sandbox'),
    ]);
  });

  it('pretty on request (as on a terminal): each token on its own banner line, in no other line', async () => {
    const out = await runMain({ LOG_FORMAT: 'pretty', LOG_LEVEL: 'trace' }, async (url, tokens) => {
      await post(url, '{ integrations(first: 1) { nodes { key } } }', tokens.tenant);
    });
    const { admin, tenant } = tokensIn(out);
    expect(admin.split('.')).toHaveLength(3);
    const lines = out.split('\n');
    expect(lines.filter((l) => l.includes(admin))).toEqual([`  Admin token   ${admin}`]);
    expect(lines.filter((l) => l.includes(tenant))).toEqual([
      `  Tenant token  ${tenant}  (tenant scoping)`,
    ]);
    expect(lines.some((l) => /^ {2}GraphiQL {6}http:\/\/127\.0\.0\.1:\d+\/graphql$/.test(l))).toBe(
      true,
    );
    expect(out).toMatch(/INFO.*operation/);
  });
});
