import { defineConfig } from 'vitest/config';

// End-to-end: the built station server in a child process, Debian Chromium via playwright-core.
// One file at a time: each file's server and browsers want both cores, and two files side by
// side made timing-sensitive screens flaky on a loaded machine (issue 16 CI trial).
export default defineConfig({
  test: {
    include: ['renderer/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['electron/testing/tmpdir.ts', 'electron/testing/postgres.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
    // expect.poll waits on what the page shows; Vitest's default of one second is about speed,
    // not correctness (a loaded machine takes longer to hash a PIN and re-render).
    expect: { poll: { timeout: 30_000 } },
  },
});
