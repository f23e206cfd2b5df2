import { sql, type Kysely } from 'kysely';
import { portable } from '../portable';

// Frozen once landed. The district back-office's accounts, sessions and audit (issue 15;
// electron/hub/office/auth.ts, audit.ts). Written once for SQLite and PostgreSQL.
// - office_users: district staff; user_name is stored lower-case; a lockout after 5 failed
//   logins in a row sets locked_until.
// - office_sessions: keyed by the sha256 of the cookie's token (the token itself is never stored).
// - office_audit: a hash chain (hash = sha256(prev_hash + canonical JSON of the entry)); seq is
//   given by office_audit_head, whose one row is updated first by every append (it serialises
//   appenders on PostgreSQL and lets the verifier find a cut-off tail).
// - office_rate_limits: counters per key and fixed time window (login attempts per address,
//   failed logins per unknown user name).
export async function up(db: Kysely<unknown>): Promise<void> {
  const p = portable(db);
  await sql`
    create table office_users (
      id text primary key,
      user_name text not null unique check (user_name = lower(user_name)),
      display_name text not null,
      role text not null check (role in ('verifikator', 'penandatangan', 'admin', 'pemantau')),
      title text not null,
      password_hash text not null,
      created_at text not null,
      disabled_at text,
      failed_logins integer not null default 0,
      locked_until text,
      password_changed_at text not null
    ) ${sql.raw(p.withoutRowid)}`.execute(db);
  await sql`
    create table office_sessions (
      token_hash text primary key check (length(token_hash) = 64),
      user_id text not null references office_users (id),
      csrf_token text not null,
      created_at text not null,
      last_seen_at text not null,
      expires_at text not null
    ) ${sql.raw(p.withoutRowid)}`.execute(db);
  await sql`create index office_sessions_user on office_sessions (user_id)`.execute(db);
  await sql`
    create table office_audit (
      seq ${sql.raw(p.autoId)},
      at text not null,
      user_id text,
      user_name text not null,
      role text not null,
      action text not null,
      detail text not null,
      prev_hash text not null check (length(prev_hash) = 64),
      hash text not null check (length(hash) = 64)
    )`.execute(db);
  await sql`
    create table office_audit_head (
      id integer primary key check (id = 1),
      seq ${sql.raw(p.bigint)} not null,
      hash text not null check (length(hash) = 64)
    )`.execute(db);
  await sql`insert into office_audit_head (id, seq, hash) values (1, 0, ${'0'.repeat(64)})`.execute(
    db,
  );
  await sql`
    create table office_rate_limits (
      key text not null,
      window_start text not null,
      count integer not null,
      primary key (key, window_start)
    ) ${sql.raw(p.withoutRowid)}`.execute(db);
  await sql`create index office_rate_limits_window on office_rate_limits (window_start)`.execute(
    db,
  );
}
