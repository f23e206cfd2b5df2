import { sql, type Kysely } from 'kysely';

// Frozen once landed. Migrations never import application code.
// Applications taken at the kiosk or the desk (docs/kiosk-applications.md): the record, the photos
// of the originals (inside the encrypted database, so encrypted at rest), the consent the applicant
// accepted, and the status history the status check shows. `status` has no CHECK list on purpose:
// the officer states come in a later issue and SQLite cannot alter a CHECK without a table rebuild.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table applications (
      id text primary key,
      number text not null unique,
      service_code text not null,
      status text not null,
      applicant_nik text check (applicant_nik is null or length(applicant_nik) = 16),
      applicant_kk text check (applicant_kk is null or length(applicant_kk) = 16),
      applicant_name text,
      fields text not null check (json_valid(fields)),
      channel text not null check (channel in ('kiosk', 'desk')),
      created_at text not null,
      unit_id text not null,
      is_training integer not null check (is_training in (0, 1))
    )`.execute(db);
  await sql`create index applications_created on applications (created_at)`.execute(db);
  await sql`create index applications_nik on applications (applicant_nik)`.execute(db);

  await sql`
    create table application_photos (
      application_id text not null references applications (id),
      requirement_code text not null,
      mime text not null check (mime = 'image/jpeg'),
      bytes blob not null check (length(bytes) between 1 and 307200),
      sha256 text not null check (length(sha256) = 64),
      width integer not null check (width > 0),
      height integer not null check (height > 0),
      taken_at text not null,
      primary key (application_id, sha256)
    ) without rowid`.execute(db);

  await sql`
    create table application_consents (
      application_id text primary key references applications (id),
      version text not null,
      text_sha256 text not null check (length(text_sha256) = 64),
      language text not null check (language in ('id', 'en')),
      accepted_at text not null
    ) without rowid`.execute(db);

  await sql`
    create table application_status_history (
      id integer primary key,
      application_id text not null references applications (id),
      status text not null,
      at text not null,
      actor text not null,
      note text
    )`.execute(db);
  await sql`create index application_status_history_app
    on application_status_history (application_id, id)`.execute(db);
}
