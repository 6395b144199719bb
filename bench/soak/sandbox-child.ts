// Child process: the soak's sandbox. Its fault rules are switched on and off over IPC, its
// request log is harvested for the faults it injected (by the x-request-id the gateway forwards),
// and it counts the TCP connections its clients hold.
import { sandboxOptionsFromEnv } from '../../src/sandbox/env-options.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { pickSoakFixtures } from './fixtures.js';
import type { FaultedRequest, SoakSandboxReply, SoakSandboxRequest } from './ipc.js';

// SANDBOX_SEED and SANDBOX_FLOW_RUN_STEP_MS from the driver; faults come later, over IPC
const { faults: _none, ...options } = sandboxOptionsFromEnv(process.env);
const sandbox = await startSandbox({ ...options, port: 0, embeds: 'refresh' });
let removeRules: (() => void)[] = [];

const send = (message: SoakSandboxReply): void => {
  process.send?.(message);
};

function setFaults(rules: object[]): void {
  for (const remove of removeRules) {
    remove();
  }
  // parsed exactly as SANDBOX_FAULTS is (path sources become RegExps, kinds are checked)
  const parsed = sandboxOptionsFromEnv({ SANDBOX_FAULTS: JSON.stringify(rules) }).faults ?? [];
  removeRules = parsed.map((rule) => sandbox.faults.add(rule));
}

function harvest(): SoakSandboxReply {
  // Faults are decided when a request arrives, so every logged request already has its own.
  const logged = sandbox.requests.splice(0);
  const faulted: FaultedRequest[] = [];
  const requests: Record<string, number> = {};
  for (const r of logged) {
    // request ids are soak-<phase>-<index>
    const phase = /^soak-(.+)-\d+$/.exec(r.requestId ?? '')?.[1] ?? 'other';
    requests[phase] = (requests[phase] ?? 0) + 1;
    if (r.faults !== undefined) {
      faulted.push({ requestId: r.requestId, method: r.method, path: r.path, faults: r.faults });
    }
  }
  return { type: 'harvest', requests, faulted };
}

process.on('message', (message: SoakSandboxRequest) => {
  switch (message.type) {
    case 'faults':
      setFaults(message.rules);
      send({ type: 'faults-set', rules: removeRules.length });
      return;
    case 'harvest':
      send(harvest());
      return;
    case 'connections':
      send({ type: 'connections', ...sandbox.connections() });
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
  tenantToken: sandbox.tokens.tenant,
  fixtures: pickSoakFixtures(sandbox.data),
});
