import { sql, type Kysely } from 'kysely';

// Frozen once landed. Migrations never import application code.
// The officer desk and printing (issue 5; docs/desk-verification.md, docs/printing.md):
// - application_claims: who is working on an application now (one officer at a time).
// - application_checks: the requirement checklist, one line per requirement, last word wins.
// - application_status_history.actor_user_id: the account behind a status change (the desk
//   summary and the four-eyes rule need the account, not a display name).
// - print_log: every printed copy (who, what, which copy, reprint reason); print_archive: the PDF
//   of each print run, inside the encrypted database (personal data is never a loose file).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table application_claims (
      application_id text primary key references applications (id),
      user_id text not null,
      user_name text not null,
      claimed_at text not null
    ) without rowid`.execute(db);

  await sql`
    create table application_checks (
      application_id text not null references applications (id),
      requirement_code text not null,
      state text not null check (state in ('ok', 'bad', 'missing')),
      note text,
      user_id text,
      user_name text not null,
      at text not null,
      primary key (application_id, requirement_code)
    ) without rowid`.execute(db);

  await sql`alter table application_status_history add column actor_user_id text`.execute(db);

  await sql`
    create table print_log (
      seq integer primary key,
      id text not null unique,
      run_id text not null,
      at text not null,
      user_id text,
      user_name text not null,
      kind text not null,
      subject_type text not null check (subject_type in ('application', 'kk', 'resident')),
      subject_key text not null,
      subject_label text not null,
      application_id text,
      service_code text,
      copy_number integer not null check (copy_number >= 1),
      is_draft integer not null check (is_draft in (0, 1)),
      is_reprint integer not null check (is_reprint in (0, 1)),
      reprint_reason text check (is_reprint = 0 or length(trim(reprint_reason)) >= 5),
      printer_name text,
      is_printed integer not null check (is_printed in (0, 1)),
      unique (kind, subject_type, subject_key, copy_number)
    )`.execute(db);
  await sql`create index print_log_at on print_log (at)`.execute(db);
  await sql`create index print_log_application on print_log (application_id)`.execute(db);

  await sql`
    create table print_archive (
      run_id text primary key,
      mime text not null check (mime = 'application/pdf'),
      bytes blob not null check (length(bytes) between 1 and 20971520),
      sha256 text not null check (length(sha256) = 64),
      created_at text not null
    ) without rowid`.execute(db);
}
