import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../electron/testing/hub';
import { hubMigrations } from './hub-migrations';
import type { HubDatabase } from './hub-schema';
import { openHubDatabase, type OpenedHubDb } from './open-hub';

/**
 * The four hub migrations that landed before the hub ran on PostgreSQL were rewritten with
 * db/portable.ts words (docs/decisions.md, "Hub on two databases", 2026-12-08). Their effect on
 * SQLite is frozen: the schema they make now must be, text for text, the one they made at
 * e0b2d68 (LANDED_SCHEMA, read from sqlite_master of a hub made at that commit). PostgreSQL gets
 * the same tables, columns, nullability and keys, with identity, bytea and bigint where SQLite
 * has integer primary key, blob and integer.
 */
const LANDED = [
  '2026_12_02_08_00_hub',
  '2026_12_07_10_00_request_nonces',
  '2026_12_07_20_00_usb_cursors_attachment_blobs',
  '2026_12_07_30_00_audit_anchors',
];

/** [type, name, sql] of sqlite_master after the four migrations at e0b2d68. */
const LANDED_SCHEMA: [string, string, string | null][] = [
  [
    'table',
    'attachments',
    `CREATE TABLE attachments (
      sha256 text primary key,
      size integer not null,
      file_name text not null,
      packet_id text not null
    , data blob) without rowid`,
  ],
  [
    'table',
    'audit_anchors',
    `CREATE TABLE audit_anchors (
      packet_id text primary key,
      unit_id text not null references stations (unit_id),
      seq integer not null check (seq >= 0),
      hash text not null check (length(hash) = 64),
      is_intact integer not null check (is_intact in (0, 1)),
      prev_packet_id text,
      prev_seq integer,
      prev_hash text,
      created_at text not null,
      received_at text not null,
      flag text,
      flag_message text
    ) without rowid`,
  ],
  [
    'index',
    'audit_anchors_prev',
    `CREATE INDEX audit_anchors_prev on audit_anchors (prev_packet_id)`,
  ],
  [
    'index',
    'audit_anchors_unit',
    `CREATE INDEX audit_anchors_unit on audit_anchors (unit_id, received_at)`,
  ],
  [
    'table',
    'documents',
    `CREATE TABLE documents (
      document_number text primary key,
      unit_id text not null,
      kind text not null,
      subject_id text not null,
      signed text not null,
      issued_at text not null,
      revoked_at text,
      revoke_reason text
    ) without rowid`,
  ],
  [
    'table',
    'kysely_migration',
    `CREATE TABLE "kysely_migration" ("name" varchar(255) not null primary key, "timestamp" varchar(255) not null)`,
  ],
  [
    'table',
    'kysely_migration_lock',
    `CREATE TABLE "kysely_migration_lock" ("id" varchar(255) not null primary key, "is_locked" integer default 0 not null)`,
  ],
  [
    'table',
    'packets',
    `CREATE TABLE packets (
      packet_id text primary key,
      unit_id text not null references stations (unit_id),
      sha256 text not null check (length(sha256) = 64),
      size integer not null check (size > 0),
      state text not null check (state in ('receiving', 'committed')),
      channel text not null check (channel in ('http', 'usb')),
      received_bytes integer not null default 0,
      announced_at text not null,
      committed_at text,
      receipt text,
      file_name text
    ) without rowid`,
  ],
  [
    'table',
    'records',
    `CREATE TABLE records (
      outbox_id text primary key,
      packet_id text not null references packets (packet_id),
      unit_id text not null,
      seq integer not null,
      aggregate text not null,
      aggregate_id text not null,
      op text not null,
      at text not null,
      data text not null,
      received_at text not null
    ) without rowid`,
  ],
  [
    'index',
    'records_aggregate',
    `CREATE INDEX records_aggregate on records (aggregate, aggregate_id)`,
  ],
  ['index', 'records_unit_seq', `CREATE INDEX records_unit_seq on records (unit_id, seq)`],
  [
    'table',
    'refusals',
    `CREATE TABLE refusals (
      id integer primary key,
      packet_id text not null,
      unit_id text,
      reason text not null,
      message text not null,
      channel text not null,
      at text not null
    )`,
  ],
  [
    'table',
    'request_nonces',
    `CREATE TABLE request_nonces (
      unit_id text not null,
      nonce text not null check (length(nonce) = 32),
      at text not null,
      primary key (unit_id, nonce)
    ) without rowid`,
  ],
  ['index', 'request_nonces_at', `CREATE INDEX request_nonces_at on request_nonces (at)`],
  [
    'table',
    'settings',
    `CREATE TABLE settings (
      key text primary key,
      value text not null
    ) without rowid`,
  ],
  ['index', 'sqlite_autoindex_kysely_migration_1', null],
  ['index', 'sqlite_autoindex_kysely_migration_lock_1', null],
  ['index', 'sqlite_autoindex_stations_2', null],
  [
    'table',
    'stations',
    `CREATE TABLE stations (
      unit_id text primary key,
      unit_code text not null,
      name text not null,
      region_code text not null,
      signing_key text not null unique,
      encryption_key text not null,
      enrolled_at text not null,
      revoked_at text
    ) without rowid`,
  ],
  [
    'table',
    'updates',
    `CREATE TABLE updates (
      seq integer primary key,
      unit_id text,
      kind text not null
        check (kind in ('application-status', 'recording-status', 'issued-document', 'revocation')),
      subject_id text not null,
      payload text not null,
      created_at text not null
    )`,
  ],
  ['index', 'updates_unit', `CREATE INDEX updates_unit on updates (unit_id, seq)`],
  [
    'table',
    'usb_cursors',
    `CREATE TABLE usb_cursors (
      unit_id text primary key,
      written_at text not null,
      nonce text not null check (length(nonce) = 32),
      seen_at text not null
    ) without rowid`,
  ],
];

