import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Each file starts its own loopback servers; two workers match the 2-core CI machine.
    maxWorkers: 2,
  },
});
