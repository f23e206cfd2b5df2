import { benchMain } from '../lib/phase';
import { baselinePhase } from './baseline';
import { prepareDb } from './db';
import { generatePhase } from './generate';
import { importPhase } from './import';
import { lookupsPhase } from './lookups';
import { parseOptions } from './options';
import { runLookupsOnly, runRegistryBench } from './orchestrate';
import { writeNameQueries } from './queries';

/**
 * The registry bench (issue 3 item 9), run by bench/run.mjs as dist/bench/registry.mjs.
 * Without --phase it runs the whole bench (orchestrate.ts); with --phase it is one phase's process.
 */
await benchMain(
  {
    generate: generatePhase,
    prepare: prepareDb,
    import: importPhase,
    baseline: baselinePhase,
    lookups: lookupsPhase,
  },
  async (argv) => {
    if (argv.includes('--write-queries')) {
      const options = parseOptions(argv.filter((a) => a !== '--write-queries'));
      const file = writeNameQueries(options.seed, options.villages);
      console.log(
        `wrote ${file.queries.length} name queries (seed ${file.seed}, ${file.villages})`,
      );
      return;
    }
    const options = parseOptions(argv);
    if (options.lookupsOnly) await runLookupsOnly(options, options.lookupsOnly);
    else await runRegistryBench(options);
  },
);
