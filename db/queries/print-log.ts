import type { Kysely } from 'kysely';
import type { Database, NewPrintLog, PrintLogRow } from '../schema';

/** The print log (one row per printed copy) and the archive (one PDF per print run). */

export type PrintSubjectType = PrintLogRow['subject_type'];

export interface PrintSubjectKey {
  type: PrintSubjectType;
  key: string;
}

/** The highest copy number printed of each kind for a subject (0 = never printed). */
export async function copiesByKind(
  db: Kysely<Database>,
  subject: PrintSubjectKey,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('print_log')
    .select(['kind', (eb) => eb.fn.max('copy_number').as('last')])
    .where('subject_type', '=', subject.type)
    .where('subject_key', '=', subject.key)
    .groupBy('kind')
    .execute();
  return new Map(rows.map((r) => [r.kind, Number(r.last)]));
}

export async function lastCopyNumber(
  db: Kysely<Database>,
  kind: string,
  subject: PrintSubjectKey,
): Promise<number> {
  return (await copiesByKind(db, subject)).get(kind) ?? 0;
}

export interface PrintRunRecord {
  rows: NewPrintLog[];
  archive: { runId: string; bytes: Uint8Array; sha256: string; createdAt: string };
}

/** Writes the copies and the PDF of one run; call inside the run's transaction. */
export async function insertPrintRun(db: Kysely<Database>, run: PrintRunRecord): Promise<void> {
  await db.insertInto('print_log').values(run.rows).execute();
  await db
    .insertInto('print_archive')
    .values({
      run_id: run.archive.runId,
      mime: 'application/pdf',
      bytes: run.archive.bytes,
      sha256: run.archive.sha256,
      created_at: run.archive.createdAt,
    })
    .execute();
}

export interface PrintLogQuery {
  limit: number;
  beforeSeq?: number | undefined;
  /** ISO timestamps, [fromAt, toAt). */
  fromAt?: string | undefined;
  toAt?: string | undefined;
}

/** Newest first, with whether the run's PDF is in the archive. */
export async function listPrintLog(
  db: Kysely<Database>,
  query: PrintLogQuery,
): Promise<Array<PrintLogRow & { is_archived: number }>> {
  let q = db
    .selectFrom('print_log as l')
    .selectAll('l')
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('print_archive as a')
            .select('a.run_id')
            .whereRef('a.run_id', '=', 'l.run_id'),
        )
        .as('is_archived'),
    );
  if (query.beforeSeq !== undefined) q = q.where('l.seq', '<', query.beforeSeq);
  if (query.fromAt !== undefined) q = q.where('l.at', '>=', query.fromAt);
  if (query.toAt !== undefined) q = q.where('l.at', '<', query.toAt);
  const rows = await q.orderBy('l.seq', 'desc').limit(query.limit).execute();
  return rows.map((r) => ({ ...r, is_archived: Number(r.is_archived) }));
}

export async function getArchive(
  db: Kysely<Database>,
  runId: string,
): Promise<{ bytes: Uint8Array; sha256: string } | null> {
  const row = await db
    .selectFrom('print_archive')
    .select(['bytes', 'sha256'])
    .where('run_id', '=', runId)
    .executeTakeFirst();
  return row ?? null;
}
