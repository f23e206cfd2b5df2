import { sql, type Kysely } from 'kysely';

// Frozen once landed. Migrations never import application code.
// Login failures and locks per account AND source (issue 13 finding 1.10; docs/accounts.md): five
// wrong PINs from one kiosk socket lock that socket's address out of the account, not the
// administrator at the machine. `source` is the connection source's key (`ws:<address>`, `ipc`,
// `memory`); `lock_count` doubles the next lock from the same source (growing backoff) until a
// successful login from it or an administrator's unlock. The account-wide columns
// users.failed_attempts and users.locked_until are no longer written (kept: never drop data).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table login_locks (
      user_id text not null references users (id) on delete cascade,
      source text not null check (length(source) between 1 and 80),
      failed_attempts integer not null default 0 check (failed_attempts >= 0),
      locked_until text,
      lock_count integer not null default 0 check (lock_count >= 0),
      updated_at text not null,
      primary key (user_id, source)
    ) without rowid`.execute(db);
}
