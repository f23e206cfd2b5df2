import { tmpdir } from 'node:os';
import { parseBenchArgs } from '../lib/options';
import type { VillageSet } from './villages';

export interface RegistryBenchOptions {
  residents: number;
  seed: number;
  villages: VillageSet;
  /** Random existing NIKs looked up (plus a tenth as many missing ones). */
  nikLookups: number;
  /** Times the whole name query set is run after the warm-up round. */
  nameRounds: number;
  /** Phase to profile with node --cpu-prof: generate, import, baseline or lookups. */
  profile: string | null;
  /** Keep the temporary folder (CSV and databases) for a look afterwards. */
  keep: boolean;
  workDir: string;
  /** A folder kept by an earlier --keep run: only the lookups run again, on its import.db. */
  lookupsOnly: string | null;
  /** What-if: SQLite page cache (MiB) for import, baseline and lookups alike; null: db/open.ts's. */
  cacheMb: number | null;
}

const USAGE = `npm run bench -- registry [options]
  --residents N     synthetic residents in the extract (default 1000000)
  --seed N          generator seed (default 3172; bench/queries/registry-names.json is made from it)
  --villages SET    regency: all 327 OKI villages (default, as a real extract); demo: the
                    nine training villages of the extract writer
  --nik-lookups N   random existing NIKs looked up (default 20000; plus N/10 missing ones)
  --name-rounds N   rounds over the fixed name query set after one warm-up round (default 10)
  --profile PHASE   write a V8 CPU profile of one phase (generate|import|baseline|lookups)
                    to bench/results/profiles/
  --cache-mb N      what-if: SQLite page cache of N MiB on every bench connection (import,
                    baseline and lookups alike) instead of the station's default
  --keep            keep the temporary folder with the CSV and both databases
  --work-dir DIR    where the temporary folder is made (default the OS temp folder)
  --lookups-only DIR  run only the lookups, on DIR/import.db of an earlier --keep run
                    (for work on the search: no 10-minute import each time)
  --write-queries   rewrite bench/queries/registry-names.json from the seed, and stop`;

export function parseOptions(argv: readonly string[]): RegistryBenchOptions {
  const options: RegistryBenchOptions = {
    residents: 1_000_000,
    seed: 3172,
    villages: 'regency',
    nikLookups: 20_000,
    nameRounds: 10,
    profile: null,
    keep: false,
    workDir: tmpdir(),
    lookupsOnly: null,
    cacheMb: null,
  };
  const count = (name: string, value: string | undefined): number => {
    const n = Number(value?.replaceAll('_', ''));
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} needs a positive whole number`);
    return n;
  };
  parseBenchArgs(argv, USAGE, options, {
    '--residents': (value, name) => (options.residents = count(name, value)),
    '--seed': (value, name) => (options.seed = count(name, value)),
    '--villages': (value) => {
      if (value !== 'regency' && value !== 'demo') {
        throw new Error(`--villages is regency or demo\n${USAGE}`);
      }
      options.villages = value;
    },
    '--nik-lookups': (value, name) => (options.nikLookups = count(name, value)),
    '--name-rounds': (value, name) => (options.nameRounds = count(name, value)),
    '--profile': (value) => {
      if (!['generate', 'import', 'baseline', 'lookups'].includes(value ?? '')) {
        throw new Error(`--profile needs a phase name\n${USAGE}`);
      }
      options.profile = value as string;
    },
    '--cache-mb': (value, name) => (options.cacheMb = count(name, value)),
    '--lookups-only': (value) => {
      if (!value) throw new Error(`--lookups-only needs a folder\n${USAGE}`);
      options.lookupsOnly = value;
    },
  });
  return options;
}
