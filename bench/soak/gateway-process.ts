import { type Child, freePort, spawnNode } from '../processes.js';

/** The inspector's own lines on stderr (`--inspect`): expected, not a failure. */
const INSPECTOR_LINE =
  /^(Debugger listening on |Debugger attached\.|Debugger ending on |For help, see: |Waiting for the debugger)/;
/** Node's words for a crash or an unhandled error, in any output. */
const CRASH_WORDS = /unhandledRejection|uncaughtException|triggerUncaughtException|FATAL ERROR/i;

/** What the gateway's output says after the run. */
export interface GatewayLogs {
  /** JSON log lines by pino level (30 info, 40 warn, 50 error, 60 fatal). */
  byLevel: Record<string, number>;
  /** `msg` of warn-level lines, counted. */
  warnings: Record<string, number>;
  /** Lines at error or fatal level, or that are not JSON, or stderr lines (inspector's aside). */
  bad: string[];
  /** Lines with Node's words for a crash or an unhandled rejection. */
  crashLines: string[];
}

export interface GatewayProcess {
  child: Child;
  url: string;
  /** The inspector's WebSocket URL. */
  inspectorUrl: string;
  /** Set once the process has exited. */
  exit(): { code: number | null; signal: string | null } | undefined;
  logs(): GatewayLogs;
  /** SIGTERM (a graceful drain), then the exit code; SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<{ code: number | null; signal: string | null }>;
}

/**
 * The gateway as deployed (`node dist/main.js`, NODE_ENV=production, JSON logs) with the
 * inspector on a free loopback port, for the heap probe. All its output is kept and read after.
 */
export async function startGatewayProcess(env: Record<string, string>): Promise<GatewayProcess> {
  const port = await freePort();
  const child = spawnNode({
    name: 'gateway',
    args: ['--inspect=127.0.0.1:0', 'dist/main.js'],
    env: { HOST: '127.0.0.1', PORT: String(port), LOG_FORMAT: 'json', ...env },
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const collect = (into: string[]) => {
    let rest = '';
    return (chunk: Buffer) => {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      into.push(...lines.filter(Boolean));
    };
  };
  child.proc.stdout?.on('data', collect(stdout));
  child.proc.stderr?.on('data', collect(stderr));
  let exited: { code: number | null; signal: string | null } | undefined;
  child.proc.once('exit', (code, signal) => {
    exited = { code, signal };
  });
  const inspectorUrl = await until(30_000, 'the gateway inspector', () =>
    stderr.map((line) => /ws:\/\/\S+/.exec(line)?.[0]).find(Boolean),
  );
  const url = `http://127.0.0.1:${port}`;
  await until(30_000, 'the gateway', async () => {
    if (exited) {
      throw new Error(`the gateway exited while starting:\n${child.tail()}`);
    }
    const res = await fetch(`${url}/healthz`).catch(() => undefined);
    return res?.ok ? true : undefined;
  });
  return {
    child,
    url,
    inspectorUrl,
    exit: () => exited,
    logs: () => readLogs(stdout, stderr),
    async stop(graceMs = 15_000) {
      if (exited) {
        return exited;
      }
      const done = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
        child.proc.once('exit', (code, signal) => resolve({ code, signal })),
      );
      child.proc.kill('SIGTERM');
      const timer = setTimeout(() => child.proc.kill('SIGKILL'), graceMs);
      const result = await done;
      clearTimeout(timer);
      return result;
    },
  };
}

function readLogs(stdout: readonly string[], stderr: readonly string[]): GatewayLogs {
  const byLevel: Record<string, number> = {};
  const warnings: Record<string, number> = {};
  const bad: string[] = [];
  for (const line of stdout) {
    let entry: { level?: number; msg?: string } | undefined;
    try {
      entry = JSON.parse(line) as { level?: number; msg?: string };
    } catch {
      bad.push(line);
      continue;
    }
    const level = String(entry.level ?? '?');
    byLevel[level] = (byLevel[level] ?? 0) + 1;
    if (entry.level === 40) {
      const msg = entry.msg ?? '';
      warnings[msg] = (warnings[msg] ?? 0) + 1;
    } else if ((entry.level ?? 0) >= 50) {
      bad.push(line);
    }
  }
  bad.push(...stderr.filter((line) => !INSPECTOR_LINE.test(line)));
  const crashLines = [...stdout, ...stderr].filter((line) => CRASH_WORDS.test(line));
  return { byLevel, warnings, bad, crashLines };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(
  timeoutMs: number,
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    await sleep(20);
  }
  throw new Error(`${what}: not ready within ${timeoutMs} ms`);
}
