import { benchMain } from '../lib/phase';
import { baselinePhase } from './baseline';
import { generatePhase } from './generate';
import { parseOptions } from './options';
import { runSyncBench } from './orchestrate';
import { packetsPhase } from './packets';
import { verifyPhase } from './verify';

/**
 * The sync bench (issue 7 item 9), run by bench/run.mjs as dist/bench/sync.mjs.
 * Without --phase it runs the whole bench (orchestrate.ts); with --phase it is one phase's process.
 */
await benchMain(
  {
    generate: generatePhase,
    packets: packetsPhase,
    verify: verifyPhase,
    baseline: baselinePhase,
  },
  (argv) => runSyncBench(parseOptions(argv)),
);
