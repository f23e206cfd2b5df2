import { sql, type Insertable, type Kysely } from 'kysely';
import type {
  Database,
  DistrictUpdatesTable,
  IssuedDocumentsTable,
  IssuedPdfsTable,
  RevocationsTable,
} from '../schema';

/** What the station keeps of the district's answers: updates pulled, documents, revocations. */

export async function isDistrictUpdateSeen(db: Kysely<Database>, seq: number): Promise<boolean> {
  const row = await db
    .selectFrom('district_updates')
    .select('seq')
    .where('seq', '=', seq)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertDistrictUpdate(
  db: Kysely<Database>,
  update: Insertable<DistrictUpdatesTable>,
): Promise<void> {
  await db.insertInto('district_updates').values(update).execute();
}

/** The fields a district status needs of an application. */
export async function applicationForStatus(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('applications')
    .select(['id', 'status', 'number', 'applicant_nik'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertIssuedDocument(
  db: Kysely<Database>,
  document: Insertable<IssuedDocumentsTable>,
): Promise<void> {
  await db
    .insertInto('issued_documents')
    .values(document)
    .onConflict((oc) => oc.column('document_number').doNothing())
    .execute();
}

/** The SIAK PDF of an issued document (stored only once its hash matched the signed one). */
export async function insertIssuedPdf(
  db: Kysely<Database>,
  pdf: Insertable<IssuedPdfsTable>,
): Promise<void> {
  await db
    .insertInto('issued_pdfs')
    .values(pdf)
    .onConflict((oc) => oc.column('document_number').doNothing())
    .execute();
}

export async function insertRevocation(
  db: Kysely<Database>,
  revocation: Insertable<RevocationsTable>,
): Promise<void> {
  await db
    .insertInto('revocations')
    .values(revocation)
    .onConflict((oc) => oc.column('document_number').doNothing())
    .execute();
}

/**
 * Photos of originals the district holds for longer than the retention (receipted before
 * `cutoff`) of applications no longer in one of `keepStatuses`; at most 1000 at a time.
 */
export async function photosDueForPurge(
  db: Kysely<Database>,
  query: { cutoff: string; keepStatuses: string[]; aggregate: string },
) {
  return db
    .selectFrom('application_photos as p')
    .innerJoin('applications as a', 'a.id', 'p.application_id')
    .select(['p.application_id', 'p.sha256', 'p.requirement_code'])
    .where('a.status', 'not in', query.keepStatuses)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('outbox as o')
          .select('o.seq')
          .whereRef('o.aggregate_id', '=', 'p.application_id')
          .where('o.aggregate', '=', query.aggregate)
          .where('o.exported_at', 'is not', null)
          .where('o.exported_at', '<=', query.cutoff)
          // The row that carried this photo: its payload names the photo's hash.
          .where(sql<boolean>`instr(o.payload, p.sha256) > 0`),
      ),
    )
    .limit(1000)
    .execute();
}

/** Deletes one photo and leaves its tombstone (purged_photos). */
export async function purgePhoto(
  db: Kysely<Database>,
  photo: { application_id: string; sha256: string; requirement_code: string },
  at: string,
): Promise<void> {
  await db
    .insertInto('purged_photos')
    .values({ ...photo, purged_at: at })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db
    .deleteFrom('application_photos')
    .where('application_id', '=', photo.application_id)
    .where('sha256', '=', photo.sha256)
    .execute();
}

/** The SIAK PDF stored with an issued document (undefined: none). */
export async function issuedPdf(db: Kysely<Database>, documentNumber: string) {
  return db
    .selectFrom('issued_pdfs')
    .select(['sha256', 'data', 'size'])
    .where('document_number', '=', documentNumber)
    .executeTakeFirst();
}
