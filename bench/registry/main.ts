import { phaseArgs, servePhase } from '../lib/phase';
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
const phase = phaseArgs(process.argv);
if (phase) {
  await servePhase(
    {
      generate: generatePhase,
      prepare: prepareDb,
      import: importPhase,
      baseline: baselinePhase,
      lookups: lookupsPhase,
    },
    phase,
  );
} else if (process.argv.includes('--write-queries')) {
  const argv = process.argv.slice(2).filter((a) => a !== '--write-queries');
  const options = parseOptions(argv);
  const file = writeNameQueries(options.seed, options.villages);
  console.log(`wrote ${file.queries.length} name queries (seed ${file.seed}, ${file.villages})`);
} else {
  const options = parseOptions(process.argv.slice(2));
  if (options.lookupsOnly) await runLookupsOnly(options, options.lookupsOnly);
  else await runRegistryBench(options);
}
