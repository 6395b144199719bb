import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One graphql instance: Node loads graphql's CommonJS entry for dependencies (it has no
    // `exports` map), so the project's own files must get the same one, not `index.mjs`.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Debian's chromium and redis-server, installed once when missing (root on Debian only)
    globalSetup: ['test/support/system-packages.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Each file starts its own loopback servers; two workers match the 2-core CI machine.
    maxWorkers: 2,
  },
});
