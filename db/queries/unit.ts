import type { Kysely } from 'kysely';
import type { Database, NewUnit, UnitRow } from '../schema';

export async function getUnit(db: Kysely<Database>): Promise<UnitRow | null> {
  return (await db.selectFrom('unit').selectAll().executeTakeFirst()) ?? null;
}

export async function createUnit(db: Kysely<Database>, unit: NewUnit): Promise<void> {
  await db.insertInto('unit').values(unit).execute();
}
