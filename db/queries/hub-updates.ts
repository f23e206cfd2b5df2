import { sql, type Insertable, type Kysely } from 'kysely';
import type { HubDatabase, HubDocumentsTable, HubUpdatesTable } from '../hub-schema';
import { isPostgres } from './hub-dialect';

/** The feed stations pull, the records decisions are made on, and the documents issued. */

/** The PostgreSQL advisory lock that puts the feed's numbers in commit order ("LMUP"). */
const FEED_LOCK = 0x4c4d5550;

/**
 * Queues one update. Stations pull "everything after the last seq I have", so a number must
 * never become visible after a higher one: on SQLite one connection commits in number order;
 * on PostgreSQL each writer takes FEED_LOCK (held to its commit) before it draws its number, or
 * a transaction that drew 5 and committed after one that drew 6 would be skipped for good.
 */
export async function insertUpdate(
  db: Kysely<HubDatabase>,
  update: Insertable<HubUpdatesTable>,
): Promise<void> {
  if (isPostgres(db)) {
    if (!db.isTransaction) return db.transaction().execute((trx) => insertUpdate(trx, update));
    await sql`select pg_advisory_xact_lock(${FEED_LOCK})`.execute(db);
  }
  await db.insertInto('updates').values(update).execute();
}

/** A unit's updates after `after` and every unit's (revocations), in feed order. */
export async function updatesAfter(
  db: Kysely<HubDatabase>,
  unitId: string,
  after: number,
  limit: number,
) {
  return db
    .selectFrom('updates')
    .selectAll()
    .where('seq', '>', after)
    .where((eb) => eb.or([eb('unit_id', '=', unitId), eb('unit_id', 'is', null)]))
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** Whether an update about the subject already carries this status. */
export async function hasStatusUpdate(
  db: Kysely<HubDatabase>,
  subjectId: string,
  status: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('updates')
    .select('seq')
    .where('subject_id', '=', subjectId)
    .where('payload', 'like', `%"status":"${status}"%`)
    .executeTakeFirst();
  return row !== undefined;
}

/** The records of one aggregate instance, in the station's order. */
export async function recordsOf(db: Kysely<HubDatabase>, aggregate: string, aggregateId: string) {
  return db
    .selectFrom('records')
    .selectAll()
    .where('aggregate', '=', aggregate)
    .where('aggregate_id', '=', aggregateId)
    .orderBy('seq')
    .execute();
}

export async function insertDocument(
  db: Kysely<HubDatabase>,
  document: Insertable<HubDocumentsTable>,
): Promise<void> {
  await db.insertInto('documents').values(document).execute();
}

export async function documentByNumber(db: Kysely<HubDatabase>, documentNumber: string) {
  return db
    .selectFrom('documents')
    .selectAll()
    .where('document_number', '=', documentNumber)
    .executeTakeFirst();
}

export async function markDocumentRevoked(
  db: Kysely<HubDatabase>,
  documentNumber: string,
  revocation: { revoked_at: string; revoke_reason: string },
): Promise<void> {
  await db
    .updateTable('documents')
    .set(revocation)
    .where('document_number', '=', documentNumber)
    .execute();
}