const landedMigrations = () =>
  Object.fromEntries(
    LANDED.map((name) => {
      const migration = hubMigrations[name];
      if (!migration) throw new Error(`no hub migration ${name}`);
      return [name, migration];
    }),
  );

let dir: string | null = null;
let database: TestDatabase | null = null;
let opened: OpenedHubDb | null = null;
afterEach(async () => {
  await opened?.close();
  await database?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  [opened, database, dir] = [null, null, null];
});

async function openLanded(backend: 'sqlite' | 'postgres'): Promise<OpenedHubDb> {
  dir = mkdtempSync(join(tmpdir(), 'lm-hub-schema-'));
  if (backend === 'postgres') database = await createTestDatabase();
  opened = await openHubDatabase({
    dataDir: dir,
    key: null,
    databaseUrl: database?.url,
    migrations: landedMigrations(),
  });
  return opened;
}

interface Column {
  table: string;
  column: string;
  type: string;
  notNull: boolean;
  primaryKey: boolean;
}

async function sqliteColumns(db: Kysely<HubDatabase>): Promise<Column[]> {
  const { rows } = await sql<
    Omit<Column, 'notNull' | 'primaryKey'> & { notNull: number; primaryKey: number }
  >`
    select m.name as "table", c.name as "column", lower(c.type) as type,
      c."notnull" as "notNull", c.pk > 0 as "primaryKey"
    from sqlite_master m join pragma_table_info(m.name) c
    where m.type = 'table' and m.name not like 'kysely_%'
    order by 1, 2`.execute(db);
  return rows.map((r) => ({
    ...r,
    notNull: r.notNull === 1 || r.primaryKey === 1,
    primaryKey: r.primaryKey === 1,
  }));
}

async function postgresColumns(
  db: Kysely<HubDatabase>,
): Promise<(Column & { identity: boolean })[]> {
  const { rows } = await sql<Column & { identity: string; nullable: string }>`
    select c.table_name as "table", c.column_name as "column", c.data_type as type,
      c.is_nullable as nullable, c.is_identity as identity,
      exists (
        select 1 from information_schema.table_constraints t
        join information_schema.key_column_usage k
          on k.constraint_name = t.constraint_name and k.table_name = t.table_name
        where t.constraint_type = 'PRIMARY KEY' and t.table_name = c.table_name
          and k.column_name = c.column_name
      ) as "primaryKey"
    from information_schema.columns c
    where c.table_schema = 'public' and c.table_name not like 'kysely_%'
    order by 1, 2`.execute(db);
  return rows.map(({ nullable, identity, ...r }) => ({
    ...r,
    notNull: nullable === 'NO',
    identity: identity === 'YES',
  }));
}

describe('the landed hub migrations, written once for both databases', () => {
  it('make on SQLite exactly the schema they made when they landed (e0b2d68)', async () => {
    const { db } = await openLanded('sqlite');
    const { rows } = await sql<{ type: string; name: string; sql: string | null }>`
      select type, name, sql from sqlite_master order by name`.execute(db);
    expect(rows.map((r) => [r.type, r.name, r.sql])).toEqual(LANDED_SCHEMA);
  });

  it('make on PostgreSQL the same tables, columns and keys in its own types', async () => {
    const sqliteSide = await sqliteColumns((await openLanded('sqlite')).db);
    await afterEachNow();
    const pgSide = await postgresColumns((await openLanded('postgres')).db);
    expect(pgSide.map((c) => [c.table, c.column, c.notNull, c.primaryKey])).toEqual(
      sqliteSide.map((c) => [c.table, c.column, c.notNull, c.primaryKey]),
    );
    const expected: Record<string, string> = { text: 'text', blob: 'bytea' };
    for (const [i, column] of pgSide.entries()) {
      const sqliteType = sqliteSide[i]?.type ?? '';
      const name = `${column.table}.${column.column}`;
      if (sqliteType === 'integer')
        expect([name, column.type]).toEqual([name, expect.stringMatching(/^(integer|bigint)$/)]);
      else expect([name, column.type]).toEqual([name, expected[sqliteType]]);
    }
    const identities = pgSide.filter((c) => c.identity).map((c) => `${c.table}.${c.column}`);
    expect(identities).toEqual(['refusals.id', 'updates.seq']);
    // Outbox sequence numbers, sizes and the feed's numbers are 64-bit on PostgreSQL.
    const wide = pgSide.filter((c) => c.type === 'bigint').map((c) => `${c.table}.${c.column}`);
    expect(wide).toEqual([
      'attachments.size',
      'audit_anchors.prev_seq',
      'audit_anchors.seq',
      'packets.received_bytes',
      'packets.size',
      'records.seq',
      'refusals.id',
      'updates.seq',
    ]);
  });
});

async function afterEachNow(): Promise<void> {
  await opened?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  [opened, dir] = [null, null];
}
