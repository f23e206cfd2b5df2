import { sql, type Kysely } from 'kysely';
import type {
  ApplicationCheckRow,
  ApplicationClaimRow,
  ApplicationStatusRow,
  Database,
} from '../schema';

/**
 * The officer desk's reads and writes (docs/desk-verification.md): inbox, claims, the requirement
 * checklist, status changes and the daily counts. Writes are called inside the caller's
 * transaction, together with the audit and outbox entries.
 */

export interface InboxFilters {
  status?: string | undefined;
  serviceCode?: string | undefined;
  /** Kemendagri village code without dots. */
  villageCode?: string | undefined;
  /** Only applications whose Jakarta day is on or before this YYYY-MM-DD. */
  createdOnOrBefore?: string | undefined;
  /** The officer key (claims.user_id) for 'mine'. */
  claim?: { kind: 'mine'; userId: string } | { kind: 'free' } | undefined;
}

export interface InboxRow {
  id: string;
  number: string;
  service_code: string;
  status: string;
  channel: 'kiosk' | 'desk';
  applicant_name: string | null;
  applicant_nik: string | null;
  created_at: string;
  village_code: string | null;
  claim_user_id: string | null;
  claim_user_name: string | null;
  claimed_at: string | null;
  photo_count: number;
}

/**
 * The application's village: the address it gives (alamat-wilayah), else the registry address of
 * the applicant's family (by NIK, then by the No. KK given).
 */
const VILLAGE = sql<string | null>`coalesce(
  json_extract(a.fields, '$."alamat-wilayah"'),
  (SELECT f.village_code FROM residents r JOIN families f ON f.kk_number = r.kk_number
     WHERE r.nik = a.applicant_nik),
  (SELECT f.village_code FROM families f WHERE f.kk_number = a.applicant_kk))`;

function inboxBase(db: Kysely<Database>) {
  return db
    .selectFrom('applications as a')
    .leftJoin('application_claims as c', 'c.application_id', 'a.id')
    .select([
      'a.id',
      'a.number',
      'a.service_code',
      'a.status',
      'a.channel',
      // The wizard asks the name only where the service needs it; the registry knows the rest.
      sql<string | null>`coalesce(a.applicant_name,
        (SELECT r.name FROM residents r WHERE r.nik = a.applicant_nik))`.as('applicant_name'),
      'a.applicant_nik',
      'a.created_at',
      VILLAGE.as('village_code'),
      'c.user_id as claim_user_id',
      'c.user_name as claim_user_name',
      'c.claimed_at',
      sql<number>`(SELECT count(*) FROM application_photos p WHERE p.application_id = a.id)`.as(
        'photo_count',
      ),
    ]);
}

/** Every filter but the status: the status tabs count over the same selection. */
function filtered(db: Kysely<Database>, filters: InboxFilters) {
  let q = db.selectFrom(inboxBase(db).as('x')).selectAll();
  if (filters.serviceCode !== undefined) q = q.where('x.service_code', '=', filters.serviceCode);
  if (filters.villageCode !== undefined) q = q.where('x.village_code', '=', filters.villageCode);
  if (filters.createdOnOrBefore !== undefined)
    // created_at is UTC; Asia/Jakarta is UTC+7 without daylight saving.
    q = q.where(sql<string>`date(x.created_at, '+7 hours')`, '<=', filters.createdOnOrBefore);
  const claim = filters.claim;
  if (claim?.kind === 'mine') q = q.where('x.claim_user_id', '=', claim.userId);
  if (claim?.kind === 'free') q = q.where('x.claim_user_id', 'is', null);
  return q;
}

/** One page of the inbox, oldest first, and the counts per status without the status filter. */
export async function listInbox(
  db: Kysely<Database>,
  filters: InboxFilters,
  page: { offset: number; limit: number },
): Promise<{ rows: InboxRow[]; countsByStatus: Record<string, number> }> {
  let q = filtered(db, filters);
  if (filters.status !== undefined) q = q.where('x.status', '=', filters.status);
  const rows = (await q
    .orderBy('x.created_at')
    .orderBy('x.number')
    .offset(page.offset)
    .limit(page.limit)
    .execute()) as InboxRow[];
  const counts = await db
    .selectFrom(filtered(db, filters).as('y'))
    .select(['y.status', sql<number>`count(*)`.as('n')])
    .groupBy('y.status')
    .execute();
  return { rows, countsByStatus: Object.fromEntries(counts.map((c) => [c.status, c.n])) };
}

export async function getClaim(
  db: Kysely<Database>,
  applicationId: string,
): Promise<ApplicationClaimRow | null> {
  return (
    (await db
      .selectFrom('application_claims')
      .selectAll()
      .where('application_id', '=', applicationId)
      .executeTakeFirst()) ?? null
  );
}

