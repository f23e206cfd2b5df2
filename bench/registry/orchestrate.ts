import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeMachine, loadNow } from '../lib/machine';
import { runPhase, type PhaseOutput } from '../lib/phase';
import type { BaselineJob, BaselineResult } from './baseline';
import { ROOT, type DbJob } from './db';
import type { GenerateJob, GenerateResult } from './generate';
import type { ImportJob, ImportResult } from './import';
import type { LookupsJob, LookupsResult } from './lookups';
import type { RegistryBenchOptions } from './options';
import { QUERY_POOL, readNameQueries } from './queries';
import { buildReport, formatLookups, formatReport } from './report';

const RESULTS_DIR = join(ROOT, 'bench', 'results');

function log(message: string): void {
  console.log(`[registry ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/**
 * The whole registry bench in one run: generate → import → baseline → lookups, each phase in a
 * process of its own, on fresh databases in a fresh temporary folder with a random key.
 * The import runs before the baseline because the baseline inserts the rows the import wrote.
 */
export async function runRegistryBench(options: RegistryBenchOptions): Promise<void> {
  const queryFile = readNameQueries();
  if (queryFile.seed !== options.seed || queryFile.villages !== options.villages) {
    log(
      `warning: bench/queries/registry-names.json was made with seed ${queryFile.seed} and ` +
        `${queryFile.villages} villages: its targets are not in this extract`,
    );
  }
  if (options.residents < QUERY_POOL) {
    log(`warning: fewer than ${QUERY_POOL} residents: some name query targets do not exist`);
  }
  const loadAtStart = loadNow();
  const work = mkdtempSync(join(options.workDir, 'lakon-bench-registry-'));
  const keyHex = randomBytes(32).toString('hex');
  const csvFile = join(work, 'extract.csv');
  const { cacheMb } = options;
  const imported: DbJob = { dbFile: join(work, 'import.db'), keyHex, cacheMb };
  const baseline: DbJob = { dbFile: join(work, 'baseline.db'), keyHex, cacheMb };
  const profileDir = join(RESULTS_DIR, 'profiles');
  const phaseOptions = (phase: string) => {
    if (options.profile !== phase) return {};
    mkdirSync(profileDir, { recursive: true });
    return { cpuProfDir: profileDir };
  };
  log(`working in ${work}`);
  if (cacheMb) log(`what-if: cache_size ${cacheMb} MiB on every connection`);
  try {
    log(`generate: ${options.residents.toLocaleString('en-US')} residents`);
    const generate = await runPhase<GenerateJob, GenerateResult>(
      'generate',
      { csvFile, residents: options.residents, seed: options.seed, villages: options.villages },
      work,
      phaseOptions('generate'),
    );
    log(`generate: ${generate.result.seconds.toFixed(1)} s; preparing both databases`);
    const at = new Date().toISOString();
    await runPhase('prepare', { ...imported, at }, work);
    await runPhase('prepare', { ...baseline, at }, work);

    log('import: importExtract');
    const importOut = await runPhase<ImportJob, ImportResult>(
      'import',
      { db: imported, csvFile },
      work,
      phaseOptions('import'),
    );
    const rate = importOut.result.rowsAccepted / importOut.result.seconds;
    log(`import: ${importOut.result.seconds.toFixed(1)} s, ${Math.round(rate)} rows/s`);

    log('baseline: prepared-statement inserts of the same rows');
    const baselineOut = await runPhase<BaselineJob, BaselineResult>(
      'baseline',
      { source: imported, target: baseline, chunkRows: importOut.result.chunkRows },
      work,
      phaseOptions('baseline'),
    );
    log(`baseline: ${baselineOut.result.insertSeconds.toFixed(1)} s`);
    if (!options.keep) rmSync(baseline.dbFile, { force: true });

    log('lookups: NIK and name search');
    const lookups: PhaseOutput<LookupsResult> = await runPhase<LookupsJob, LookupsResult>(
      'lookups',
      {
        db: imported,
        seed: options.seed,
        nikLookups: options.nikLookups,
        nameRounds: options.nameRounds,
      },
      work,
      phaseOptions('lookups'),
    );

    const report = buildReport(options, describeMachine(lookups.result.sqlite, loadAtStart), {
      generate,
      import: importOut,
      baseline: baselineOut,
      lookups,
    });
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = join(
      RESULTS_DIR,
      `registry-${report.finishedAt.slice(0, 10)}-${options.residents}-${options.villages}.json`,
    );
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\n${formatReport(report)}\n\nresult: ${file}`);
    if (options.profile) log(`CPU profile of ${options.profile}: ${profileDir}`);
  } finally {
    if (options.keep) log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

/** Only the lookups, on the import of an earlier `--keep` run (its key is in its job file). */
export async function runLookupsOnly(options: RegistryBenchOptions, dir: string): Promise<void> {
  const job = JSON.parse(readFileSync(join(dir, 'import.job.json'), 'utf8')) as ImportJob;
  const db: DbJob = { ...job.db, dbFile: join(dir, 'import.db'), cacheMb: options.cacheMb };
  if (!existsSync(db.dbFile)) throw new Error(`No ${db.dbFile}: give a folder kept by --keep`);
  log(`lookups on ${db.dbFile}`);
  const lookups = await runPhase<LookupsJob, LookupsResult>(
    'lookups',
    {
      db,
      seed: options.seed,
      nikLookups: options.nikLookups,
      nameRounds: options.nameRounds,
    },
    dir,
    options.profile === 'lookups' ? { cpuProfDir: join(RESULTS_DIR, 'profiles') } : {},
  );
  console.log(`\n${formatLookups(lookups)}`);
}
