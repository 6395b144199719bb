import { askSerially, type Child, isType, nextMessage, spawnNode } from '../processes.js';
import type { Harvest, SandboxConnections, SoakSandboxReady, SoakSandboxRequest } from './ipc.js';

/** The soak's sandbox child, seen from the driver. */
export interface SoakSandbox {
  child: Child;
  ready: SoakSandboxReady;
  /** Switches the fault rules on (`SANDBOX_FAULTS` form) or, with none, off. */
  setFaults(rules: object[]): Promise<void>;
  /** The faulted requests since the last harvest (the sandbox's log is emptied). */
  harvest(): Promise<Harvest>;
  connections(): Promise<{ open: number; accepted: number }>;
}

export async function startSoakSandbox(env: Record<string, string>): Promise<SoakSandbox> {
  const child = spawnNode({
    name: 'sandbox',
    args: ['--import', 'tsx', 'bench/soak/sandbox-child.ts'],
    env,
    ipc: true,
  });
  const ready = await nextMessage(child, isType<SoakSandboxReady>('ready'), 60_000);
  const ask = askSerially<SoakSandboxRequest>(child);
  return {
    child,
    ready,
    setFaults: (rules) =>
      ask({ type: 'faults', rules }, isType<{ type: 'faults-set' }>('faults-set')).then(
        () => undefined,
      ),
    harvest: () => ask({ type: 'harvest' }, isType<Harvest>('harvest')),
    connections: () =>
      ask({ type: 'connections' }, isType<SandboxConnections>('connections')).then(
        ({ open, accepted }) => ({ open, accepted }),
      ),
  };
}
