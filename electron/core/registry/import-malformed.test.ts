import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../testing/db';
import { loadCodeLists } from './code-lists';
import {
  SAMPLE_HEAD,
  SAMPLE_WIFE,
  extractLine,
  headerLine,
  type ExtractRow,
} from '../../testing/extract';
import { SeenNiks, getImport, importExtract, markInterrupted } from './import';
import { OKI_V1, writeRegionCsvs } from '../../testing/regions';
import { loadRegions } from './regions';

/**
 * The requirement, end to end at the core level: a malformed extract (bad NIK, unknown
 * village, broken quoting, duplicate NIK, an invalid update) yields a clear report, its valid rows
 * are imported, and the registry is exactly as before for every rejected row.
 */

const codeLists = loadCodeLists(fileURLToPath(new URL('../../../resources', import.meta.url)));
const dir = mkdtempSync(join(tmpdir(), 'lm-malformed-'));
const regionDir = writeRegionCsvs(OKI_V1);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(regionDir, { recursive: true, force: true });
});
const now = () => new Date('2026-11-29T02:00:00Z');
let n = 0;
const newId = () => `imp-${++n}`;

type Row = ExtractRow;
const line = extractLine;

const KK1 = '1602052011200001';
const KK2 = '1602052011200002';
const KK3 = '1602052011200003';
const KK4 = '1602052011200004';
const head: Row = { ...SAMPLE_HEAD, NO_KK: KK1 };
const wife: Row = { ...SAMPLE_WIFE, NO_KK: KK1 };
const otherHead: Row = {
  ...head,
  NO_KK: KK2,
  NIK: '1602050303750001',
  NAMA_LGKP: 'AHMAD DAHLAN',
  TGL_LHR: '1975-03-03',
  ALAMAT: 'JL. SUDIRMAN NO. 7',
};
// New people in the malformed file.
const child: Row = {
  ...head,
  NIK: '1602051505100001',
  NAMA_LGKP: 'RIZKI YUSUF',
  TGL_LHR: '2010-05-15',
  STAT_KWN: '1',
  STAT_HBKEL: '4',
};
const badNik: Row = { ...head, NIK: '1602053213800001', NAMA_LGKP: 'NIK RUSAK', STAT_HBKEL: '4' };
const elsewhere: Row = {
  ...head,
  NO_KK: KK3,
  NIK: '1602050404900001',
  NAMA_LGKP: 'BUDI SANTOSO',
  TGL_LHR: '1990-04-04',
  NO_KEL: '2999',
};
const aminah: Row = {
  ...head,
  NO_KK: KK4,
  NIK: '1602054107950001',
  NAMA_LGKP: 'SITI AMINAH',
  JENIS_KLMIN: '2',
  TGL_LHR: '1995-07-01',
  STAT_KWN: '1',
  ALAMAT: 'JL. MAWAR NO. 3',
  NO_KEL: '1001',
};
const aminahAgain: Row = { ...aminah, NAMA_LGKP: 'SITI AMINAH BINTI ALI', ALAMAT: 'JL. LAIN 9' };
const wifeBroken: Row = { ...wife, NAMA_LGKP: 'SITI AISYAH BARU', AGAMA: 'X' };

function write(file: string, text: string): string {
  const path = join(dir, file);
  writeFileSync(path, text);
  return path;
}

/** Full rows of the given people and families: residents, families, memberships, tokens. */
function snapshot(t: TestDb, niks: string[], kks: string[]): unknown {
  const inList = (xs: string[]) => xs.map(() => '?').join(', ');
  const all = (sql: string, params: string[]) => t.sqlite.prepare(sql).all(...params);
  return {
    residents: all(`SELECT * FROM residents WHERE nik IN (${inList(niks)}) ORDER BY nik`, niks),
    families: all(`SELECT * FROM families WHERE kk_number IN (${inList(kks)}) ORDER BY 1`, kks),
    memberships: all(
      `SELECT * FROM family_memberships WHERE nik IN (${inList(niks)}) ORDER BY id`,
      niks,
    ),
    tokens: all(
      `SELECT r.nik, t.token FROM resident_name_tokens t JOIN residents r ON r.id = t.resident_id
       WHERE r.nik IN (${inList(niks)}) ORDER BY 1, 2`,
      niks,
    ),
  };
}

