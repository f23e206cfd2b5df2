import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type OpenedDb } from '../../db/open';
import { ensureRegions } from '../../electron/core/registry/regions';

/** The repository's root (dist/bench/registry.mjs → ../..). */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What a phase needs to open the bench's encrypted databases. */
export interface DbJob {
  dbFile: string;
  /** The run's random 32-byte key, hex. */
  keyHex: string;
  /** What-if: SQLite page cache in MiB instead of the station's setting (--cache-mb). */
  cacheMb?: number | null | undefined;
}

/** Opens a database the way the station does (db/open.ts: cipher, WAL, FULL, migrations). */
export async function openBenchDb(job: DbJob): Promise<OpenedDb> {
  const opened = await openDatabase({ file: job.dbFile, key: Buffer.from(job.keyHex, 'hex') });
  if (job.cacheMb) opened.sqlite.pragma(`cache_size = -${job.cacheMb * 1024}`);
  return opened;
}

/** A station's first start: migrations, then the shipped region table (not timed by any phase). */
export async function prepareDb(job: DbJob & { at: string }): Promise<{ regions: string }> {
  const opened = await openBenchDb(job);
  try {
    const outcome = await ensureRegions(opened, {
      resourcesDir: join(ROOT, 'resources'),
      at: job.at,
    });
    return { regions: outcome.status };
  } finally {
    await opened.close();
  }
}

export interface DbSize {
  dbBytes: number;
  walBytes: number;
}

export function dbSize(file: string): DbSize {
  const size = (path: string) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  return { dbBytes: size(file), walBytes: size(`${file}-wal`) };
}

/** Rows per table, for the check that the baseline wrote what the importer wrote. */
export function tableCounts(opened: OpenedDb): Record<string, number> {
  const tables = opened.sqlite
    .prepare(
      `select name from sqlite_master where type = 'table' and name not like 'sqlite_%'
       order by name`,
    )
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((t) => [t, opened.sqlite.prepare(`select count(*) from "${t}"`).pluck().get()]),
  ) as Record<string, number>;
}
