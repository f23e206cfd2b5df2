import { sql, type Kysely } from 'kysely';
import { portable } from '../portable';

// Frozen once landed. Back-office decisions (issue 15 item 5; electron/hub/office/decision.ts):
// - office_line_marks: a district staff member's mark of one requirement line of an application
//   (the last mark of a line wins: who, when);
// - office_document_pdfs: the PDFs SIAK produced (with its TTE) that were attached to an issued
//   document, by sha-256 (the signed document names the hash; the bytes travel to the station
//   with the update);
// - office_numbering: the district's numbering per document kind (pattern, sequence width,
//   when the sequence starts again); a kind without a row uses the built-in default;
// - office_number_counters: the last sequence number taken per kind and period, raised in the
//   issue's transaction (the row lock serialises two issues of one kind on PostgreSQL).
export async function up(db: Kysely<unknown>): Promise<void> {
  const p = portable(db);
  await sql`
    create table office_line_marks (
      application_id text not null,
      requirement_code text not null,
      state text not null check (state in ('sesuai', 'kurang', 'tidak-sesuai')),
      note text,
      marked_by text not null,
      marked_by_name text not null,
      marked_at text not null,
      primary key (application_id, requirement_code)
    ) ${sql.raw(p.withoutRowid)}`.execute(db);
  await sql`
    create table office_document_pdfs (
      sha256 text primary key check (length(sha256) = 64),
      data ${sql.raw(p.blob)} not null,
      size integer not null check (size > 0),
      created_at text not null
    )`.execute(db);
  await sql`
    create table office_numbering (
      kind text primary key,
      pattern text not null,
      width integer not null check (width between 1 and 8),
      reset text not null check (reset in ('daily', 'yearly', 'never')),
      updated_at text not null,
      updated_by text not null
    ) ${sql.raw(p.withoutRowid)}`.execute(db);
  await sql`
    create table office_number_counters (
      kind text not null,
      period text not null,
      last_value ${sql.raw(p.bigint)} not null check (last_value >= 0),
      primary key (kind, period)
    ) ${sql.raw(p.withoutRowid)}`.execute(db);
}
