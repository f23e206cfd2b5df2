import { sql, type Kysely } from 'kysely';

// Frozen once landed. Migrations never import application code.
// Blanks carried to an outreach event (issue 16; docs/outreach.md, "Stock"): a movement has a
// place, the office (event_id null) or one event's own stock (event_id). A transfer is a pair of
// rows with one transfer_id: 'transfer-out' (negative) where the blanks leave, 'transfer-in'
// (positive) where they arrive; the pair sums to zero, so the unit's total never counts a blank
// twice. Received and adjusted happen at the office only. SQLite cannot change a check constraint
// in place, so stock_movements is rebuilt with its rows, sequence numbers and index.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table stock_movements_new (
      seq integer primary key,
      id text not null unique,
      unit_id text not null,
      item text not null check (item in ('blanko-ktp-el', 'blanko-kia', 'ribbon')),
      kind text not null
        check (kind in ('received', 'used', 'spoiled', 'adjusted', 'transfer-out', 'transfer-in')),
      delta integer not null check (delta <> 0 and (kind = 'adjusted'
        or kind in ('received', 'transfer-in') and delta > 0
        or kind in ('used', 'spoiled', 'transfer-out') and delta < 0)),
      note text,
      print_run_id text,
      at text not null,
      user_id text,
      user_name text not null,
      event_id text references outreach_events (id),
      transfer_id text,
      check ((kind in ('transfer-out', 'transfer-in')) = (transfer_id is not null)),
      check (event_id is null or kind in ('used', 'spoiled', 'transfer-out', 'transfer-in'))
    )`.execute(db);
  await sql`
    insert into stock_movements_new
      (seq, id, unit_id, item, kind, delta, note, print_run_id, at, user_id, user_name)
    select seq, id, unit_id, item, kind, delta, note, print_run_id, at, user_id, user_name
    from stock_movements`.execute(db);
  await sql`drop table stock_movements`.execute(db);
  await sql`alter table stock_movements_new rename to stock_movements`.execute(db);
  await sql`create index stock_movements_item on stock_movements (unit_id, item, seq)`.execute(db);
  await sql`create index stock_movements_event on stock_movements (event_id, item)`.execute(db);
}
