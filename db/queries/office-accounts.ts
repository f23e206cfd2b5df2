import type { Kysely, Updateable } from 'kysely';
import type {
  HubDatabase,
  OfficeAuditRow,
  OfficeAuditTable,
  OfficeSessionsTable,
  OfficeUserRow,
  OfficeUsersTable,
} from '../hub-schema';

/**
 * The back-office's accounts, sessions, audit chain and rate limits (issue 15;
 * electron/hub/office/auth.ts and audit.ts). Portable: SQLite and PostgreSQL.
 */
type Db = Kysely<HubDatabase>;

// ---- users ------------------------------------------------------------------------------------

/** Inserts a user; false when the user name is taken. */
export async function insertOfficeUser(db: Db, row: OfficeUserRow): Promise<boolean> {
  const inserted = await db
    .insertInto('office_users')
    .values(row)
    .onConflict((oc) => oc.column('user_name').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function officeUserByName(
  db: Db,
  userName: string,
): Promise<OfficeUserRow | undefined> {
  return db
    .selectFrom('office_users')
    .selectAll()
    .where('user_name', '=', userName)
    .executeTakeFirst();
}

export async function officeUserById(db: Db, id: string): Promise<OfficeUserRow | undefined> {
  return db.selectFrom('office_users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listOfficeUsers(
  db: Db,
): Promise<(OfficeUserRow & { last_seen_at: string | null })[]> {
  const users = await db.selectFrom('office_users').selectAll().orderBy('user_name').execute();
  const seen = await db
    .selectFrom('office_sessions')
    .select(['user_id', (eb) => eb.fn.max('last_seen_at').as('last_seen_at')])
    .groupBy('user_id')
    .execute();
  const lastSeen = new Map(seen.map((row) => [row.user_id, row.last_seen_at]));
  return users.map((user) => ({ ...user, last_seen_at: lastSeen.get(user.id) ?? null }));
}

export async function updateOfficeUser(
  db: Db,
  id: string,
  patch: Updateable<OfficeUsersTable>,
): Promise<void> {
  await db.updateTable('office_users').set(patch).where('id', '=', id).execute();
}

/** Active (not disabled) administrators, leaving out `exceptId`. */
export async function countActiveAdmins(db: Db, exceptId?: string): Promise<number> {
  let query = db
    .selectFrom('office_users')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null);
  if (exceptId) query = query.where('id', '!=', exceptId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Counts one more failed login (atomically: two failures at once both count) and answers the
 * count in a row.
 */
export async function addFailedLogin(db: Db, id: string): Promise<number> {
  const row = await db
    .updateTable('office_users')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', id)
    .returning('failed_logins')
    .executeTakeFirstOrThrow();
  return Number(row.failed_logins);
}

// ---- sessions ---------------------------------------------------------------------------------

export async function insertOfficeSession(db: Db, row: OfficeSessionsTable): Promise<void> {
  await db.insertInto('office_sessions').values(row).execute();
}

export async function officeSessionByHash(
  db: Db,
  tokenHash: string,
): Promise<(OfficeSessionsTable & { user: OfficeUserRow }) | undefined> {
  const session = await db
    .selectFrom('office_sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!session) return undefined;
  const user = await officeUserById(db, session.user_id);
  return user ? { ...session, user } : undefined;
}

export async function touchOfficeSession(db: Db, tokenHash: string, at: string): Promise<void> {
  await db
    .updateTable('office_sessions')
    .set({ last_seen_at: at })
    .where('token_hash', '=', tokenHash)
    .execute();
}

export async function deleteOfficeSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('office_sessions').where('token_hash', '=', tokenHash).execute();
}

/** Ends every session of a user, but `keepTokenHash` (the caller's own, on a password change). */
export async function deleteSessionsOfUser(
  db: Db,
  userId: string,
  keepTokenHash?: string,
): Promise<number> {
  let query = db.deleteFrom('office_sessions').where('user_id', '=', userId);
  if (keepTokenHash) query = query.where('token_hash', '!=', keepTokenHash);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Sessions past their absolute limit or idle since `idleBefore`. */
export async function deleteStaleSessions(db: Db, at: string, idleBefore: string): Promise<void> {
  await db
    .deleteFrom('office_sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', at), eb('last_seen_at', '<', idleBefore)]))
    .execute();
}

// ---- rate limits ------------------------------------------------------------------------------

/** Counts one more hit of `key` in the window starting at `windowStart`; the count after it. */
export async function bumpRateLimit(db: Db, key: string, windowStart: string): Promise<number> {
  const row = await db
    .insertInto('office_rate_limits')
    .values({ key, window_start: windowStart, count: 1 })
    .onConflict((oc) =>
      oc
        .columns(['key', 'window_start'])
        .doUpdateSet((eb) => ({ count: eb('office_rate_limits.count', '+', 1) })),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function rateLimitCount(db: Db, key: string, windowStart: string): Promise<number> {
  const row = await db
    .selectFrom('office_rate_limits')
    .select('count')
    .where('key', '=', key)
    .where('window_start', '=', windowStart)
    .executeTakeFirst();
  return row ? Number(row.count) : 0;
}

export async function pruneRateLimits(db: Db, before: string): Promise<void> {
  await db.deleteFrom('office_rate_limits').where('window_start', '<', before).execute();
}

// ---- audit chain ------------------------------------------------------------------------------

export interface OfficeAuditHead {
  seq: number;
  hash: string;
}

/**
 * The chain's head, taken for an append: the update locks the head row until the transaction
 * ends (PostgreSQL), so appenders take turns; SQLite serialises writers anyway.
 */
export async function lockOfficeAuditHead(db: Db): Promise<OfficeAuditHead> {
  const row = await db
    .updateTable('office_audit_head')
    .set((eb) => ({ seq: eb.ref('seq') }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  return { seq: Number(row.seq), hash: row.hash };
}

export async function officeAuditHead(db: Db): Promise<OfficeAuditHead> {
  const row = await db
    .selectFrom('office_audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { seq: Number(row.seq), hash: row.hash };
}

export async function insertOfficeAudit(db: Db, row: OfficeAuditTable): Promise<void> {
  await db.insertInto('office_audit').values(row).execute();
  await db
    .updateTable('office_audit_head')
    .set({ seq: row.seq, hash: row.hash })
    .where('id', '=', 1)
    .execute();
}

/** Newest first, before `beforeSeq` when given. */
export async function listOfficeAudit(
  db: Db,
  options: { limit: number; beforeSeq?: number | undefined },
): Promise<OfficeAuditRow[]> {
  let query = db.selectFrom('office_audit').selectAll().orderBy('seq', 'desc').limit(options.limit);
  if (options.beforeSeq !== undefined) query = query.where('seq', '<', options.beforeSeq);
  return (await query.execute()).map(numericSeq);
}

/** Oldest first, after `afterSeq` (the verifier reads the chain in pages). */
export async function officeAuditPage(
  db: Db,
  afterSeq: number,
  limit: number,
): Promise<OfficeAuditRow[]> {
  return (
    await db
      .selectFrom('office_audit')
      .selectAll()
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute()
  ).map(numericSeq);
}

const numericSeq = (row: OfficeAuditRow): OfficeAuditRow => ({ ...row, seq: Number(row.seq) });
