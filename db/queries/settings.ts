import type { Kysely } from 'kysely';
import type { Database } from '../schema';

export async function getSetting<T>(db: Kysely<Database>, key: string): Promise<T | null> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row ? (JSON.parse(row.value) as T) : null;
}

export async function putSetting(
  db: Kysely<Database>,
  key: string,
  value: unknown,
  at: string,
): Promise<void> {
  const text = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: text, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: text, updated_at: at }))
    .execute();
}