export async function insertClaim(db: Kysely<Database>, claim: ApplicationClaimRow): Promise<void> {
  await db.insertInto('application_claims').values(claim).execute();
}

export async function deleteClaim(db: Kysely<Database>, applicationId: string): Promise<number> {
  const result = await db
    .deleteFrom('application_claims')
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function listChecks(
  db: Kysely<Database>,
  applicationId: string,
): Promise<ApplicationCheckRow[]> {
  return db
    .selectFrom('application_checks')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('requirement_code')
    .execute();
}

/** One line of the checklist; the last check of a requirement wins. */
export async function upsertCheck(db: Kysely<Database>, check: ApplicationCheckRow): Promise<void> {
  await db
    .insertInto('application_checks')
    .values(check)
    .onConflict((oc) =>
      oc.columns(['application_id', 'requirement_code']).doUpdateSet({
        state: check.state,
        note: check.note,
        user_id: check.user_id,
        user_name: check.user_name,
        at: check.at,
      }),
    )
    .execute();
}

export interface PhotoRefRow {
  requirement_code: string;
  sha256: string;
  width: number;
  height: number;
  size: number;
  taken_at: string;
}

/** The photos of an application without their bytes. */
export async function listPhotoRefs(
  db: Kysely<Database>,
  applicationId: string,
): Promise<PhotoRefRow[]> {
  return db
    .selectFrom('application_photos')
    .select([
      'requirement_code',
      'sha256',
      'width',
      'height',
      'taken_at',
      sql<number>`length(bytes)`.as('size'),
    ])
    .where('application_id', '=', applicationId)
    .orderBy('taken_at')
    .orderBy('sha256')
    .execute();
}

export async function getPhoto(
  db: Kysely<Database>,
  applicationId: string,
  sha256: string,
): Promise<{ requirement_code: string; bytes: Uint8Array; width: number; height: number } | null> {
  return (
    (await db
      .selectFrom('application_photos')
      .select(['requirement_code', 'bytes', 'width', 'height'])
      .where('application_id', '=', applicationId)
      .where('sha256', '=', sha256)
      .executeTakeFirst()) ?? null
  );
}

export interface StatusChange {
  applicationId: string;
  status: string;
  at: string;
  actor: string;
  actorUserId: string | null;
  note: string | null;
}

/** Sets the status and appends it to the history. Call inside a transaction. */
export async function changeStatus(db: Kysely<Database>, change: StatusChange): Promise<void> {
  await db
    .updateTable('applications')
    .set({ status: change.status })
    .where('id', '=', change.applicationId)
    .execute();
  await db
    .insertInto('application_status_history')
    .values({
      application_id: change.applicationId,
      status: change.status,
      at: change.at,
      actor: change.actor,
      actor_user_id: change.actorUserId,
      note: change.note,
    })
    .execute();
}

/** The latest history row with this status (who asked for the approval). */
export async function lastStatusEntry(
  db: Kysely<Database>,
  applicationId: string,
  status: string,
): Promise<ApplicationStatusRow | null> {
  return (
    (await db
      .selectFrom('application_status_history')
      .selectAll()
      .where('application_id', '=', applicationId)
      .where('status', '=', status)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst()) ?? null
  );
}

/** [from, to) as ISO UTC timestamps. */
export interface TimeRange {
  from: string;
  to: string;
}

/** Applications created in the range, per service. */
export async function countReceived(
  db: Kysely<Database>,
  range: TimeRange,
): Promise<Array<{ service_code: string; n: number }>> {
  return db
    .selectFrom('applications')
    .select(['service_code', sql<number>`count(*)`.as('n')])
    .where('created_at', '>=', range.from)
    .where('created_at', '<', range.to)
    .groupBy('service_code')
    .execute();
}

/** Status-history rows in the range with one of `statuses`, per service and status. */
export async function countStatusEntries(
  db: Kysely<Database>,
  range: TimeRange,
  statuses: readonly string[],
): Promise<Array<{ service_code: string; status: string; n: number }>> {
  if (statuses.length === 0) return [];
  return db
    .selectFrom('application_status_history as h')
    .innerJoin('applications as a', 'a.id', 'h.application_id')
    .select(['a.service_code', 'h.status', sql<number>`count(*)`.as('n')])
    .where('h.at', '>=', range.from)
    .where('h.at', '<', range.to)
    .where('h.status', 'in', statuses)
    .groupBy(['a.service_code', 'h.status'])
    .execute();
}

/** Printed copies (print_log rows) in the range, per service code (null: not an application). */
export async function countPrinted(
  db: Kysely<Database>,
  range: TimeRange,
): Promise<Array<{ service_code: string | null; n: number }>> {
  return db
    .selectFrom('print_log')
    .select(['service_code', sql<number>`count(*)`.as('n')])
    .where('at', '>=', range.from)
    .where('at', '<', range.to)
    .groupBy('service_code')
    .execute();
}
