import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSyntheticExtract } from '../demo/extract';
import { loadCodeLists } from './code-lists';
import { parseCsvStream } from './csv';
import {
  EXTRACT_COLUMNS,
  parseExtractDate,
  readHeader,
  readRow,
  type ExtractContext,
  type ExtractHeader,
} from './extract-layout';

const codeLists = loadCodeLists(fileURLToPath(new URL('../../../resources', import.meta.url)));
const ctx: ExtractContext = { codeLists, today: '2026-11-29' };
const names = EXTRACT_COLUMNS.map((c) => c.name);
const header = (() => {
  const h = readHeader(names);
  if (!h.ok) throw new Error('header');
  return h.header;
})();

const base: Record<string, string> = {
  NO_KK: '1602052011200001',
  NIK: '1602055512030001',
  NAMA_LGKP: 'Siti  Aisyah',
  JENIS_KLMIN: '2',
  TMPT_LHR: 'Kayuagung',
  TGL_LHR: '15-12-2003',
  AGAMA: 'ISLAM',
  STAT_KWN: 'KAWIN TERCATAT',
  STAT_HBKEL: '1',
  PDDK_AKH: '5',
  JENIS_PKRJN: 'APARATUR SIPIL NEGARA (ASN)',
  ALAMAT: 'JL. MERDEKA, NO. 3',
  NO_RT: '3',
  NO_RW: '01',
  NO_PROP: '16',
  NO_KAB: '2',
  NO_KEC: '5',
  NO_KEL: '2011',
};

