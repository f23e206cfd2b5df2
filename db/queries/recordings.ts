import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, RecordingEventsTable, RecordingsTable } from '../schema';

/** KTP-el recordings and their status history (docs/ktp-recording.md). */

export type RecordingRow = Selectable<RecordingsTable>;
export type NewRecording = Insertable<RecordingsTable>;
export type RecordingEventRow = Selectable<RecordingEventsTable>;
export type NewRecordingEvent = Insertable<RecordingEventsTable>;
export type RecordingStatusValue = RecordingRow['status'];
/** A row without its two blobs: lists and status changes never need the images. */
export type RecordingHead = Omit<RecordingRow, 'portrait_jpeg' | 'signature_png'>;

const HEAD_COLUMNS = [
  'id',
  'subject_type',
  'resident_nik',
  'application_id',
  'name',
  'birth_date',
  'citizenship',
  'is_pemula',
  'status',
  'background',
  'measured_background',
  'portrait_sha256',
  'portrait_checks',
  'override_reason',
  'signature_strokes',
  'fingerprints_done',
  'iris_done',
  'biometrics_by',
  'biometrics_at',
  'recorded_by_user_id',
  'recorded_by',
  'recorded_at',
  'updated_at',
  'card_uid',
  'recipient_name',
  'recipient_relation',
  'handed_at',
  'handed_by',
] as const satisfies ReadonlyArray<keyof RecordingHead>;

export const RECORDING_STATUSES = [
  'direkam',
  'terkirim',
  'prr',
  'duplicate',
  'dicetak',
  'diserahkan',
] as const satisfies readonly RecordingStatusValue[];

export async function insertRecording(db: Kysely<Database>, row: NewRecording): Promise<void> {
  await db.insertInto('recordings').values(row).execute();
}

export async function getRecordingHead(
  db: Kysely<Database>,
  id: string,
): Promise<RecordingHead | null> {
  const row = await db
    .selectFrom('recordings')
    .select(HEAD_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

export async function getRecordingImages(
  db: Kysely<Database>,
  id: string,
): Promise<{ portrait: Uint8Array; signature: Uint8Array } | null> {
  const row = await db
    .selectFrom('recordings')
    .select(['portrait_jpeg', 'signature_png'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { portrait: row.portrait_jpeg, signature: row.signature_png } : null;
}

/**
 * The newest recording of a person that still counts (any status but 'duplicate'): a resident by
 * NIK, a new person by the application that registers them. Null when there is none.
 */
export async function countingRecordingOf(
  db: Kysely<Database>,
  who: { nik: string } | { applicationId: string },
): Promise<{ id: string; status: RecordingStatusValue } | null> {
  let query = db
    .selectFrom('recordings')
    .select(['id', 'status'])
    .where('status', '<>', 'duplicate')
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1);
  query =
    'nik' in who
      ? query.where('resident_nik', '=', who.nik)
      : query.where('application_id', '=', who.applicationId);
  return (await query.executeTakeFirst()) ?? null;
}

export async function updateRecording(
  db: Kysely<Database>,
  id: string,
  set: Updateable<RecordingsTable>,
): Promise<void> {
  await db.updateTable('recordings').set(set).where('id', '=', id).execute();
}

export async function insertRecordingEvent(
  db: Kysely<Database>,
  event: NewRecordingEvent,
): Promise<void> {
  await db.insertInto('recording_events').values(event).execute();
}

export async function recordingEvents(
  db: Kysely<Database>,
  id: string,
): Promise<RecordingEventRow[]> {
  return db
    .selectFrom('recording_events')
    .selectAll()
    .where('recording_id', '=', id)
    .orderBy('seq')
    .execute();
}

export interface RecordingListQuery {
  status?: RecordingStatusValue | undefined;
  limit: number;
  offset?: number | undefined;
}

/** Most recently changed first. */
export async function listRecordings(
  db: Kysely<Database>,
  query: RecordingListQuery,
): Promise<RecordingHead[]> {
  let q = db.selectFrom('recordings').select(HEAD_COLUMNS);
  if (query.status !== undefined) q = q.where('status', '=', query.status);
  return q
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit)
    .offset(query.offset ?? 0)
    .execute();
}

/** How many recordings are in each status (every status present, zero when none). */
export async function countRecordingsByStatus(
  db: Kysely<Database>,
): Promise<Record<RecordingStatusValue, number>> {
  const rows = await db
    .selectFrom('recordings')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const counts = Object.fromEntries(RECORDING_STATUSES.map((s) => [s, 0])) as Record<
    RecordingStatusValue,
    number
  >;
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}
