import { sql, type Kysely } from 'kysely';

// Frozen once landed. Nonces of signed station requests, remembered while their time is inside
// the hub's clock window, so a captured request is answered once only (docs/sync-protocol.md,
// "Authentication of requests").
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table request_nonces (
      unit_id text not null,
      nonce text not null check (length(nonce) = 32),
      at text not null,
      primary key (unit_id, nonce)
    ) without rowid`.execute(db);
  await sql`create index request_nonces_at on request_nonces (at)`.execute(db);
}
