import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's chromium; CI installs it (`.ci/run`). Override with CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  page: Page;
  context: BrowserContext;
  /** Every URL the browser requested (all pages and workers of the context), in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Options of `launchBrowser`. */
export interface LaunchOptions {
  /** Tall enough that Monaco renders every line of the responses we read (it virtualises lines). */
  viewport?: { width: number; height: number };
}

/**
 * Headless Chromium with a fresh profile. A missing browser is a failure, not a skip: a browser
 * test that silently skips proves nothing.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. The browser test needs Debian's chromium: ` +
        'run `apt-get install -y chromium` (CI does this in .ci/run) or set CHROMIUM_PATH.',
    );
  }
  // launchPersistentContext: Playwright rejects --user-data-dir in launch().
  const profile = mkdtempSync(join(tmpdir(), 'gateway-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport: options.viewport ?? { width: 1400, height: 1000 },
  });
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    context,
    requests,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true, maxRetries: 10 });
    },
  };
}

/** True for URLs that never leave the machine: loopback HTTP, data: and blob: URLs. */
export function isLocalUrl(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) {
    return true;
  }
  try {
    const { protocol, hostname } = new URL(url);
    return (
      (protocol === 'http:' || protocol === 'https:' || protocol === 'ws:') &&
      (hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]')
    );
  } catch {
    return false;
  }
}
