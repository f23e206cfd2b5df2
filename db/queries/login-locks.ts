import type { Kysely } from 'kysely';
import type { Database, LoginLockRow } from '../schema';

export async function getLoginLock(
  db: Kysely<Database>,
  userId: string,
  source: string,
): Promise<LoginLockRow | null> {
  return (
    (await db
      .selectFrom('login_locks')
      .selectAll()
      .where('user_id', '=', userId)
      .where('source', '=', source)
      .executeTakeFirst()) ?? null
  );
}

/** Every source's row of the given accounts (the accounts screen). */
export async function listLoginLocks(db: Kysely<Database>): Promise<LoginLockRow[]> {
  return db.selectFrom('login_locks').selectAll().orderBy('user_id').orderBy('source').execute();
}

export async function putLoginLock(db: Kysely<Database>, row: LoginLockRow): Promise<void> {
  await db
    .insertInto('login_locks')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['user_id', 'source']).doUpdateSet({
        failed_attempts: row.failed_attempts,
        locked_until: row.locked_until,
        lock_count: row.lock_count,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

/** A successful login from one source clears that source's row only. */
export async function deleteLoginLock(
  db: Kysely<Database>,
  userId: string,
  source: string,
): Promise<void> {
  await db
    .deleteFrom('login_locks')
    .where('user_id', '=', userId)
    .where('source', '=', source)
    .execute();
}

/** An administrator's unlock clears every source's row of the account. */
export async function deleteLoginLocksOf(db: Kysely<Database>, userId: string): Promise<number> {
  const result = await db
    .deleteFrom('login_locks')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
