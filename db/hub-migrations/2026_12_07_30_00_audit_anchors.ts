import { sql, type Kysely } from 'kysely';
import { portable } from '../portable';

// Frozen once landed; its words for both databases come from db/portable.ts since 2026-12-08, and
// the SQLite schema it makes is unchanged (db/hub-migrations.test.ts proves it).
// Audit anchors (issue 13 finding 1.8; docs/sync-protocol.md, "Audit anchors"): the audit head
// (seq, hash) each station signed into each packet's manifest, kept per packet, with the hash the
// same manifest restated for the station's previous packet's anchor. `flag` is set when a check
// failed (the station's audit chain was rewritten or broken); the packet's records are kept all the
// same, and the receipt echoes the anchor with its flag.
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = portable(db);
  const bigint = sql.raw(t.bigint);
  const withoutRowid = sql.raw(t.withoutRowid);
  await sql`
    create table audit_anchors (
      packet_id text primary key,
      unit_id text not null references stations (unit_id),
      seq ${bigint} not null check (seq >= 0),
      hash text not null check (length(hash) = 64),
      is_intact integer not null check (is_intact in (0, 1)),
      prev_packet_id text,
      prev_seq ${bigint},
      prev_hash text,
      created_at text not null,
      received_at text not null,
      flag text,
      flag_message text
    ) ${withoutRowid}`.execute(db);
  await sql`create index audit_anchors_unit on audit_anchors (unit_id, received_at)`.execute(db);
  await sql`create index audit_anchors_prev on audit_anchors (prev_packet_id)`.execute(db);
}
