import { sql, type Kysely } from 'kysely';

// Frozen once landed. Audit anchoring (issue 13 finding 1.8; docs/sync-packets.md, "Audit
// anchor"): every packet's signed manifest carries the station's audit head, and the station
// remembers which head each packet carried, so the next manifest can restate the hash now found
// at that sequence number (the hub compares it with the anchor it stored). `built_order` orders the
// anchored packets as they were built (the table has no rowid and built_at may repeat). All three
// are null for packets built before this migration.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table sync_packets add column audit_seq integer check (audit_seq >= 0)`.execute(
    db,
  );
  await sql`
    alter table sync_packets add column audit_hash text check (length(audit_hash) = 64)`.execute(
    db,
  );
  await sql`alter table sync_packets add column built_order integer`.execute(db);
}
