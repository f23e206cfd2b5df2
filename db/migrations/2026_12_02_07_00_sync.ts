import { sql, type Kysely } from 'kysely';

// Frozen once landed. Migrations never import application code.
// District sync, station side (issue 7; docs/sync-packets.md, docs/sync-protocol.md):
// - sync_packets: every packet built from the outbox, its file, upload progress, retry schedule
//   and the district's signed receipt. Outbox rows point at their packet (outbox.packet_id) from
//   the moment the packet file exists; outbox.exported_at is set only by a verified receipt.
// - outbox_rejections: outbox rows the district refused, with its reason (shown to officers;
//   never silently dropped).
// - district_updates: every update pulled from the district (by its sequence, so a repeated pull
//   applies nothing twice), issued_documents: documents the district issued with its signature
//   (printed with the verification QR), revocations: document numbers the district revoked.
// - purged_photos: photos of originals deleted after the district's receipt and the retention
//   period (what was there, when it went), so the desk can say "dihapus" instead of "hilang".
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sync_packets (
      id text primary key,
      from_seq integer not null,
      to_seq integer not null check (to_seq >= from_seq),
      record_count integer not null check (record_count > 0),
      attachment_count integer not null,
      file_name text not null unique,
      sha256 text not null check (length(sha256) = 64),
      size integer not null check (size > 0),
      state text not null check (state in ('ready', 'receipted')),
      built_at text not null,
      uploaded_bytes integer not null default 0,
      attempts integer not null default 0,
      next_attempt_at text,
      last_error text,
      usb_exported_at text,
      receipt text,
      receipted_at text
    ) without rowid`.execute(db);
  await sql`create index sync_packets_state on sync_packets (state, from_seq)`.execute(db);
  await sql`create index outbox_packet on outbox (packet_id)`.execute(db);

  await sql`
    create table outbox_rejections (
      outbox_id text primary key,
      packet_id text not null references sync_packets (id),
      reason text not null,
      at text not null
    ) without rowid`.execute(db);

  await sql`
    create table district_updates (
      seq integer primary key,
      kind text not null,
      subject_id text not null,
      payload text not null,
      created_at text not null,
      applied_at text not null,
      outcome text not null
    )`.execute(db);

  await sql`
    create table issued_documents (
      document_number text primary key,
      kind text not null,
      application_id text,
      recording_id text,
      signed text not null,
      qr_payload text not null,
      issued_at text not null,
      received_at text not null
    ) without rowid`.execute(db);
  await sql`create index issued_documents_application on issued_documents (application_id)`.execute(
    db,
  );

  await sql`
    create table revocations (
      document_number text primary key,
      reason text not null,
      revoked_at text not null,
      received_at text not null
    ) without rowid`.execute(db);

  await sql`
    create table purged_photos (
      application_id text not null,
      sha256 text not null,
      requirement_code text not null,
      purged_at text not null,
      primary key (application_id, sha256)
    ) without rowid`.execute(db);
}
