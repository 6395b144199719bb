import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The Debian packages the suite runs for real: the GraphiQL browser test and the replicas' Redis. */
const PACKAGES = [
  { binary: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', name: 'chromium' },
  { binary: '/usr/bin/redis-server', name: 'redis-server' },
];

/**
 * vitest's global setup: makes `npm test` true on a fresh Debian machine. When a package is
 * missing and we are root with apt-get (this project's machines and CI), install it, once,
 * before any worker starts (two workers must not run apt at the same time). Anywhere else
 * nothing is installed, and the tests that need it fail with the install hint.
 */
export default function installSystemPackages(): void {
  const missing = PACKAGES.filter((p) => !existsSync(p.binary)).map((p) => p.name);
  if (missing.length === 0 || process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    return;
  }
  const run = (args: string[]) =>
    execFileSync('apt-get', args, {
      stdio: 'inherit',
      timeout: 300_000,
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  run(['update']);
  run(['install', '-y', '--no-install-recommends', ...missing]);
}
