import { defineConfig } from 'vitest/config';

// End-to-end: the built station server in a child process, Debian Chromium via playwright-core.
export default defineConfig({
  test: {
    include: ['renderer/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['electron/testing/tmpdir.ts', 'electron/testing/postgres.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
