// Child process: kills the benchmark's IPC-less children (the gateway runs as deployed,
// `node dist/main.js`, with no channel to notice the driver's death) when the driver goes
// away, even by SIGKILL: the IPC channel to the driver closes, and that is the signal.
import type { GuardWatch } from './ipc.js';

const watched = new Set<number>();

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const signal = (pid: number, name: NodeJS.Signals): void => {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
};

process.on('message', (message: GuardWatch) => {
  if (message.type === 'watch') {
    watched.add(message.pid);
  }
});

process.on('disconnect', () => {
  for (const pid of watched) {
    signal(pid, 'SIGTERM');
  }
  // SIGTERM first (a graceful drain); whatever still runs after 3 s gets SIGKILL.
  const deadline = Date.now() + 3_000;
  const timer = setInterval(() => {
    const left = [...watched].filter(alive);
    if (left.length === 0 || Date.now() > deadline) {
      for (const pid of left) {
        signal(pid, 'SIGKILL');
      }
      clearInterval(timer);
      process.exit(0);
    }
  }, 100);
});
