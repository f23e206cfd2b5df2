import type SQLite from 'better-sqlite3-multiple-ciphers';
import { crashPoint } from '../../../db/crash-point';
import { nameTokens } from './names';
import { RESIDENT_FIELDS } from './resident-writer';

/**
 * Undoes everything one import wrote, in short transactions. Every step is idempotent, so a
 * rollback cut short (crash, power loss) is finished by running it again:
 *   1. residents it updated get their previous values back (registry_import_undo);
 *   2. residents it inserted (source = the import's tag) and their name tokens are deleted;
 *   3. memberships it opened are deleted, those it closed are reopened;
 *   4. families it updated get their previous values back, those it inserted are deleted.
 */
export async function rollbackImport(
  sqlite: SQLite.Database,
  importId: string,
  options: { batch?: number; onStep?: (done: number) => void } = {},
): Promise<number> {
  const batch = options.batch ?? 2000;
  const tag = `import:${importId}`;
  let done = 0;
  // Between batches the event loop runs: undoing a million rows must not freeze the station.
  const step = async (work: () => number) => {
    // Crash harness only (db/crash-point.ts): announced before each batch commits.
    const once = sqlite.transaction(() => {
      const n = work();
      crashPoint?.('commit');
      return n;
    });
    for (;;) {
      while (sqlite.inTransaction) await new Promise((resolve) => setTimeout(resolve, 2));
      const n = once();
      done += n;
      options.onStep?.(done);
      if (n === 0) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  const undoRows = sqlite.prepare(
    'SELECT key, data FROM registry_import_undo WHERE import_id = ? AND kind = ? LIMIT ?',
  );
  const dropUndo = sqlite.prepare(
    'DELETE FROM registry_import_undo WHERE import_id = ? AND kind = ? AND key = ?',
  );
  const restoreResident = sqlite.prepare(
    `UPDATE residents SET ${[...RESIDENT_FIELDS, 'name_key', 'updated_at', 'source']
      .map((f) => `${f} = @${f}`)
      .join(', ')} WHERE id = @id`,
  );
  const currentName = sqlite.prepare('SELECT name FROM residents WHERE id = ?').pluck();
  const deleteTokens = sqlite.prepare('DELETE FROM resident_name_tokens WHERE resident_id = ?');
  const insertToken = sqlite.prepare(
    'INSERT OR IGNORE INTO resident_name_tokens (token, resident_id) VALUES (?, ?)',
  );
  await step(() => {
    const rows = undoRows.all(importId, 'resident', batch) as Array<{ key: string; data: string }>;
    for (const row of rows) {
      const previous = JSON.parse(row.data) as Record<string, unknown> & {
        id: number;
        name: string;
      };
      if (currentName.get(previous.id) !== previous.name) {
        deleteTokens.run(previous.id);
        for (const token of nameTokens(previous.name)) insertToken.run(token, previous.id);
      }
      restoreResident.run(previous);
      dropUndo.run(importId, 'resident', row.key);
    }
    return rows.length;
  });

  let lastId = 0;
  const insertedResidents = sqlite
    .prepare('SELECT id FROM residents WHERE id > ? AND source = ? ORDER BY id LIMIT ?')
    .pluck();
  const deleteResident = sqlite.prepare('DELETE FROM residents WHERE id = ?');
  await step(() => {
    const ids = insertedResidents.all(lastId, tag, batch) as number[];
    for (const id of ids) {
      deleteTokens.run(id);
      deleteResident.run(id);
      lastId = id;
    }
    return ids.length;
  });

  lastId = 0;
  const openedMemberships = sqlite
    .prepare('SELECT id FROM family_memberships WHERE id > ? AND reason = ? ORDER BY id LIMIT ?')
    .pluck();
  const deleteMembership = sqlite.prepare('DELETE FROM family_memberships WHERE id = ?');
  await step(() => {
    const ids = openedMemberships.all(lastId, tag, batch) as number[];
    for (const id of ids) {
      deleteMembership.run(id);
      lastId = id;
    }
    return ids.length;
  });
  const reopen = sqlite.prepare('UPDATE family_memberships SET until_at = NULL WHERE id = ?');
  await step(() => {
    const rows = undoRows.all(importId, 'membership', batch) as Array<{ key: string }>;
    for (const row of rows) {
      reopen.run(Number(row.key));
      dropUndo.run(importId, 'membership', row.key);
    }
    return rows.length;
  });

  const restoreFamily = sqlite.prepare(
    `UPDATE families SET head_nik = @head_nik, address = @address, rt = @rt, rw = @rw,
     dusun = @dusun, village_code = @village_code, postal_code = @postal_code,
     issued_at = @issued_at, updated_at = @updated_at, source = @source
     WHERE kk_number = @kk_number`,
  );
  await step(() => {
    const rows = undoRows.all(importId, 'family', batch) as Array<{ key: string; data: string }>;
    for (const row of rows) {
      restoreFamily.run(JSON.parse(row.data) as Record<string, unknown>);
      dropUndo.run(importId, 'family', row.key);
    }
    return rows.length;
  });
  let lastKk = '';
  const insertedFamilies = sqlite
    .prepare(
      `SELECT kk_number FROM families WHERE kk_number > ? AND source = ?
       ORDER BY kk_number LIMIT ?`,
    )
    .pluck();
  const deleteFamily = sqlite.prepare('DELETE FROM families WHERE kk_number = ?');
  await step(() => {
    const kks = insertedFamilies.all(lastKk, tag, batch) as string[];
    for (const kk of kks) {
      deleteFamily.run(kk);
      lastKk = kk;
    }
    return kks.length;
  });
  return done;
}
