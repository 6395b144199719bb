import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);

/**
 * The gateway as deployed (`npm run build` → `node dist/main.js`), built into a folder of its own.
 * The suite runs the sources through tsx, where Node loads one graphql; the bundle once held two
 * (graphql's `.mjs` and CommonJS files), and a syntax error became a 500 with a logged stack.
 */
describe('the built bundle (scripts/build.mjs)', () => {
  let dir: string;
  let child: ChildProcessWithoutNullStreams;
  let url: string;
  let stdout = '';
  let stderr = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-bundle-'));
    await run(process.execPath, ['scripts/build.mjs', dir]);
    // dist/*.js are ES modules because of package.json's "type"
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    child = spawn(process.execPath, [join(dir, 'main.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'info',
        LOG_FORMAT: 'json',
      },
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const ready = /"graphiql":"([^"]+)"/.exec(stdout);
        if (ready?.[1]) {
          resolve(ready[1]);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${stdout}${stderr}`)));
    });
  }, 60_000);

  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds one graphql: none of its CommonJS files', () => {
    // esbuild heads each bundled module with a `// node_modules/...` comment, in whichever chunk
    const modules = readdirSync(dir)
      .filter((name) => name.endsWith('.js'))
      .flatMap(
        (name) =>
          readFileSync(join(dir, name), 'utf8').match(/^\/\/ node_modules\/graphql\/.*$/gm) ?? [],
      );
    expect(modules).toContain('// node_modules/graphql/error/GraphQLError.mjs');
    expect(modules.filter((line) => !line.endsWith('.mjs'))).toEqual([]);
  });

  it('answers a syntax error with GRAPHQL_PARSE_FAILED, not a masked 500, and logs no error', async () => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ flows ' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      errors: [
        {
          message: 'Syntax Error: Expected Name, found <EOF>.',
          locations: [{ line: 1, column: 9 }],
          extensions: { code: 'GRAPHQL_PARSE_FAILED' },
        },
      ],
    });
    const levels = stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { level: number }).level);
    expect(levels.filter((level) => level >= 50)).toEqual([]);
    expect(stderr).toBe('');
  });
});
