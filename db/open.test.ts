import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DbOpenError, openDatabase } from './open';
import { appendAudit } from './queries/audit';
import { putSetting } from './queries/settings';

const KEY = Buffer.alloc(32, 1);
const SECRET = 'SITI NURHALIZA BINTI AHMAD 1602055512030001';

function readAll(dir: string): Buffer {
  return Buffer.concat(readdirSync(dir).map((name) => readFileSync(join(dir, name))));
}

describe('openDatabase', () => {
  it('writes no readable plaintext to the database, WAL or anywhere in its folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lm-enc-'));
    const opened = await openDatabase({ file: join(dir, 'station.db'), key: KEY });
    await putSetting(opened.db, 'probe', { name: SECRET }, '2026-11-29T00:00:00Z');
    await appendAudit(opened.db, KEY, {
      id: 'a1',
      at: '2026-11-29T00:00:00Z',
      actor: 'test',
      role: 'admin',
      action: 'probe',
      detail: { text: SECRET },
    });
    // Read while the WAL still holds the pages, then again after the checkpoint on close.
    expect(readAll(dir).includes(SECRET)).toBe(false);
    expect(readAll(dir).includes('audit_log')).toBe(false);
    await opened.close();
    expect(readAll(dir).includes(SECRET)).toBe(false);
    expect(readFileSync(join(dir, 'station.db')).subarray(0, 16).toString()).not.toBe(
      'SQLite format 3\0',
    );
  });

  it('the same data without a key is readable: the check above can fail', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lm-plain-'));
    const opened = await openDatabase({ file: join(dir, 'station.db'), key: null });
    await putSetting(opened.db, 'probe', { name: SECRET }, '2026-11-29T00:00:00Z');
    await opened.close();
    expect(readAll(dir).includes(SECRET)).toBe(true);
  });

  it('refuses a wrong key with DB_WRONG_KEY and leaves the file byte-for-byte unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lm-wrong-'));
    const file = join(dir, 'station.db');
    const opened = await openDatabase({ file, key: KEY });
    await putSetting(opened.db, 'probe', 1, '2026-11-29T00:00:00Z');
    await opened.close();
    const before = readFileSync(file);
    await expect(openDatabase({ file, key: Buffer.alloc(32, 2) })).rejects.toMatchObject({
      code: 'DB_WRONG_KEY',
    });
    await expect(openDatabase({ file, key: null })).rejects.toBeInstanceOf(DbOpenError);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`).length : 0).toBe(0);
    const again = await openDatabase({ file, key: KEY });
    expect(again.isNew).toBe(false);
    await again.close();
  });

  it('sets WAL, foreign keys, FULL sync and a busy timeout, and migrates idempotently', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lm-pragmas-'));
    const file = join(dir, 'station.db');
    const opened = await openDatabase({ file, key: KEY });
    expect(opened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(opened.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(opened.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(opened.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    await opened.close();
    copyFileSync(file, join(dir, 'copy.db'));
    const reopened = await openDatabase({ file: join(dir, 'copy.db'), key: KEY });
    const tables = reopened.sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'audit_log',
        'outbox',
        'queue_tickets',
        'sequences',
        'settings',
        'unit',
        'users',
      ]),
    );
    await reopened.close();
  });
});
