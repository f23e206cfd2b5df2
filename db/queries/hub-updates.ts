import type { Insertable, Kysely } from 'kysely';
import type { HubDatabase, HubDocumentsTable, HubUpdatesTable } from '../hub-schema';

/** The feed stations pull, the records decisions are made on, and the documents issued. */

export async function insertUpdate(
  db: Kysely<HubDatabase>,
  update: Insertable<HubUpdatesTable>,
): Promise<void> {
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

/** How many documents have a number starting with `prefix`. */
export async function countDocuments(db: Kysely<HubDatabase>, prefix: string): Promise<number> {
  const row = await db
    .selectFrom('documents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('document_number', 'like', `${prefix}%`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
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
