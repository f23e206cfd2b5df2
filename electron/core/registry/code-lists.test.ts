import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CODE_LIST_NAMES, CodeLists, loadCodeLists, MARITAL, SHDK } from './code-lists';

const resourcesDir = fileURLToPath(new URL('../../../resources', import.meta.url));
const lists = loadCodeLists(resourcesDir);
const raw = () =>
  JSON.parse(readFileSync(`${resourcesDir}/data/code-lists.json`, 'utf8')) as {
    lists: Record<string, { items: { code: number | string; label: string }[] }>;
  };

describe('code lists (domain §3.3)', () => {
  it('has the expected number of codes per list', () => {
    const counts = Object.fromEntries(CODE_LIST_NAMES.map((n) => [n, lists.items(n).length]));
    expect(counts).toEqual({
      jenisKelamin: 2,
      agama: 7,
      pendidikan: 10,
      pekerjaan: 89,
      shdk: 11,
      statusPerkawinan: 4,
      golonganDarah: 13,
      penyandangCacat: 7,
      kewarganegaraan: 2,
    });
    // Numeric lists run 1..n without gaps.
    for (const name of CODE_LIST_NAMES.filter((n) => n !== 'kewarganegaraan')) {
      expect(lists.items(name).map((i) => i.code)).toEqual(
        lists.items(name).map((_, index) => index + 1),
      );
    }
  });

  it('prints the labels as on the documents', () => {
    expect(lists.label('jenisKelamin', 2)).toBe('PEREMPUAN');
    expect(lists.label('agama', 7)).toBe('KEPERCAYAAN TERHADAP TUHAN YME / LAINNYA');
    expect(lists.label('pendidikan', 8)).toBe('DIPLOMA IV/STRATA I');
    expect(lists.label('pendidikan', 9)).toBe('STRATA II');
    expect(lists.label('pendidikan', 10)).toBe('STRATA III');
    expect(lists.label('pekerjaan', 1)).toBe('BELUM/TIDAK BEKERJA');
    expect(lists.label('pekerjaan', 5)).toBe('PEGAWAI NEGERI SIPIL');
    expect(lists.label('pekerjaan', 48)).toBe('ANGGOTA DPR-RI');
    expect(lists.label('pekerjaan', 88)).toBe('WIRASWASTA');
    expect(lists.label('pekerjaan', 89)).toBe('LAINNYA');
    expect(lists.label('golonganDarah', 10)).toBe('AB-');
    expect(lists.label('golonganDarah', 13)).toBe('TIDAK TAHU');
    expect(lists.label('penyandangCacat', 7)).toBe('TIDAK CACAT');
    expect(lists.label('kewarganegaraan', 'WNI')).toBe('WNI');
    expect(lists.label('pekerjaan', 90)).toBeNull();
    expect(lists.isValidCode('shdk', 11)).toBe(true);
    expect(lists.isValidCode('shdk', 12)).toBe(false);
    expect(lists.isValidCode('shdk', '1')).toBe(false);
    expect(lists.isValidCode('kewarganegaraan', 'WNI')).toBe(true);
  });

  it('reads the newer ASN label as an alias of code 5', () => {
    expect(lists.codeOfLabel('pekerjaan', 'Aparatur Sipil Negara (ASN)')).toBe(5);
    expect(lists.codeOfLabel('pekerjaan', ' pegawai negeri sipil ')).toBe(5);
    expect(lists.codeOfLabel('pekerjaan', 'ASTRONOT')).toBeNull();
  });

  it('keeps the SHDK and marital constants in line with the file', () => {
    for (const [key, code] of Object.entries(SHDK)) {
      expect(lists.label('shdk', code)).toBe(key.replaceAll('_', ' '));
    }
    for (const [key, code] of Object.entries(MARITAL)) {
      expect(lists.label('statusPerkawinan', code)).toBe(key.replaceAll('_', ' '));
    }
  });

  it('prints marital status with the recorded flag', () => {
    const label = lists.maritalLabel.bind(lists);
    expect(label({ status: 1, isRecorded: null })).toBe('BELUM KAWIN');
    expect(label({ status: 2, isRecorded: true })).toBe('KAWIN TERCATAT');
    expect(label({ status: 2, isRecorded: false })).toBe('KAWIN BELUM TERCATAT');
    expect(label({ status: 3, isRecorded: true })).toBe('CERAI HIDUP TERCATAT');
    expect(label({ status: 3, isRecorded: false })).toBe('CERAI HIDUP BELUM TERCATAT');
    expect(label({ status: 4, isRecorded: null })).toBe('CERAI MATI');
  });

  it('has unique codes and uppercase labels in the shipped file', () => {
    for (const list of Object.values(raw().lists)) {
      const codes = list.items.map((i) => i.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const item of list.items) expect(item.label).toBe(item.label.toUpperCase());
    }
  });

  it('refuses a broken file when loading', () => {
    const data = raw();
    data.lists['agama']?.items.push({ code: 1, label: 'ISLAM LAGI' });
    expect(() => new CodeLists(data)).toThrow('codes repeat');
    const lower = raw();
    lower.lists['shdk']?.items.push({ code: 12, label: 'Lainnya Lagi' });
    expect(() => new CodeLists(lower)).toThrow('uppercase');
    const missing = raw();
    delete missing.lists['golonganDarah'];
    expect(() => new CodeLists(missing)).toThrow();
    expect(() => new CodeLists({ lists: { ...raw().lists, extra: {} } })).toThrow();
  });
});
