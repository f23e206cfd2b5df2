import { sql, type Kysely } from 'kysely';

// Frozen once landed. Migrations never import application code.
// The PDFs the district attached to issued documents (issue 15; docs/sync-packets.md, "Issued
// documents with a SIAK PDF"): produced by SIAK with the Head of Dinas's TTE, signed into the
// document by its sha-256 and stored here only when the bytes hash to it. The desk prints exactly
// these bytes instead of its own template (hash-checked again at print time).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table issued_pdfs (
      document_number text primary key references issued_documents (document_number),
      sha256 text not null check (length(sha256) = 64),
      data blob not null,
      size integer not null check (size > 0),
      received_at text not null
    )`.execute(db);
}
