// Child process: the Membrane sandbox, kept out of the driver so autocannon's event loop
// and the sandbox's CPU do not disturb each other. Talks to the driver over IPC.
import { startSandbox } from '../src/sandbox/index.js';
import type { SandboxChildOptions, SandboxReply, SandboxRequest } from './ipc.js';

const options = JSON.parse(process.argv[2] ?? '{}') as SandboxChildOptions;
const sandbox = await startSandbox({
  latencyMs: options.latencyMs,
  scale: options.scale,
  embeds: 'refresh',
});

const send = (message: SandboxReply): void => {
  process.send?.(message);
};

const instance = sandbox.data.flows.find(
  (f) =>
    f.connectionId !== undefined &&
    f.integrationId !== undefined &&
    f.userId !== undefined &&
    f.archivedAt === undefined,
);
if (instance === undefined) {
  throw new Error('the sandbox seed has no connection-level flow with integration and user');
}

process.on('message', (message: SandboxRequest) => {
  if (message.type === 'clear') {
    sandbox.clearRequests();
    send({ type: 'cleared' });
    return;
  }
  const byResource: Record<string, number> = {};
  let failed = 0;
  let inFlight = 0;
  for (const r of sandbox.requests) {
    const key = `${r.method} /${r.path.split('/')[1] ?? ''}`;
    byResource[key] = (byResource[key] ?? 0) + 1;
    if (r.status === 0) {
      inFlight += 1;
    } else if (r.status < 200 || r.status > 299) {
      failed += 1;
    }
  }
  send({ type: 'count', total: sandbox.requests.length, byResource, failed, inFlight });
});

// The driver went away (even by SIGKILL): do not linger.
process.on('disconnect', () => {
  void sandbox.close().finally(() => process.exit(0));
});

send({
  type: 'ready',
  url: sandbox.url,
  adminToken: sandbox.tokens.admin,
  instanceFlowId: instance.id,
});
