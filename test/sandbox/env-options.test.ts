import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SandboxEnvError, sandboxOptionsFromEnv } from '../../src/sandbox/env-options.js';

describe('sandboxOptionsFromEnv', () => {
  it('defaults to port 4010 and nothing else', () => {
    expect(sandboxOptionsFromEnv({})).toEqual({ port: 4010 });
  });

  it('reads every variable', () => {
    const options = sandboxOptionsFromEnv({
      SANDBOX_PORT: '0',
      SANDBOX_HOST: '0.0.0.0',
      SANDBOX_SEED: '42',
      SANDBOX_SCALE: '2.5',
      SANDBOX_EMBEDS: 'all',
      SANDBOX_SECRET: 's3cret',
      SANDBOX_LATENCY_MS: '15',
      SANDBOX_FLOW_RUN_STEP_MS: '50',
      SANDBOX_ERROR_RATE: '0.25',
      SANDBOX_FAULTS:
        '[{"kind":"status","status":429,"retryAfter":1,"path":"^/flows"},{"kind":"latency","ms":5}]',
    });
    expect(options).toEqual({
      port: 0,
      host: '0.0.0.0',
      seed: 42,
      scale: 2.5,
      embeds: 'all',
      workspaceSecret: 's3cret',
      latencyMs: 15,
      flowRunStepMs: 50,
      faults: [
        { kind: 'status', status: 429, retryAfter: 1, path: /^\/flows/ },
        { kind: 'latency', ms: 5 },
        { kind: 'status', status: 500, probability: 0.25 },
      ],
    });
  });

  it('names the variable in the error for bad values', () => {
    const cases: [Record<string, string>, string][] = [
      [{ SANDBOX_PORT: '70000' }, "SANDBOX_PORT must be an integer port 0–65535 (got '70000')"],
      [{ SANDBOX_SEED: 'x' }, "SANDBOX_SEED must be an integer (got 'x')"],
      [{ SANDBOX_SCALE: '0' }, "SANDBOX_SCALE must be a positive number (got '0')"],
      [{ SANDBOX_EMBEDS: 'some' }, "SANDBOX_EMBEDS must be 'refresh' or 'all' (got 'some')"],
      [
        { SANDBOX_LATENCY_MS: '-1' },
        "SANDBOX_LATENCY_MS must be a non-negative number of milliseconds (got '-1')",
      ],
      [
        { SANDBOX_FLOW_RUN_STEP_MS: 'soon' },
        "SANDBOX_FLOW_RUN_STEP_MS must be a non-negative number of milliseconds (got 'soon')",
      ],
      [
        { SANDBOX_ERROR_RATE: '2' },
        "SANDBOX_ERROR_RATE must be a number between 0 and 1 (got '2')",
      ],
      [
        { SANDBOX_FAULTS: '{' },
        'SANDBOX_FAULTS must be a JSON array of fault rules (invalid JSON)',
      ],
      [{ SANDBOX_FAULTS: '{}' }, 'SANDBOX_FAULTS must be a JSON array of fault rules'],
      [
        { SANDBOX_FAULTS: '[{"kind":"boom"}]' },
        'SANDBOX_FAULTS[0] must be an object with kind one of latency, status, reset, slow-headers, slow-body, truncated-body, invalid-json, invalid-shape',
      ],
      [
        { SANDBOX_FAULTS: '[{"kind":"latency"}]' },
        'SANDBOX_FAULTS[0].ms must be a non-negative number',
      ],
      [
        { SANDBOX_FAULTS: '[{"kind":"status","status":"x"}]' },
        'SANDBOX_FAULTS[0].status must be an HTTP status number',
      ],
      [
        { SANDBOX_FAULTS: '[{"kind":"reset","path":"("}]' },
        'SANDBOX_FAULTS[0].path is not a valid regular expression',
      ],
    ];
    for (const [env, message] of cases) {
      expect(() => sandboxOptionsFromEnv(env)).toThrow(new SandboxEnvError(message));
    }
  });

  it('makes `npm run sandbox` exit 1 with one clear line on a bad value', async () => {
    const run = promisify(execFile);
    const failure = await run('npx', ['tsx', 'src/sandbox/main.ts'], {
      env: { ...process.env, SANDBOX_EMBEDS: 'nope' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect('code' in failure && failure.code).toBe(1);
    expect('stderr' in failure && failure.stderr.trim()).toBe(
      "sandbox: SANDBOX_EMBEDS must be 'refresh' or 'all' (got 'nope')",
    );
  });
});

describe('npm run sandbox', () => {
  it('prints the URL, both tokens and a curl line, serves, and exits 0 on SIGTERM', async () => {
    const { spawn } = await import('node:child_process');
    // node itself (not npx), so SIGTERM reaches the sandbox process directly.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/main.ts'], {
      env: { ...process.env, SANDBOX_PORT: '0' },
    });
    let out = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('curl')) {
          resolve();
        }
      });
    });
    const url = /listening on (http:\/\/\S+)/.exec(out)?.[1] ?? '';
    const admin = /Admin token: {2}(\S+)/.exec(out)?.[1] ?? '';
    expect(/Tenant token: (\S+)/.test(out)).toBe(true);
    const res = await fetch(`${url}/integrations?limit=1`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(res.status).toBe(200);
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});
