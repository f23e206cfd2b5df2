import { sql, type Kysely } from 'kysely';

// Frozen once landed. USB drives (docs/sync-protocol.md, "USB"): the last signed cursor file the
// hub accepted from each station (a copied or older cursor file proves nothing), and the
// district's copy of photos kept inside the encrypted database instead of plain files
// (hub.ts moves any files left by older versions in at open).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table usb_cursors (
      unit_id text primary key,
      written_at text not null,
      nonce text not null check (length(nonce) = 32),
      seen_at text not null
    ) without rowid`.execute(db);
  await sql`alter table attachments add column data blob`.execute(db);
}
