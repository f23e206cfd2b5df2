import { sql, type Kysely } from 'kysely';
import { portable } from '../portable';

// Frozen once landed. Station health for the back-office's station list (issue 15 item 7): per
// station the latest health its packets' manifests carried (docs/sync-packets.md, "Station
// health"; the packet with the highest outbox seq wins, whatever order packets arrive in), the
// hub's time of its last packet and of its last signed request (last contact). Also the reason a
// station's key was revoked.
export async function up(db: Kysely<unknown>): Promise<void> {
  const p = portable(db);
  await sql`
    create table station_health (
      unit_id text primary key references stations (unit_id),
      last_contact_at text,
      last_packet_id text,
      last_packet_at text,
      last_packet_channel text check (last_packet_channel is null or last_packet_channel in ('http', 'usb')),
      health_seq ${sql.raw(p.bigint)},
      software_version text,
      backlog_records ${sql.raw(p.bigint)},
      oldest_unsynced_at text,
      guard_level text check (guard_level is null or guard_level in ('ok', 'warn', 'block')),
      guard_reasons text not null default '',
      free_bytes ${sql.raw(p.bigint)},
      station_time text,
      packet_created_at text
    ) ${sql.raw(p.withoutRowid)}`.execute(db);
  await sql`alter table stations add column revoke_reason text`.execute(db);
}