function row(overrides: Record<string, string> = {}, h: ExtractHeader = header, c = ctx) {
  const values = { ...base, ...overrides };
  return readRow(
    names.map((n) => values[n] ?? ''),
    h,
    c,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'lm-layout-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('extract layout', () => {
  it('reads a row into DB values, accepting labels, DD-MM-YYYY and short codes', () => {
    const result = row();
    expect(result).toMatchObject({
      ok: true,
      warnings: [],
      record: {
        family: { kk_number: '1602052011200001', rt: '003', rw: '001', village_code: '1602052011' },
        resident: {
          name: 'SITI AISYAH',
          sex: 2,
          birth_date: '2003-12-15',
          birth_year: 2003,
          occupation: 5,
          marital_status: 2,
          marital_recorded: 1,
          blood_group: 13,
          citizenship: 'WNI',
          is_alive: 1,
        },
      },
    });
  });

  it('accepts NIK warnings and counts them, rejects NIK errors', () => {
    const warned = row({ TGL_LHR: '2003-12-16', JENIS_KLMIN: 'L' });
    expect(warned.ok && warned.warnings.map((w) => w.code)).toEqual([
      'NIK_BIRTHDATE_MISMATCH',
      'NIK_SEX_MISMATCH',
    ]);
    const unknownDistrict = row({}, header, { ...ctx, districtExists: () => false });
    expect(unknownDistrict.ok && unknownDistrict.warnings[0]?.code).toBe('NIK_DISTRICT_UNKNOWN');
    const parent = row({ NIK_IBU: '12345' });
    expect(parent.ok && parent.warnings.map((w) => w.code)).toEqual(['PARENT_NIK_DROPPED']);
  });

  it.each([
    [{ NIK: '160205551203' }, 'NIK_LENGTH'],
    [{ NIK: '1602055512030000' }, 'NIK_SERIAL'],
    [{ NO_KK: '99020520112000' }, 'KK_LENGTH'],
    [{ NO_KK: '9902052011200001' }, 'KK_PROVINCE'],
    [{ NAMA_LGKP: ' ' }, 'REQUIRED_MISSING'],
    [{ NAMA_LGKP: 'A'.repeat(201) }, 'FIELD_TOO_LONG'],
    [{ TGL_LHR: '31-02-2003' }, 'DATE_INVALID'],
    [{ TGL_KWN: 'kemarin' }, 'DATE_INVALID'],
    [{ NIK: '1602055512270001', TGL_LHR: '2027-12-15' }, 'BIRTH_DATE_FUTURE'],
    [{ AGAMA: 'LAINNYA SAJA' }, 'CODE_UNKNOWN'],
    [{ JENIS_PKRJN: '90' }, 'CODE_UNKNOWN'],
    [{ JENIS_KLMIN: 'X' }, 'CODE_UNKNOWN'],
    [{ STAT_KWN: '5' }, 'CODE_UNKNOWN'],
    [{ STAT_HIDUP: 'ENTAH' }, 'CODE_UNKNOWN'],
    [{ NO_RT: '1A' }, 'RT_RW_INVALID'],
    [{ NO_KEL: '20111' }, 'REGION_CODE_INVALID'],
    [{ KODE_POS: '306' }, 'POSTAL_CODE_INVALID'],
    [{ STAT_KWN: 'BELUM KAWIN', STAT_HBKEL: 'ISTRI' }, 'SHDK_NEEDS_MARRIAGE'],
    [{ STAT_KWN: '1', NIK: '1602055512150001', TGL_LHR: '2015-12-15' }, 'HEAD_TOO_YOUNG'],
  ])('rejects %o with %s', (overrides, code) => {
    const result = row(overrides);
    expect(result.ok ? 'accepted' : result.reject.code).toBe(code);
    if (!result.ok) expect(result.reject.message.id.length).toBeGreaterThan(5);
  });

  it('rejects an unknown village when the region table is loaded, and a short row', () => {
    const result = row({}, header, { ...ctx, villageExists: (code) => code !== '1602052011' });
    expect(!result.ok && result.reject.code).toBe('VILLAGE_UNKNOWN');
    const short = readRow(['1', '2'], header, ctx);
    expect(!short.ok && short.reject.code).toBe('ROW_FIELD_COUNT');
  });

  it('reads marital labels with the recorded flag', () => {
    const unrecorded = row({ STAT_KWN: 'kawin belum tercatat' });
    expect(unrecorded.ok && unrecorded.record.resident).toMatchObject({
      marital_status: 2,
      marital_recorded: 0,
    });
    const flag = row({ STAT_KWN: '3', STAT_KWN_TERCATAT: 'T' });
    expect(flag.ok && flag.record.resident).toMatchObject({
      marital_status: 3,
      marital_recorded: 0,
    });
  });

  it('checks the header: required columns, repeats, any order, unknown columns ignored', () => {
    expect(readHeader(['nik', 'NO_KK'])).toMatchObject({
      ok: false,
      reject: { code: 'HEADER_INVALID' },
    });
    expect(readHeader([...names, 'NIK'])).toMatchObject({ ok: false });
    const shuffled = [...names].reverse().concat('AKTA_LHR');
    const h = readHeader(shuffled);
    expect(h.ok).toBe(true);
    if (!h.ok) return;
    const values: Record<string, string> = { ...base, AKTA_LHR: 'ADA' };
    expect(
      readRow(
        shuffled.map((n) => values[n] ?? ''),
        h.header,
        ctx,
      ).ok,
    ).toBe(true);
  });

  it('parses both date forms', () => {
    expect(parseExtractDate('2024-02-29')).toBe('2024-02-29');
    expect(parseExtractDate('29/02/2024')).toBe('2024-02-29');
    expect(parseExtractDate('29-02-2023')).toBeNull();
  });

  it('writes a synthetic extract that reads back without rejects', async () => {
    const file = join(dir, 'x.csv');
    const written = await writeSyntheticExtract(file, { residents: 3000, seed: 7 });
    expect(written.residents).toBeGreaterThanOrEqual(3000);
    let h: ExtractHeader | null = null;
    let [rows, rejected] = [0, 0];
    for await (const rec of parseCsvStream(createReadStream(file, 'utf8'))) {
      if (!h) {
        const parsed = readHeader(rec.fields);
        if (!parsed.ok) throw new Error('header');
        h = parsed.header;
        continue;
      }
      rows += 1;
      const result = readRow(rec.fields, h, ctx);
      if (!result.ok) rejected += 1;
    }
    expect(rows).toBe(written.residents);
    expect(rejected).toBe(0);
    const again = await writeSyntheticExtract(join(dir, 'y.csv'), { residents: 3000, seed: 7 });
    expect(again).toEqual(written);
  });
});
