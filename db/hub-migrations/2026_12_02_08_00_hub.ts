import { sql, type Kysely } from 'kysely';
import { portable } from '../portable';

// Frozen once landed; its words for both databases come from db/portable.ts since 2026-12-08, and
// the SQLite schema it makes is unchanged (db/hub-migrations.test.ts proves it).
// The district hub's first schema (db/hub-schema.ts, docs/sync-protocol.md).
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = portable(db);
  const bigint = sql.raw(t.bigint);
  const autoId = sql.raw(t.autoId);
  const withoutRowid = sql.raw(t.withoutRowid);
  await sql`
    create table stations (
      unit_id text primary key,
      unit_code text not null,
      name text not null,
      region_code text not null,
      signing_key text not null unique,
      encryption_key text not null,
      enrolled_at text not null,
      revoked_at text
    ) ${withoutRowid}`.execute(db);
  await sql`
    create table packets (
      packet_id text primary key,
      unit_id text not null references stations (unit_id),
      sha256 text not null check (length(sha256) = 64),
      size ${bigint} not null check (size > 0),
      state text not null check (state in ('receiving', 'committed')),
      channel text not null check (channel in ('http', 'usb')),
      received_bytes ${bigint} not null default 0,
      announced_at text not null,
      committed_at text,
      receipt text,
      file_name text
    ) ${withoutRowid}`.execute(db);
  await sql`
    create table records (
      outbox_id text primary key,
      packet_id text not null references packets (packet_id),
      unit_id text not null,
      seq ${bigint} not null,
      aggregate text not null,
      aggregate_id text not null,
      op text not null,
      at text not null,
      data text not null,
      received_at text not null
    ) ${withoutRowid}`.execute(db);
  await sql`create index records_unit_seq on records (unit_id, seq)`.execute(db);
  await sql`create index records_aggregate on records (aggregate, aggregate_id)`.execute(db);
  await sql`
    create table attachments (
      sha256 text primary key,
      size ${bigint} not null,
      file_name text not null,
      packet_id text not null
    ) ${withoutRowid}`.execute(db);
  await sql`
    create table refusals (
      id ${autoId},
      packet_id text not null,
      unit_id text,
      reason text not null,
      message text not null,
      channel text not null,
      at text not null
    )`.execute(db);
  await sql`
    create table updates (
      seq ${autoId},
      unit_id text,
      kind text not null
        check (kind in ('application-status', 'recording-status', 'issued-document', 'revocation')),
      subject_id text not null,
      payload text not null,
      created_at text not null
    )`.execute(db);
  await sql`create index updates_unit on updates (unit_id, seq)`.execute(db);
  await sql`
    create table documents (
      document_number text primary key,
      unit_id text not null,
      kind text not null,
      subject_id text not null,
      signed text not null,
      issued_at text not null,
      revoked_at text,
      revoke_reason text
    ) ${withoutRowid}`.execute(db);
  await sql`
    create table settings (
      key text primary key,
      value text not null
    ) ${withoutRowid}`.execute(db);
}
