import { benchMain } from '../lib/phase';
import { checkPhase } from './check';
import { generatePhase } from './generate';
import { parseOptions } from './options';
import { runHubBench } from './orchestrate';
import { barePhase, hubPhase } from './servers';
import { uploadPhase } from './upload';

/**
 * The hub bench (issue 15 item 11), run by bench/run.mjs as dist/bench/hub.mjs. Without --phase
 * it runs the whole bench (orchestrate.ts); with --phase it is one phase's process: generate,
 * the servers (hub, bare), the simulated stations (upload) or the database check.
 */
await benchMain(
  {
    generate: generatePhase,
    hub: hubPhase,
    bare: barePhase,
    upload: uploadPhase,
    check: checkPhase,
  },
  (argv) => runHubBench(parseOptions(argv)),
);
