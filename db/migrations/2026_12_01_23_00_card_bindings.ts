import { sql, type Kysely } from 'kysely';

// Frozen once landed. Migrations never import application code.
// KTP-el chip UIDs bound to residents (docs/kiosk-applications.md, "Card tap"). Without a Dukcapil
// SAM a reader gets only the chip's UID (domain §5.5), so the station keeps which card is whose.
// One UID belongs to one NIK (the primary key); a resident may have several rows over time (a
// replaced card), the older ones released. No foreign key to residents: a registry import or its
// rollback may remove a resident, and the binding then simply finds nobody.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table card_bindings (
      uid text primary key check (uid = upper(uid) and length(uid) in (8, 14, 20)),
      resident_nik text not null check (length(resident_nik) = 16),
      bound_at text not null,
      bound_by text,
      released_at text
    ) without rowid`.execute(db);
  await sql`create index card_bindings_resident on card_bindings (resident_nik)`.execute(db);
}
