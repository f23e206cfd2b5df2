import { sql, type Kysely } from 'kysely';

// Frozen once landed. Migrations never import application code.
// Bookkeeping of district-extract imports (docs/registry-import.md): one row per import with its
// resume point, the rejected rows, and the undo log that lets a cancelled or crashed import be
// rolled back (previous values of the rows it updated; rows it inserted carry its source tag).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table registry_imports (
      id text primary key,
      file_name text not null,
      size_bytes integer not null check (size_bytes >= 0),
      received_bytes integer not null default 0,
      staged_file text,
      status text not null check (status in
        ('uploading', 'running', 'done', 'cancelled', 'failed', 'interrupted', 'rolling_back')),
      created_at text not null,
      created_by text not null,
      started_at text,
      started_by text,
      finished_at text,
      records_done integer not null default 0,
      rows_read integer not null default 0,
      rows_accepted integer not null default 0,
      rows_rejected integer not null default 0,
      rows_warned integer not null default 0,
      rows_changed integer not null default 0,
      message text
    )`.execute(db);
  await sql`create index registry_imports_created on registry_imports (created_at)`.execute(db);

  await sql`
    create table registry_import_rejects (
      import_id text not null references registry_imports (id),
      line integer not null,
      nik text,
      code text not null,
      message_id text not null,
      message_en text not null,
      primary key (import_id, line)
    ) without rowid`.execute(db);

  await sql`
    create table registry_import_undo (
      import_id text not null,
      kind text not null check (kind in ('resident', 'family', 'membership')),
      key text not null,
      data text not null check (json_valid(data)),
      primary key (import_id, kind, key)
    ) without rowid`.execute(db);
}
