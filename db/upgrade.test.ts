import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureKey, FIXTURES_DIR, UPGRADE_FIXTURES } from './fixtures';
import { migrations } from './migrations';
import { openDatabase } from './open';
import { verifyAuditChain } from './queries/audit';

/**
 * Stations in the field update over their own data (issue 13 §2 "Upgrade"). Each fixture is a
 * station database written by the code of an earlier commit, with rows in every table
 * (scripts/make-upgrade-fixture.ts; db/README.md "Upgrade fixtures"); the current code must open
 * it, run every later migration and keep every row.
 */

/**
 * Tables added after the newest fixture's commit, each awaiting rows in a newer fixture; a new
 * table not listed here and empty in every fixture fails the test below.
 */
const AWAITING_FIXTURE_ROWS: Record<string, string> = {
  login_locks: '2026_12_07_10_00_login_locks (issue 13 finding 1.10), after 47feccf',
  issued_pdfs: '2026_12_08_02_00_issued_pdfs (issue 15 item 5), after the commit that adds it',
  outreach_events: '2026_12_08_10_00_outreach (issue 16), after the commit that adds it',
  outreach_team: '2026_12_08_10_00_outreach (issue 16), after the commit that adds it',
  outreach_services: '2026_12_08_10_00_outreach (issue 16), after the commit that adds it',
  outreach_readiness: '2026_12_08_10_00_outreach (issue 16), after the commit that adds it',
  outreach_visits: '2026_12_08_10_00_outreach (issue 16), after the commit that adds it',
  outreach_visit_services: '2026_12_08_10_00_outreach (issue 16), after the commit that adds it',
  outreach_calls: '2026_12_08_10_00_outreach (issue 16), after the commit that adds it',
  outreach_reports: '2026_12_08_10_00_outreach (issue 16), after the commit that adds it',
  lan_devices: '2026_12_08_10_00_outreach (issue 16), after the commit that adds it',
  lan_pairing_offers: '2026_12_08_10_00_outreach (issue 16), after the commit that adds it',
};

/**
 * Columns a later migration rewrites on purpose (table -> column -> why). Every other column of
 * every fixture row must read back byte for byte.
 */
const REWRITTEN_COLUMNS: Record<string, Record<string, string>> = {};

const cleanup: string[] = [];
afterEach(() => {
  for (const dir of cleanup.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the fixture in a fresh folder (the fixture itself is never opened for writing). */
function copyOf(name: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lm-upgrade-'));
  cleanup.push(dir);
  const file = join(dir, 'station.db');
  copyFileSync(join(FIXTURES_DIR, `${name}.db`), file);
  return { dir, file };
}

type Rows = Map<string, Record<string, unknown>>;

function openRaw(file: string, key: Buffer): SQLite.Database {
  const db = new SQLite(file, { readonly: true });
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${key.toString('hex')}'"`);
  return db;
}

/** Every row of every table, by primary key (rowid where the table has none). */
function readAll(db: SQLite.Database): Map<string, Rows> {
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
    .pluck()
    .all() as string[];
  const out = new Map<string, Rows>();
  for (const table of tables) {
    const info = db.prepare('SELECT name, pk FROM pragma_table_info(?)').all(table) as {
      name: string;
      pk: number;
    }[];
    const keys = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    const select = keys.length > 0 ? '*' : 'rowid AS "(rowid)", *';
    const keyOf = (row: Record<string, unknown>) =>
      JSON.stringify(keys.length > 0 ? keys.map((k) => row[k.name]) : [row['(rowid)']]);
    const rows: Rows = new Map();
    for (const row of db.prepare(`SELECT ${select} FROM "${table}"`).all() as Record<
      string,
      unknown
    >[]) {
      rows.set(keyOf(row), row);
    }
    out.set(table, rows);
  }
  return out;
}

function comparable(value: unknown): unknown {
  return Buffer.isBuffer(value) ? `blob:${value.toString('hex')}` : value;
}

describe.each(UPGRADE_FIXTURES)('upgrade from %s', (name) => {
  it('runs every migration and keeps every row of every table, column for column', async () => {
    const key = fixtureKey(name);
    const { file } = copyOf(name);
    const raw = openRaw(file, key);
    const before = readAll(raw);
    const applied = raw.prepare('SELECT name FROM kysely_migration').pluck().all() as string[];
    raw.close();
    const pending = Object.keys(migrations).filter((m) => !applied.includes(m));
    // The fixture predates at least its own commit's successors, and every table has rows.
    for (const [table, rows] of before) {
      if (!table.startsWith('kysely_migration'))
        expect([table, rows.size > 0]).toEqual([table, true]);
    }

    const opened = await openDatabase({ file, key });
    try {
      const ran = (
        await opened.db
          .selectFrom('kysely_migration' as never)
          .select('name' as never)
          .execute()
      ).map((row) => (row as { name: string }).name);
      expect(ran.sort()).toEqual(Object.keys(migrations).sort());
      expect(pending.every((m) => ran.includes(m))).toBe(true);

      const after = readAll(opened.sqlite);
      for (const [table, rows] of before) {
        if (table === 'kysely_migration' || table === 'kysely_migration_lock') continue;
        const now = after.get(table);
        expect(now, `table ${table} is gone`).toBeDefined();
        expect([table, now?.size]).toEqual([table, rows.size]);
        const rewritten = REWRITTEN_COLUMNS[table] ?? {};
        for (const [rowKey, row] of rows) {
          const kept = now?.get(rowKey);
          expect(kept, `${table} row ${rowKey} is gone`).toBeDefined();
          for (const [column, value] of Object.entries(row)) {
            if (column in rewritten) continue;
            expect([table, rowKey, column, comparable(kept?.[column])]).toEqual([
              table,
              rowKey,
              column,
              comparable(value),
            ]);
          }
        }
      }

      // Every table of the current schema has rows from a fixture, or waits for one by name.
      const unfilled = [...after.keys()].filter(
        (table) =>
          !table.startsWith('sqlite_') && !before.has(table) && !(table in AWAITING_FIXTURE_ROWS),
      );
      expect(unfilled, 'new tables need rows in an upgrade fixture (db/README.md)').toEqual([]);

      expect(await verifyAuditChain(opened.db)).toMatchObject({ isIntact: true });
    } finally {
      await opened.close();
    }
  });
});
