import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'electron/**/*.test.ts',
      'db/**/*.test.ts',
      'scripts/**/*.test.ts',
      'torture/**/*.test.ts',
      'bench/**/*.test.ts',
      // Pure renderer modules only: no .svelte or $state imports, so Node runs them as they are.
      'renderer/src/**/*.test.ts',
    ],
    environment: 'node',
    pool: 'forks',
    globalSetup: ['electron/testing/tmpdir.ts', 'electron/testing/postgres.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
