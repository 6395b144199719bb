import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from './chromium.js';

/**
 * Makes `npm test` true on a fresh Debian machine: when Chromium is missing and we are root
 * with apt-get (this project's machines and CI), install Debian's package (about 40 s).
 * Anywhere else nothing is installed and the browser test fails with the install hint.
 */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH) || process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    return;
  }
  const run = (args: string[]) =>
    execFileSync('apt-get', args, {
      stdio: 'inherit',
      timeout: 300_000,
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  run(['update']);
  run(['install', '-y', '--no-install-recommends', 'chromium']);
}
