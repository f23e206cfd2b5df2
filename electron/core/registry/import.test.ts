import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../testing/db';
import { writeSyntheticExtract } from '../demo/extract';
import { loadCodeLists } from './code-lists';
import { SAMPLE_HEAD, SAMPLE_WIFE, extractLine, headerLine } from '../../testing/extract';
import { cancelImport, getImport, importExtract, markInterrupted, toSummary } from './import';
import { nameTokens } from './names';

const codeLists = loadCodeLists(fileURLToPath(new URL('../../../resources', import.meta.url)));
const dir = mkdtempSync(join(tmpdir(), 'lm-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const now = () => new Date('2026-11-29T02:00:00Z');
let n = 0;
const newId = () => `imp-${++n}`;

const person = SAMPLE_HEAD;
const wife = SAMPLE_WIFE;

function csv(file: string, rows: Array<Record<string, string>>): string {
  const path = join(dir, file);
  writeFileSync(path, headerLine() + rows.map(extractLine).join(''));
  return path;
}

function dump(t: TestDb): string {
  const all = (sql: string) => t.sqlite.prepare(sql).all();
  return JSON.stringify([
    all('SELECT * FROM families ORDER BY kk_number'),
    all('SELECT * FROM residents ORDER BY id'),
    all('SELECT * FROM family_memberships ORDER BY id'),
    all('SELECT * FROM resident_name_tokens ORDER BY token, resident_id'),
  ]);
}
const count = (t: TestDb, table: string) =>
  t.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('importExtract', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb();
  });
  afterEach(() => t.dispose());

  it('imports a generated extract in chunks, then re-imports it without changing anything', async () => {
    const file = join(dir, 'gen.csv');
    const written = await writeSyntheticExtract(file, { residents: 2500, seed: 3 });
    const progress: number[] = [];
    const first = await importExtract(t, {
      file,
      codeLists,
      now,
      newId,
      chunkRows: 500,
      startedBy: 'spv',
      onProgress: (p) => progress.push(p.rowsRead),
    });
    expect(first).toMatchObject({
      status: 'done',
      rowsRead: written.residents,
      rowsAccepted: written.residents,
      rowsRejected: 0,
      rowsChanged: written.residents,
      startedBy: 'spv',
    });
    expect(progress.length).toBeGreaterThanOrEqual(5);
    expect(count(t, 'residents')).toBe(written.residents);
    expect(count(t, 'families')).toBe(written.families);
    expect(count(t, 'family_memberships')).toBe(written.residents);
    expect(count(t, 'resident_name_tokens')).toBeGreaterThan(written.residents);
    expect(count(t, 'registry_import_undo')).toBe(0);
    const heads = t.sqlite
      .prepare('SELECT count(*) FROM families WHERE head_nik IS NOT NULL')
      .pluck()
      .get();
    expect(heads).toBe(written.families);

    const before = dump(t);
    const again = await importExtract(t, { file, codeLists, now, newId, chunkRows: 500 });
    expect(again).toMatchObject({
      status: 'done',
      rowsAccepted: written.residents,
      rowsChanged: 0,
    });
    expect(dump(t)).toBe(before);
  });

  it('updates by NIK: a new KK closes the old membership and opens one (history)', async () => {
    await importExtract(t, { file: csv('a.csv', [person, wife]), codeLists, now, newId });
    const later = () => new Date('2026-12-05T02:00:00Z');
    const moved = {
      ...wife,
      NO_KK: '1602052011200002',
      STAT_HBKEL: '1',
      STAT_KWN: '3',
      NAMA_LGKP: 'SITI AISAH',
      ALAMAT: 'JL. DESA NO. 9',
    };
    const result = await importExtract(t, {
      file: csv('b.csv', [person, moved]),
      codeLists,
      now: later,
      newId,
    });
    expect(result).toMatchObject({ status: 'done', rowsAccepted: 2, rowsChanged: 1 });
    const history = t.sqlite
      .prepare(
        'SELECT kk_number, relationship, from_at, until_at FROM family_memberships WHERE nik = ? ORDER BY id',
      )
      .all(wife.NIK);
    expect(history).toEqual([
      {
        kk_number: '1602052011200001',
        relationship: 3,
        from_at: '2026-11-29T02:00:00.000Z',
        until_at: '2026-12-05T02:00:00.000Z',
      },
      {
        kk_number: '1602052011200002',
        relationship: 1,
        from_at: '2026-12-05T02:00:00.000Z',
        until_at: null,
      },
    ]);
    const tokens = t.sqlite
      .prepare(
        'SELECT token FROM resident_name_tokens WHERE resident_id = (SELECT id FROM residents WHERE nik = ?) ORDER BY token',
      )
      .pluck()
      .all(wife.NIK);
    expect(tokens).toEqual([...nameTokens('SITI AISAH')].sort());
    expect(
      t.sqlite
        .prepare('SELECT head_nik FROM families WHERE kk_number = ?')
        .pluck()
        .get('1602052011200002'),
    ).toBe(wife.NIK);
  });

  it('reports rejected rows with line, NIK, code and both messages', async () => {
    const secondHead = { ...person, NIK: '1602050202810001', TGL_LHR: '1981-02-02' };
    const badNik = { ...person, NIK: '160205010180' };
    const file = csv('r.csv', [
      person,
      badNik,
      wife,
      secondHead,
      { ...wife, NIK: '1602054502820002', AGAMA: 'X' },
    ]);
    const result = await importExtract(t, { file, codeLists, now, newId });
    expect(result).toMatchObject({ status: 'done', rowsRead: 5, rowsAccepted: 2, rowsRejected: 3 });
    const rejects = t.sqlite
      .prepare(
        'SELECT line, nik, code, message_id, message_en FROM registry_import_rejects ORDER BY line',
      )
      .all() as Array<{ line: number; nik: string; code: string; message_id: string }>;
    expect(rejects.map((r) => [r.line, r.nik, r.code])).toEqual([
      [3, '160205010180', 'NIK_LENGTH'],
      [5, '1602050202810001', 'HEAD_DUPLICATE'],
      [6, '1602054502820002', 'CODE_UNKNOWN'],
    ]);
    expect(rejects[1]?.message_id).toContain('KEPALA KELUARGA');
  });

  it('counts NIK warnings as warned rows and still imports them', async () => {
    const odd = { ...wife, TGL_LHR: '1982-02-06' };
    const result = await importExtract(t, {
      file: csv('w.csv', [person, odd]),
      codeLists,
      now,
      newId,
    });
    expect(result).toMatchObject({ rowsAccepted: 2, rowsWarned: 1, rowsRejected: 0 });
  });

  it('rolls a cancelled import back completely, also its updates and KK moves', async () => {
    const base = join(dir, 'base.csv');
    await writeSyntheticExtract(base, { residents: 600, seed: 11 });
    await importExtract(t, { file: base, codeLists, now, newId });
    const before = dump(t);
    // The same people plus a changed one first, then many new ones: cancel after two chunks.
    const moved = {
      ...person,
      NIK: t.sqlite
        .prepare('SELECT nik FROM residents WHERE relationship = 4 LIMIT 1')
        .pluck()
        .get() as string,
    };
    const changed = t.sqlite
      .prepare('SELECT * FROM residents WHERE nik = ?')
      .get(moved.NIK) as Record<string, string | number>;
    const moveRow = {
      ...person,
      NIK: moved.NIK,
      NO_KK: '1602052011209999',
      NAMA_LGKP: 'NAMA BARU',
      JENIS_KLMIN: String(changed['sex']),
      TGL_LHR: String(changed['birth_date']),
      STAT_KWN: '2',
      STAT_HBKEL: '1',
    };
    const more = join(dir, 'more.csv');
    await writeSyntheticExtract(more, { residents: 3000, seed: 12 });
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(more, 'utf8').split('\r\n');
    const file = join(dir, 'cancel.csv');
    writeFileSync(file, [lines[0], extractLine(moveRow).trimEnd(), ...lines.slice(1)].join('\r\n'));
    const controller = new AbortController();
    const result = await importExtract(t, {
      file,
      codeLists,
      now,
      newId,
      chunkRows: 200,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.rowsRead >= 400) controller.abort();
      },
    });
    expect(result.status).toBe('cancelled');
    expect(result.rowsRead).toBeGreaterThanOrEqual(400);
    expect(dump(t)).toBe(before);
    expect(count(t, 'registry_import_undo')).toBe(0);
  });

  it('shows a rollback in progress as cancelling, and a cut-off one as interrupted', async () => {
    const file = csv('c.csv', [person, wife]);
    await importExtract(t, { file, codeLists, now, newId });
    const id = 'imp-rollback';
    t.sqlite
      .prepare(
        `INSERT INTO registry_imports (id, file_name, size_bytes, status, created_at, created_by)
         VALUES (?, 'x.csv', 1, 'interrupted', ?, 'test')`,
      )
      .run(id, now().toISOString());
    const cancelling = cancelImport(t.sqlite, id, now().toISOString());
    // The status is written before the first await: a poll now must not look final.
    expect(toSummary(getImport(t.sqlite, id)!).status).toBe('cancelling');
    await cancelling;
    expect(toSummary(getImport(t.sqlite, id)!).status).toBe('cancelled');
    // A row left 'rolling_back' by a crash has no rollback running: the user cancels again.
    t.sqlite.prepare("UPDATE registry_imports SET status = 'rolling_back' WHERE id = ?").run(id);
    expect(toSummary(getImport(t.sqlite, id)!).status).toBe('interrupted');
  });

  it('fails a file with an unclosed quote and leaves no trace of it', async () => {
    const good = csv('g.csv', [person, wife]);
    await importExtract(t, { file: good, codeLists, now, newId });
    const before = dump(t);
    const file = join(dir, 'bad.csv');
    writeFileSync(
      file,
      headerLine() +
        extractLine({
          ...person,
          NIK: '1602050303830001',
          STAT_HBKEL: '4',
          STAT_KWN: '1',
          NAMA_LGKP: 'X',
        }) +
        // A quote that is never closed: the rest of the file cannot be read (stray quotes that
        // stay inside one line only reject that row, see import-malformed.test.ts).
        'a,"b\r\nc,d\r\n',
    );
    const result = await importExtract(t, { file, codeLists, now, newId, chunkRows: 1 });
    expect(result.status).toBe('failed');
    expect(result.message).toContain('CSV');
    expect(result.message).toContain('dibuka di baris 3');
    expect(dump(t)).toBe(before);
    const header = csv('h.csv', []);
    writeFileSync(header, 'NIK,NAMA\r\n');
    expect((await importExtract(t, { file: header, codeLists, now, newId })).status).toBe('failed');
    const missing = await importExtract(t, {
      file: join(dir, 'missing.csv'),
      sizeBytes: 10,
      codeLists,
      now,
      newId,
    });
    expect(missing).toMatchObject({ status: 'failed' });
    expect(missing.message).toContain('tidak dapat dibaca');
  });

  it('marks a running import interrupted at start, and cancel rolls it back', async () => {
    const file = csv('i.csv', [person, wife]);
    const result = await importExtract(t, { file, codeLists, now, newId });
    // Simulate a cut-off run: the status says running while nothing runs.
    t.sqlite
      .prepare("UPDATE registry_imports SET status = 'running' WHERE id = ?")
      .run(result.importId);
    expect(markInterrupted(t.sqlite).interrupted).toBe(1);
    expect(getImport(t.sqlite, result.importId)?.status).toBe('interrupted');
    await cancelImport(t.sqlite, result.importId, 'x');
    expect(count(t, 'residents')).toBe(0);
    expect(count(t, 'families')).toBe(0);
    expect(count(t, 'family_memberships')).toBe(0);
  });
});
