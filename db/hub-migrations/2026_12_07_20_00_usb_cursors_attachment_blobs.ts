import { sql, type Kysely } from 'kysely';
import { portable } from '../portable';

// Frozen once landed; its words for both databases come from db/portable.ts since 2026-12-08, and
// the SQLite schema it makes is unchanged (db/hub-migrations.test.ts proves it).
// USB drives (docs/sync-protocol.md, "USB"): the last signed cursor file the hub accepted from each
// station (a copied or older cursor file proves nothing), and the district's copy of photos kept
// inside the encrypted database instead of plain files (hub.ts moves any files left by older
// versions in at open).
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = portable(db);
  const blob = sql.raw(t.blob);
  const withoutRowid = sql.raw(t.withoutRowid);
  await sql`
    create table usb_cursors (
      unit_id text primary key,
      written_at text not null,
      nonce text not null check (length(nonce) = 32),
      seen_at text not null
    ) ${withoutRowid}`.execute(db);
  await sql`alter table attachments add column data ${blob}`.execute(db);
}
