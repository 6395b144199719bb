import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';

/** One gateway process, as `npm run dev` runs the sources (tsx), on a loopback port of its own. */
export interface GatewayProcess {
  /** Its `/graphql` URL. */
  url: string;
  /** Its base URL (`/metrics`, `/readyz`). */
  origin: string;
  /** Its stdout so far (JSON log lines). */
  logs(): string;
  /** Its stderr so far (nothing, normally). */
  errors(): string;
  /** Still running. */
  alive(): boolean;
  /** The log lines parsed (lines that are not JSON skipped). */
  logEntries(): Record<string, unknown>[];
  /** Sends the signal; resolves with the exit code and signal once the process is gone. */
  kill(signal: 'SIGKILL' | 'SIGTERM'): Promise<[number | null, string | null]>;
  /** The value of a metric without labels from `/metrics` (undefined when absent). */
  metric(name: string): Promise<number | undefined>;
}

export interface GatewayProcessesOptions {
  /** The upstream every process calls (a sandbox the test started). */
  upstreamUrl: string;
  /** The token used without an Authorization header (e.g. the sandbox's admin token). */
  fallbackToken?: string;
  /** Env of every process (e.g. REDIS_URL, SUBSCRIPTION_POLL_MS). */
  env?: Record<string, string>;
  /** Env of each process, by index: its length is the number of processes. */
  each: Record<string, string>[];
}

const READY = 'gateway ready';

async function startOne(env: Record<string, string>): Promise<GatewayProcess> {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main.ts'],
    { env: { PATH: process.env.PATH ?? '', ...env } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
  const kill = () => child.kill('SIGKILL');
  process.on('exit', kill);
  void exited.then(() => process.removeListener('exit', kill));
  // a whole line: the last one may still be arriving
  while (
    !stdout
      .split('\n')
      .slice(0, -1)
      .some((line) => line.includes(READY))
  ) {
    const next = await Promise.race([
      once(child.stdout, 'data').then(() => 'data'),
      exited.then(() => 'exit'),
    ]);
    if (next === 'exit') {
      throw new Error(`gateway exited before it was ready:\n${stdout}${stderr}`);
    }
  }
  const entries = () =>
    stdout.split('\n').flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  const url = String(entries().find((e) => String(e.msg).startsWith(READY))?.graphiql);
  const origin = new URL(url).origin;
  return {
    url,
    origin,
    logs: () => stdout,
    errors: () => stderr,
    alive: () => child.exitCode === null && child.signalCode === null,
    logEntries: entries,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
      }
      return exited;
    },
    async metric(name) {
      const text = await (await fetch(`${origin}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith(`${name} `));
      return line === undefined ? undefined : Number(line.slice(name.length + 1));
    },
  };
}

/**
 * N gateway processes against one upstream (and whatever REDIS_URL the env names), started
 * together. Every process still running is killed when the test process exits; call `stop()`
 * at the end of a test file.
 */
export async function startGatewayProcesses(options: GatewayProcessesOptions): Promise<{
  processes: GatewayProcess[];
  stop(): Promise<void>;
}> {
  const processes = await Promise.all(
    options.each.map((own) =>
      startOne({
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'info',
        UPSTREAM_RETRIES: '0',
        MEMBRANE_API_URL: options.upstreamUrl,
        ...(options.fallbackToken ? { MEMBRANE_API_TOKEN: options.fallbackToken } : {}),
        SHUTDOWN_GRACE_MS: '2000',
        ...options.env,
        ...own,
      }),
    ),
  );
  return {
    processes,
    async stop() {
      await Promise.all(processes.map((p) => p.kill('SIGKILL')));
    },
  };
}
