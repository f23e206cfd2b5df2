import type { Kysely } from 'kysely';
import type {
  ApplicationRow,
  ApplicationStatusRow,
  Database,
  NewApplication,
  NewApplicationConsent,
  NewApplicationPhoto,
} from '../schema';

export interface NewApplicationRecord {
  application: NewApplication;
  photos: NewApplicationPhoto[];
  consent: NewApplicationConsent;
  /** The first status entry ('diajukan'). */
  status: { at: string; actor: string; note: string | null; actor_user_id?: string | null };
}

/** Inserts an application with its photos, consent and first status. Call inside a transaction. */
export async function insertApplication(
  db: Kysely<Database>,
  record: NewApplicationRecord,
): Promise<void> {
  await db.insertInto('applications').values(record.application).execute();
  for (const photo of record.photos) {
    await db.insertInto('application_photos').values(photo).execute();
  }
  await db.insertInto('application_consents').values(record.consent).execute();
  await db
    .insertInto('application_status_history')
    .values({
      application_id: record.application.id,
      status: record.application.status,
      ...record.status,
    })
    .execute();
}

async function applicationWhere(
  db: Kysely<Database>,
  column: 'id' | 'number',
  value: string,
): Promise<ApplicationRow | null> {
  return (
    (await db
      .selectFrom('applications')
      .selectAll()
      .where(column, '=', value)
      .executeTakeFirst()) ?? null
  );
}

export const getApplicationById = (db: Kysely<Database>, id: string) =>
  applicationWhere(db, 'id', id);

export const getApplicationByNumber = (db: Kysely<Database>, number: string) =>
  applicationWhere(db, 'number', number);

export async function listStatusHistory(
  db: Kysely<Database>,
  applicationId: string,
): Promise<ApplicationStatusRow[]> {
  return db
    .selectFrom('application_status_history')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();
}

/** Requirement codes photographed for an application (no bytes). */
export async function listPhotoRequirements(
  db: Kysely<Database>,
  applicationId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('application_photos')
    .select('requirement_code')
    .distinct()
    .where('application_id', '=', applicationId)
    .execute();
  return rows.map((r) => r.requirement_code);
}
