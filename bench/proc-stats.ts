import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (`getconf CLK_TCK`, usually 100). */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** One `VmXxx:  1234 kB` line of /proc/<pid>/status, in MiB; 0 when the process is gone. */
function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
    return kb === undefined ? 0 : Number(kb) / 1024;
  } catch {
    return 0;
  }
}

/** Resident set now (VmRSS), MiB; 0 when the process is gone. */
export const rssMb = (pid: number): number => statusMb(pid, 'VmRSS');

/** Peak resident set of the whole life of the process (VmHWM), MiB. */
export const lifetimePeakRssMb = (pid: number): number => statusMb(pid, 'VmHWM');

/** User + system CPU time the process has used so far, in ms. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces: count fields after its closing paren.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / CLOCK_TICKS;
}

/** Samples VmRSS every `everyMs` until stopped; VmHWM cannot be reset per scenario. */
export function sampleRss(pid: number, everyMs = 100): { stop(): number } {
  let peak = statusMb(pid, 'VmRSS');
  const timer = setInterval(() => {
    peak = Math.max(peak, statusMb(pid, 'VmRSS'));
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, statusMb(pid, 'VmRSS'));
    },
  };
}
