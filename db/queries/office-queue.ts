import { sql, type Insertable, type Kysely, type SelectQueryBuilder } from 'kysely';
import type {
  HubDatabase,
  OfficeApplicationRow,
  OfficeApplicationsTable,
  OfficeStatus,
} from '../hub-schema';

/**
 * The back-office work queue (electron/hub/office/queue.ts, projection.ts): the projection of
 * every station's applications, its filters, counts and the claim. SQL both hub databases accept
 * (SQLite and PostgreSQL): counts come back as strings on PostgreSQL (Number()), LIKE patterns
 * escape their wildcards, names compare through lower().
 */

/** What a station's records say about an application (the projection's record-made columns). */
export type ProjectedApplication = Omit<
  Insertable<OfficeApplicationsTable>,
  | 'office_status'
  | 'claimed_by'
  | 'claimed_by_name'
  | 'claimed_at'
  | 'proposal'
  | 'proposal_kind'
  | 'proposal_note'
  | 'proposed_by'
  | 'proposed_by_name'
  | 'proposed_at'
  | 'decided_at'
  | 'decided_by'
  | 'decided_by_name'
  | 'decision_reason'
  | 'document_number'
>;

/**
 * Inserts the application's row, or refreshes its record-made columns. A row belongs to the unit
 * that first sent it: another station's records naming the same id change nothing.
 */
export async function upsertProjected(
  db: Kysely<HubDatabase>,
  row: ProjectedApplication,
): Promise<void> {
  await db
    .insertInto('office_applications')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('application_id')
        .doUpdateSet({
          number: row.number,
          service_code: row.service_code,
          service_name: row.service_name,
          channel: row.channel,
          applicant_nik: row.applicant_nik,
          applicant_kk: row.applicant_kk,
          applicant_name: row.applicant_name,
          village_code: row.village_code,
          village_name: row.village_name,
          kecamatan_code: row.kecamatan_code,
          kecamatan_name: row.kecamatan_name,
          submitted_at: row.submitted_at,
          station_status: row.station_status,
          updated_at: row.updated_at,
        })
        .where('office_applications.unit_id', '=', row.unit_id),
    )
    .execute();
}

/**
 * The station sent a returned application again: it is new at the district once more, without
 * the earlier proposal and decision (the audit and the timeline keep them).
 */
