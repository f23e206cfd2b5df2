import type { Insertable, Kysely } from 'kysely';
import type { Database, HardwareChecksTable } from '../schema';

/** The checks before a trip (docs/ktp-recording.md, "Hardware check"). */

export async function insertHardwareCheck(
  db: Kysely<Database>,
  row: Insertable<HardwareChecksTable>,
): Promise<void> {
  await db.insertInto('hardware_checks').values(row).execute();
}

/**
 * The latest time in the audit log (by time, not by sequence: after the clock was set back, the
 * newest rows carry older times than the ones before them). Null on an empty log.
 */
export async function latestAuditAt(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('at').as('at'))
    .executeTakeFirst();
  return row?.at ?? null;
}
