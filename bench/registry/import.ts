import { cpuSecondsSince, msSince } from '../lib/stats';
import { dbSize, openBenchDb, tableCounts, type DbJob, type DbSize } from './db';
import { IMPORT_CHUNK_ROWS, runImport } from './registry-api';

export interface ImportJob {
  db: DbJob;
  csvFile: string;
}

export interface ImportResult {
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  /** Wall time of the import call: read, parse, validate, write, commit. */
  seconds: number;
  /** CPU time of the import call: less disturbed than wall time when the machine is busy. */
  cpuSeconds: number;
  /** Rows per transaction the importer commits; the baseline uses the same. */
  chunkRows: number;
  /** Rows each table gained during the import (tables that gained none are left out). */
  written: Record<string, number>;
  /** Connection settings after the import, to see whether it tuned any. */
  pragmas: Record<string, unknown>;
  sizeBeforeCheckpoint: DbSize;
  size: DbSize;
}

/**
 * Phase 2: the real importer on the generated CSV, into a prepared database (migrated, region
 * table loaded, as on a station). This process does nothing else, so its peak RSS is the import's.
 */
export async function importPhase(job: ImportJob): Promise<ImportResult> {
  const opened = await openBenchDb(job.db);
  try {
    const before = tableCounts(opened);
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    const outcome = await runImport(opened, job.csvFile);
    const seconds = msSince(started) / 1000;
    const cpuSeconds = cpuSecondsSince(cpu);
    const after = tableCounts(opened);
    const pragmas = Object.fromEntries(
      ['cache_size', 'synchronous', 'journal_mode', 'foreign_keys', 'temp_store', 'mmap_size'].map(
        (p) => [p, opened.sqlite.pragma(p, { simple: true })],
      ),
    );
    const sizeBeforeCheckpoint = dbSize(opened.file);
    opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return {
      ...outcome,
      seconds,
      cpuSeconds,
      chunkRows: IMPORT_CHUNK_ROWS,
      written: Object.fromEntries(
        Object.entries(after)
          .map(([t, n]) => [t, n - (before[t] ?? 0)] as const)
          .filter(([, n]) => n > 0),
      ),
      pragmas,
      sizeBeforeCheckpoint,
      size: dbSize(opened.file),
    };
  } finally {
    await opened.close();
  }
}