export async function reopenReturned(
  db: Kysely<HubDatabase>,
  applicationId: string,
  unitId: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('office_applications')
    .set({
      office_status: 'baru',
      proposal: null,
      proposal_kind: null,
      proposal_note: null,
      proposed_by: null,
      proposed_by_name: null,
      proposed_at: null,
      decided_at: null,
      decided_by: null,
      decided_by_name: null,
      decision_reason: null,
      document_number: null,
      updated_at: at,
    })
    .where('application_id', '=', applicationId)
    .where('unit_id', '=', unitId)
    .where('office_status', '=', 'dikembalikan')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The back-fill's view of an older district decision (hub CLI), kept as the row's outcome. */
export async function setBackfilledOutcome(
  db: Kysely<HubDatabase>,
  applicationId: string,
  outcome: {
    office_status: OfficeStatus;
    decided_at: string;
    decided_by_name: string | null;
    decision_reason: string | null;
    document_number: string | null;
  },
): Promise<void> {
  await db
    .updateTable('office_applications')
    .set(outcome)
    .where('application_id', '=', applicationId)
    .where('office_status', '=', 'baru')
    .execute();
}

/** The records of one application from one unit (submit, desk decisions, activity), in order. */
export async function applicationRecords(
  db: Kysely<HubDatabase>,
  unitId: string,
  applicationId: string,
  aggregates: readonly string[] = ['application'],
) {
  return db
    .selectFrom('records')
    .select(['aggregate', 'seq', 'at', 'data', 'received_at'])
    .where('aggregate', 'in', aggregates)
    .where('aggregate_id', '=', applicationId)
    .where('unit_id', '=', unitId)
    .orderBy('seq')
    .execute();
}

/** Applications with records but no row yet (stored before the projection existed). */
export async function unprojectedApplications(db: Kysely<HubDatabase>) {
  return db
    .selectFrom('records')
    .leftJoin('office_applications', 'office_applications.application_id', 'records.aggregate_id')
    .select(['records.unit_id', 'records.aggregate_id'])
    .distinct()
    .where('records.aggregate', '=', 'application')
    .where('office_applications.application_id', 'is', null)
    .execute();
}

/** The district's status updates about one subject, in feed order. */
export async function statusUpdatesOf(db: Kysely<HubDatabase>, subjectId: string) {
  return db
    .selectFrom('updates')
    .select(['seq', 'kind', 'payload', 'created_at'])
    .where('subject_id', '=', subjectId)
    .where('kind', '=', 'application-status')
    .orderBy('seq')
    .execute();
}

/** The document issued for an application (by the older CLI or the office), if any. */
export async function documentOfSubject(db: Kysely<HubDatabase>, subjectId: string) {
  return db
    .selectFrom('documents')
    .select(['document_number', 'issued_at'])
    .where('subject_id', '=', subjectId)
    .orderBy('issued_at', 'desc')
    .executeTakeFirst();
}

// ---- the queue ----------------------------------------------------------------------------

export interface QueueQuery {
  unitId?: string | undefined;
  kecamatanCode?: string | undefined;
  villageCode?: string | undefined;
  serviceCode?: string | undefined;
  channel?: string | undefined;
  /** ISO bounds on submitted_at: at most (inclusive), from (inclusive), until (exclusive). */
  submittedAtMost?: string | undefined;
  submittedFrom?: string | undefined;
  submittedUntil?: string | undefined;
  text?: string | undefined;
}

type QueueSelect = SelectQueryBuilder<HubDatabase & { a: OfficeApplicationsTable }, 'a', object>;

/** `%text%` with the LIKE wildcards of the text itself escaped (ESCAPE '\'). */
function contains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filtered<Q extends QueueSelect>(query: Q, q: QueueQuery): Q {
  let out = query as QueueSelect;
  if (q.unitId !== undefined) out = out.where('a.unit_id', '=', q.unitId);
  if (q.kecamatanCode !== undefined) out = out.where('a.kecamatan_code', '=', q.kecamatanCode);
  if (q.villageCode !== undefined) out = out.where('a.village_code', '=', q.villageCode);
  if (q.serviceCode !== undefined) out = out.where('a.service_code', '=', q.serviceCode);
  if (q.channel !== undefined) out = out.where('a.channel', '=', q.channel as 'kiosk');
  if (q.submittedAtMost !== undefined) out = out.where('a.submitted_at', '<=', q.submittedAtMost);
  if (q.submittedFrom !== undefined) out = out.where('a.submitted_at', '>=', q.submittedFrom);
  if (q.submittedUntil !== undefined) out = out.where('a.submitted_at', '<', q.submittedUntil);
  const text = q.text?.trim();
  if (text) {
    const pattern = contains(text.toLowerCase());
    out = out.where((eb) =>
      eb.or([
        sql<boolean>`lower(a.number) like ${pattern} escape '\\'`,
        sql<boolean>`lower(a.applicant_name) like ${pattern} escape '\\'`,
        ...(/^\d{4,16}$/.test(text)
          ? [eb('a.applicant_nik', '=', text), eb('a.applicant_kk', '=', text)]
          : []),
      ]),
    );
  }
  return out as Q;
}

function base(db: Kysely<HubDatabase>): QueueSelect {
  return db.selectFrom('office_applications as a') as unknown as QueueSelect;
}

export type QueueListRow = OfficeApplicationRow & { station_name: string | null };

export async function listQueue(
  db: Kysely<HubDatabase>,
  q: QueueQuery & {
    status?: OfficeStatus | undefined;
    order: 'oldest' | 'newest';
    offset: number;
    limit: number;
  },
): Promise<{ rows: QueueListRow[]; total: number }> {
  let query = filtered(base(db), q);
  if (q.status !== undefined) query = query.where('a.office_status', '=', q.status);
  const direction = q.order === 'oldest' ? 'asc' : 'desc';
  const [rows, count] = await Promise.all([
    (
      query as unknown as SelectQueryBuilder<
        HubDatabase & { a: OfficeApplicationsTable },
        'a',
        object
      >
    )
      .leftJoin('stations', 'stations.unit_id', 'a.unit_id')
      .selectAll('a')
      .select('stations.name as station_name')
      .orderBy('a.submitted_at', direction)
      .orderBy('a.number', direction)
      .offset(q.offset)
      .limit(q.limit)
      .execute(),
    query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as QueueListRow[], total: Number((count as { n: number | string }).n) };
}

export async function countQueue(
  db: Kysely<HubDatabase>,
  q: QueueQuery,
): Promise<Record<string, number>> {
  const rows = await filtered(base(db), q)
    .select(['a.office_status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('a.office_status')
    .execute();
  return Object.fromEntries(
    (rows as { office_status: string; n: number | string }[]).map((r) => [
      r.office_status,
      Number(r.n),
    ]),
  );
}

/** The distinct stations, kecamatan, villages and services in the queue, with their names. */
export async function queueChoices(db: Kysely<HubDatabase>) {
  const [stations, kecamatan, villages, services] = await Promise.all([
    db
      .selectFrom('office_applications as a')
      .leftJoin('stations', 'stations.unit_id', 'a.unit_id')
      .select(['a.unit_id as code', (eb) => eb.fn.max('stations.name').as('name')])
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .groupBy('a.unit_id')
      .execute(),
    db
      .selectFrom('office_applications')
      .select(['kecamatan_code as code', (eb) => eb.fn.max('kecamatan_name').as('name')])
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('kecamatan_code', 'is not', null)
      .groupBy('kecamatan_code')
      .execute(),
    db
      .selectFrom('office_applications')
      .select([
        'village_code as code',
        (eb) => eb.fn.max('village_name').as('name'),
        (eb) => eb.fn.max('kecamatan_code').as('kecamatan'),
      ])
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('village_code', 'is not', null)
      .groupBy('village_code')
      .execute(),
    db
      .selectFrom('office_applications')
      .select(['service_code as code', (eb) => eb.fn.max('service_name').as('name')])
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .groupBy('service_code')
      .execute(),
  ]);
  const choice = (r: { code: string | null; name: string | null; n: number | string }) => ({
    code: r.code ?? '',
    name: r.name,
    count: Number(r.n),
  });
  return {
    stations: stations.map(choice),
    kecamatan: kecamatan.map(choice),
    villages: villages.map((r) => ({ ...choice(r), kecamatan: r.kecamatan ?? '' })),
    services: services.map(choice),
  };
}

export async function queueRow(
  db: Kysely<HubDatabase>,
  applicationId: string,
): Promise<QueueListRow | undefined> {
  return db
    .selectFrom('office_applications as a')
    .leftJoin('stations', 'stations.unit_id', 'a.unit_id')
    .selectAll('a')
    .select('stations.name as station_name')
    .where('a.application_id', '=', applicationId)
    .executeTakeFirst();
}

/** Other applications of the same NIK (as applicant), newest first. */
export async function applicationsOfNik(
  db: Kysely<HubDatabase>,
  nik: string,
  exceptId: string,
  limit = 50,
): Promise<QueueListRow[]> {
  return db
    .selectFrom('office_applications as a')
    .leftJoin('stations', 'stations.unit_id', 'a.unit_id')
    .selectAll('a')
    .select('stations.name as station_name')
    .where('a.applicant_nik', '=', nik)
    .where('a.application_id', '!=', exceptId)
    .orderBy('a.submitted_at', 'desc')
    .limit(limit)
    .execute();
}

/** Statuses in which the district works an application (and so may claim it). */
export const CLAIMABLE: readonly OfficeStatus[] = ['baru', 'diusulkan'];

/**
 * Takes the claim when nobody holds it, in one conditional UPDATE (atomic on both databases:
 * of two staff claiming at once exactly one changes the row). False: held, closed or unknown.
 */
export async function takeClaim(
  db: Kysely<HubDatabase>,
  applicationId: string,
  holder: { userId: string; name: string; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('office_applications')
    .set({
      claimed_by: holder.userId,
      claimed_by_name: holder.name,
      claimed_at: holder.at,
      updated_at: holder.at,
    })
    .where('application_id', '=', applicationId)
    .where('claimed_by', 'is', null)
    .where('office_status', 'in', CLAIMABLE)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends the claim if `holder` still holds it (atomic); false when it changed meanwhile. */
export async function dropClaim(
  db: Kysely<HubDatabase>,
  applicationId: string,
  holder: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('office_applications')
    .set({ claimed_by: null, claimed_by_name: null, claimed_at: null, updated_at: at })
    .where('application_id', '=', applicationId)
    .where('claimed_by', '=', holder)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Which of these photos the hub holds the bytes of. */
export async function storedPhotos(
  db: Kysely<HubDatabase>,
  sha256s: readonly string[],
): Promise<Set<string>> {
  if (sha256s.length === 0) return new Set();
  const rows = await db
    .selectFrom('attachments')
    .select('sha256')
    .where('sha256', 'in', sha256s)
    .where('data', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.sha256));
}
