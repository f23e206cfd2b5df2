import { sql, type Kysely, type Selectable } from 'kysely';
import type { HubDatabase, OfficeRecordingsTable } from '../hub-schema';

/**
 * KTP-el recordings at the back-office (issue 15 item 6; electron/hub/office/recordings.ts): the
 * projection office_recordings, one row per recording, kept at ingest and by the district's
 * de-duplication outcome. Portable: SQLite and PostgreSQL.
 */
type Db = Kysely<HubDatabase>;
export type OfficeRecordingRow = Selectable<OfficeRecordingsTable>;

export async function recordingRow(
  db: Db,
  recordingId: string,
): Promise<OfficeRecordingRow | undefined> {
  return db
    .selectFrom('office_recordings')
    .selectAll()
    .where('recording_id', '=', recordingId)
    .executeTakeFirst();
}

export async function recordingRowsByIds(
  db: Db,
  recordingIds: readonly string[],
): Promise<OfficeRecordingRow[]> {
  const rows: OfficeRecordingRow[] = [];
  for (let i = 0; i < recordingIds.length; i += 500) {
    const slice = recordingIds.slice(i, i + 500);
    rows.push(
      ...(await db
        .selectFrom('office_recordings')
        .selectAll()
        .where('recording_id', 'in', slice)
        .execute()),
    );
  }
  return rows;
}

/** The recordings of these NIKs (a CSV check), in slices the databases' parameter limits allow. */
export async function recordingRowsByNiks(
  db: Db,
  niks: readonly string[],
): Promise<OfficeRecordingRow[]> {
  const rows: OfficeRecordingRow[] = [];
  for (let i = 0; i < niks.length; i += 500) {
    const slice = niks.slice(i, i + 500);
    rows.push(
      ...(await db.selectFrom('office_recordings').selectAll().where('nik', 'in', slice).execute()),
    );
  }
  return rows;
}

/** Inserts or replaces one recording's row (the projection computed it). */
export async function saveRecordingRow(db: Db, row: OfficeRecordingRow): Promise<void> {
  const rest: Partial<OfficeRecordingRow> = { ...row };
  delete rest.recording_id;
  await db
    .insertInto('office_recordings')
    .values(row)
    .onConflict((oc) => oc.column('recording_id').doUpdateSet(rest))
    .execute();
}

export interface RecordingFilters {
  unitId?: string | undefined;
  status?: string | undefined;
  /** A 16-digit NIK (exact) or part of a name (any case). */
  text?: string | undefined;
}

function filtered(db: Db, filters: RecordingFilters, withStatus: boolean) {
  let query = db.selectFrom('office_recordings');
  if (filters.unitId) query = query.where('office_recordings.unit_id', '=', filters.unitId);
  if (withStatus && filters.status)
    query = query.where('office_recordings.status', '=', filters.status);
  const text = filters.text?.trim();
  if (text) {
    if (/^\d{16}$/.test(text)) query = query.where('office_recordings.nik', '=', text);
    else {
      const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where(sql<boolean>`lower(office_recordings.name) like ${pattern} escape '\\'`);
    }
  }
  return query;
}

/** One page of recordings, newest recorded first, with the total under the same filters. */
export async function listRecordingRows(
  db: Db,
  filters: RecordingFilters,
  page: { offset: number; limit: number },
): Promise<{
  rows: (OfficeRecordingRow & { station_name: string | null })[];
  total: number;
}> {
  const rows = await filtered(db, filters, true)
    .leftJoin('stations', 'stations.unit_id', 'office_recordings.unit_id')
    .selectAll('office_recordings')
    .select('stations.name as station_name')
    .orderBy('office_recordings.recorded_at', 'desc')
    .orderBy('office_recordings.recording_id')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  const count = await filtered(db, filters, true)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

/** How many recordings are in each status under the same station and text filters. */
export async function countRecordingsByStatus(
  db: Db,
  filters: RecordingFilters,
): Promise<Record<string, number>> {
  const rows = await filtered(db, filters, false)
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