const TABLES = ['residents', 'families', 'family_memberships', 'resident_name_tokens'] as const;
const counts = (t: TestDb) =>
  Object.fromEntries(
    TABLES.map((table) => [
      table,
      t.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number,
    ]),
  );
const tokensOf = (t: TestDb, nik: string) =>
  t.sqlite
    .prepare(
      `SELECT count(*) FROM resident_name_tokens
       WHERE resident_id = (SELECT id FROM residents WHERE nik = ?)`,
    )
    .pluck()
    .get(nik) as number;

interface Reject {
  line: number;
  nik: string | null;
  code: string;
  message_id: string;
  message_en: string;
}
const rejectsOf = (t: TestDb, importId: string) =>
  t.sqlite
    .prepare(
      `SELECT line, nik, code, message_id, message_en FROM registry_import_rejects
       WHERE import_id = ? ORDER BY line`,
    )
    .all(importId) as Reject[];

describe('import of a malformed extract', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb();
    await loadRegions(t, { csvDir: regionDir, version: 'v1', source: 'test', at: 'x' });
  });
  afterEach(() => t.dispose());

  it('reports every bad row clearly, imports the good ones, and leaves the rest as it was', async () => {
    const good = write('good.csv', headerLine() + [head, wife, otherHead].map(line).join(''));
    expect(await importExtract(t, { file: good, codeLists, now, newId })).toMatchObject({
      status: 'done',
      rowsAccepted: 3,
    });

    const rejectedNiks = [badNik, elsewhere, otherHead, wife].map((r) => r['NIK'] as string);
    const before = snapshot(t, rejectedNiks, [KK1, KK2, KK3]);
    const countsBefore = counts(t);

    // The quoting row would move AHMAD DAHLAN to a new address; its stray quotes are not
    // escaped (a quote inside an unquoted field).
    const brokenQuoting = line({ ...otherHead, NAMA_LGKP: 'AHMAD DAHLAN BARU' }).replace(
      'JL. SUDIRMAN NO. 7',
      'JL. "SUDIRMAN" NO. 8',
    );
    const file = write(
      'malformed.csv',
      [
        headerLine(), // line 1
        line(head), // 2: unchanged
        line(child), // 3: new, accepted
        line(badNik), // 4: NIK day 32
        line(elsewhere), // 5: village 16.02.05.2999 does not exist
        brokenQuoting, // 6: CSV_QUOTING, reading goes on at line 7
        line(aminah), // 7: new, accepted (first of its NIK)
        line(aminahAgain), // 8: same NIK, other data
        line(wifeBroken), // 9: would update SITI AISYAH, but AGAMA is not a code
      ].join(''),
    );
    const result = await importExtract(t, { file, codeLists, now, newId, chunkRows: 3 });
    expect(result).toMatchObject({
      status: 'done',
      rowsRead: 8,
      rowsAccepted: 3,
      rowsRejected: 5,
      rowsChanged: 2,
    });

    const rejects = rejectsOf(t, result.importId);
    expect(rejects.map((r) => [r.line, r.nik, r.code])).toEqual([
      [4, badNik['NIK'], 'NIK_DAY'],
      [5, elsewhere['NIK'], 'VILLAGE_UNKNOWN'],
      [6, null, 'CSV_QUOTING'],
      [8, aminah['NIK'], 'NIK_DUPLICATE_IN_FILE'],
      [9, wife['NIK'], 'CODE_UNKNOWN'],
    ]);
    const messages = rejects.map((r) => r.message_id);
    expect(messages[0]).toMatch(/tanggal/i);
    expect(messages[1]).toContain('1602052999');
    expect(messages[1]).toContain('tidak ada di tabel wilayah');
    expect(messages[2]).toContain('tanda kutip');
    expect(messages[2]).toContain('dilewati');
    expect(messages[3]).toContain('sudah ada di baris 7');
    expect(messages[4]).toContain('AGAMA');
    for (const r of rejects) {
      expect(r.message_id.length).toBeGreaterThan(20);
      expect(r.message_en.length).toBeGreaterThan(20);
      expect(r.message_id).not.toBe(r.message_en);
    }

    // The valid rows are in; of the duplicate NIK the first row counts.
    const resident = (nik: string) =>
      t.sqlite.prepare('SELECT * FROM residents WHERE nik = ?').get(nik) as
        Record<string, unknown> | undefined;
    expect(resident(child['NIK'] as string)).toMatchObject({ name: 'RIZKI YUSUF', kk_number: KK1 });
    expect(resident(aminah['NIK'] as string)).toMatchObject({
      name: 'SITI AMINAH',
      kk_number: KK4,
      village_code: '1602051001',
    });
    expect(
      t.sqlite.prepare('SELECT address, head_nik FROM families WHERE kk_number = ?').get(KK4),
    ).toEqual({ address: 'JL. MAWAR NO. 3', head_nik: aminah['NIK'] });

    // Every rejected row left the registry exactly as it was: the same full rows, and the
    // counts grew by the two accepted new people (and the new KK) only.
    expect(snapshot(t, rejectedNiks, [KK1, KK2, KK3])).toEqual(before);
    expect(counts(t)).toEqual({
      residents: countsBefore['residents']! + 2,
      families: countsBefore['families']! + 1,
      family_memberships: countsBefore['family_memberships']! + 2,
      resident_name_tokens:
        countsBefore['resident_name_tokens']! +
        tokensOf(t, child['NIK'] as string) +
        tokensOf(t, aminah['NIK'] as string),
    });
  });

  it('still rejects a later duplicate after a crash and resume skipped its first row', async () => {
    const rows = [head, wife, child, aminah, otherHead, { ...wife, NAMA_LGKP: 'GANTI' }];
    const file = write('resume.csv', headerLine() + rows.map(line).join(''));
    // A crash right after the first chunk (lines 2-3) committed: the error is not an import
    // failure, so nothing is rolled back and the import stays 'running', as after a power cut.
    let importId = '';
    await expect(
      importExtract(t, {
        file,
        codeLists,
        now,
        newId,
        chunkRows: 2,
        onProgress: (p) => {
          importId = p.importId;
          throw new Error('power cut');
        },
      }),
    ).rejects.toThrow('power cut');
    expect(getImport(t.sqlite, importId)?.records_done).toBe(2);
    markInterrupted(t.sqlite);

    const result = await importExtract(t, { file, codeLists, now, importId, chunkRows: 2 });
    expect(result).toMatchObject({ status: 'done', rowsRead: 6, rowsRejected: 1 });
    expect(rejectsOf(t, importId).map((r) => [r.line, r.code, r.message_id])).toEqual([
      [7, 'NIK_DUPLICATE_IN_FILE', expect.stringContaining('baris 3') as string],
    ]);
    expect(
      t.sqlite.prepare('SELECT name FROM residents WHERE nik = ?').pluck().get(wife['NIK']),
    ).toBe('SITI AISYAH');
  });
});

describe('SeenNiks', () => {
  it('keeps the first line of every 16-digit NIK while it grows, and ignores other values', () => {
    const seen = new SeenNiks(4);
    const nikOf = (i: number) => `16020${String(i * 7919).padStart(11, '0')}`;
    for (let i = 0; i < 50_000; i += 1) expect(seen.see(nikOf(i), i + 2)).toBeNull();
    expect(seen.size).toBe(50_000);
    for (let i = 0; i < 50_000; i += 997) expect(seen.see(nikOf(i), 999_999)).toBe(i + 2);
    // The same halves in the other order are another NIK.
    expect(seen.see('0000000116020500', 5)).toBeNull();
    expect(seen.see('1602050000000001', 6)).toBeNull();
    expect(seen.see('1602050000000001', 7)).toBe(6);
    for (const other of [null, '', '160205000000001', '16020500000000011', '16020500000000x1']) {
      expect(seen.see(other, 8)).toBeNull();
      expect(seen.see(other, 9)).toBeNull();
    }
    expect(seen.size).toBe(50_002);
  });
});
