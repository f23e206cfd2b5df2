import { sql, type Kysely } from 'kysely';
import { portable } from '../portable';

// Frozen once landed; its words for both databases come from db/portable.ts since 2026-12-08, and
// the SQLite schema it makes is unchanged (db/hub-migrations.test.ts proves it).
// Nonces of signed station requests, remembered while their time is inside the hub's clock window,
// so a captured request is answered once only (docs/sync-protocol.md, "Authentication of
// requests").
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = portable(db);
  const withoutRowid = sql.raw(t.withoutRowid);
  await sql`
    create table request_nonces (
      unit_id text not null,
      nonce text not null check (length(nonce) = 32),
      at text not null,
      primary key (unit_id, nonce)
    ) ${withoutRowid}`.execute(db);
  await sql`create index request_nonces_at on request_nonces (at)`.execute(db);
}
