// Child process: the Membrane sandbox, kept out of the driver so autocannon's event loop
// and the sandbox's CPU do not disturb each other. Talks to the driver over IPC.
import { startSandbox } from '../src/sandbox/index.js';
import type { RecordedRequest } from '../src/sandbox/types.js';
import type { SandboxChildOptions, SandboxReply, SandboxRequest } from './ipc.js';
import { pickFixtures } from './sandbox-fixtures.js';

const options = JSON.parse(process.argv[2] ?? '{}') as SandboxChildOptions;
// Latency 0 at start: each mode sets its own through a latency rule (below), so one sandbox
// serves both modes with the same data and warm sockets.
const sandbox = await startSandbox({ latencyMs: 0, scale: options.scale, embeds: 'refresh' });
let removeLatency: (() => void) | undefined;

const send = (message: SandboxReply): void => {
  process.send?.(message);
};

function count(requests: readonly RecordedRequest[]): SandboxReply {
  const byResource: Record<string, number> = {};
  let failed = 0;
  let inFlight = 0;
  for (const r of requests) {
    const key = `${r.method} /${r.path.split('/')[1] ?? ''}`;
    byResource[key] = (byResource[key] ?? 0) + 1;
    if (r.status === 0) {
      inFlight += 1;
    } else if (r.status < 200 || r.status > 299) {
      failed += 1;
    }
  }
  return { type: 'count', total: requests.length, byResource, failed, inFlight };
}

const describe = (r: RecordedRequest): string => {
  const query = new URLSearchParams(Object.entries(r.query).sort(([a], [b]) => (a < b ? -1 : 1)));
  const search = query.toString();
  return `${r.method} ${r.path}${search ? `?${search}` : ''}`;
};

process.on('message', (message: SandboxRequest) => {
  switch (message.type) {
    case 'clear':
      sandbox.clearRequests();
      send({ type: 'cleared' });
      return;
    case 'count':
      send(count(sandbox.requests));
      return;
    case 'calls':
      send({ type: 'calls', calls: sandbox.requests.map(describe).sort() });
      return;
    case 'latency':
      // A latency fault rule on every request adds to the response delay exactly like the
      // `latencyMs` start option, and it can change while the server runs.
      removeLatency?.();
      removeLatency =
        message.ms > 0 ? sandbox.faults.add({ kind: 'latency', ms: message.ms }) : undefined;
      send({ type: 'latency-set', ms: message.ms });
      return;
  }
});

// The driver went away (even by SIGKILL): do not linger.
process.on('disconnect', () => {
  void sandbox.close().finally(() => process.exit(0));
});

send({
  type: 'ready',
  url: sandbox.url,
  adminToken: sandbox.tokens.admin,
  fixtures: pickFixtures(sandbox.data),
});
