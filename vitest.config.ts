import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Test files side by side: one worker per core, at least two. Vitest's own default is one fewer
 * than the cores, which on the 2-core CI machine is a single worker, and a single worker leaves a
 * core idle whenever a test waits on its child processes, PostgreSQL or the disk.
 * LM_TEST_WORKERS overrides it (1 runs the files one at a time).
 */
const workers = Number(process.env['LM_TEST_WORKERS']) || Math.max(2, availableParallelism());

/**
 * Vitest starts the largest files first when it has no timings of an earlier run (a clean clone
 * never has). The torture tests are small files that run for minutes: started last, they would
 * keep one worker busy long after the other has finished, so they go first.
 */
const LONG_SMALL_FILES = /^torture\//;
class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const isLong = (file: TestSpecification) =>
      LONG_SMALL_FILES.test(relative(file.project.config.root, file.moduleId));
    return [...sorted.filter(isLong), ...sorted.filter((file) => !isLong(file))];
  }
}

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
    maxWorkers: workers,
    sequence: { sequencer: LongFirstSequencer },
    globalSetup: ['electron/testing/tmpdir.ts', 'electron/testing/postgres.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
