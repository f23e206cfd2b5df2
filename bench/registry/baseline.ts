import type SQLite from 'better-sqlite3-multiple-ciphers';
import { cpuSecondsSince, msSince } from '../lib/stats';
import { dbSize, openBenchDb, tableCounts, type DbJob, type DbSize } from './db';

/**
 * Phase 3, the baseline: the cheapest way to put the importer's rows into the same schema.
 * The rows are read back from the imported database, so they are exactly the rows the importer
 * wrote (every column of every registry table it filled), already in arrays before the clock
 * starts; they are inserted with plain prepared statements in the importer's order and
 * transaction size, into a database opened, migrated and given the region table the same way. Only the transactions are timed: no
 * CSV, no validation, no name keys to compute, no progress reporting.
 */
export interface BaselineJob {
  source: DbJob;
  target: DbJob;
  chunkRows: number;
}

export interface BaselineResult {
  residents: number;
  /** Rows per table written by the baseline. */
  counts: Record<string, number>;
  /** Sum of the timed transactions. */
  insertSeconds: number;
  /** CPU time of the timed transactions. */
  insertCpuSeconds: number;
  /** The whole loop including the untimed reads, for reference. */
  loopSeconds: number;
  chunks: number;
  sizeBeforeCheckpoint: DbSize;
  size: DbSize;
}

/**
 * How a bulk table's rows of one chunk of residents (ids lo..hi) are read back: each row with
 * the id of the resident it was written with first, so the inserts can follow the importer's
 * order (per resident: its family when first met, the resident, the membership, the tokens).
 */
const READERS: Record<string, (columns: string) => string> = {
  families: (c) => `select r.id, ${prefixed('f', c)} from residents r
    join families f on f.kk_number = r.kk_number
    where r.id between ? and ? and not exists
      (select 1 from residents r2 where r2.kk_number = r.kk_number and r2.id < r.id)`,
  residents: (c) => `select id, ${c} from residents where id between ? and ?`,
  family_memberships: (c) => `select r.id, ${prefixed('m', c)} from residents r
    join family_memberships m on m.nik = r.nik
    where r.id between ? and ? order by m.id`,
  resident_name_tokens: (c) => `select resident_id, ${c} from resident_name_tokens
    where resident_id between ? and ?`,
};

function prefixed(alias: string, columns: string): string {
  return columns
    .split(', ')
    .map((c) => `${alias}.${c}`)
    .join(', ');
}

function columnsOf(sqlite: SQLite.Database, table: string): string[] {
  return (sqlite.pragma(`table_info("${table}")`) as Array<{ name: string }>).map((c) => c.name);
}

export async function baselinePhase(job: BaselineJob): Promise<BaselineResult> {
  const source = await openBenchDb(job.source);
  const target = await openBenchDb(job.target);
  try {
    const sourceCounts = tableCounts(source);
    const tables = Object.keys(READERS).filter((t) => (sourceCounts[t] ?? 0) > 0);
    const plans = tables.map((table) => {
      const columns = columnsOf(source.sqlite, table);
      const list = columns.map((c) => `"${c}"`).join(', ');
      return {
        table,
        read: source.sqlite.prepare(READERS[table]?.(list) as string).raw(),
        insert: target.sqlite.prepare(
          `insert into "${table}" (${list}) values (${columns.map(() => '?').join(', ')})`,
        ),
      };
    });
    const chunkIds = source.sqlite.prepare(
      'select min(id), max(id) from (select id from residents where id > ? order by id limit ?)',
    );
    // Untimed: one chunk's rows as [statement, values] in the importer's order.
    const readChunk = (lo: number, hi: number) => {
      const byResident = new Map<number, Array<[SQLite.Statement, unknown[]]>>();
      for (const plan of plans) {
        for (const [id, ...values] of plan.read.all(lo, hi) as unknown[][]) {
          const list = byResident.get(id as number) ?? [];
          if (list.length === 0) byResident.set(id as number, list);
          list.push([plan.insert, values]);
        }
      }
      return [...byResident.keys()].sort((a, b) => a - b).flatMap((id) => byResident.get(id) ?? []);
    };
    const insertChunk = target.sqlite.transaction((rows: Array<[SQLite.Statement, unknown[]]>) => {
      for (const [insert, values] of rows) insert.run(values);
    });

    let insertMs = 0;
    let cpuSeconds = 0;
    let chunks = 0;
    let after = 0;
    const loopStarted = process.hrtime.bigint();
    for (;;) {
      const [lo, hi] = chunkIds.raw().get(after, job.chunkRows) as [number | null, number | null];
      if (lo === null || hi === null) break;
      const rows = readChunk(lo, hi);
      const cpu = process.cpuUsage();
      const started = process.hrtime.bigint();
      insertChunk(rows);
      insertMs += msSince(started);
      cpuSeconds += cpuSecondsSince(cpu);
      chunks += 1;
      after = hi;
    }
    const loopSeconds = msSince(loopStarted) / 1000;
    const sizeBeforeCheckpoint = dbSize(target.file);
    target.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const counts = tableCounts(target);
    return {
      residents: counts.residents ?? 0,
      counts: Object.fromEntries(tables.map((t) => [t, counts[t] ?? 0])),
      insertSeconds: insertMs / 1000,
      insertCpuSeconds: cpuSeconds,
      loopSeconds,
      chunks,
      sizeBeforeCheckpoint,
      size: dbSize(target.file),
    };
  } finally {
    await source.close();
    await target.close();
  }
}
