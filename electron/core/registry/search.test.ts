import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistrySearchArgs } from '../../contract/registry';
import {
  countVillageRange,
  residentsByNameKey,
  residentsByTokens,
  type TokenCondition,
  type WalkSets,
} from '../../../db/queries/residents-read';
import { createTestDb, type TestDb } from '../../testing/db';
import { loadCodeLists } from './code-lists';
import { OKI_V1, writeRegionCsvs } from '../../testing/regions';
import { wordKey } from './names';
import { loadRegions } from './regions';
import { fixtureWriter, type FixtureFamily, type FixturePerson } from '../../testing/search';
import { getResidentByNik, parseResidentRef, residentRef, searchResidents } from './search';
import { parseSearchQuery } from './search-query';

const codeLists = loadCodeLists(fileURLToPath(new URL('../../../resources', import.meta.url)));

const JUA = '1602051001';
const KIJANG = '1602052011';
const LAMA = '1602012001';

let serial = 0;
/** A structurally valid NIK of Kec. Kayu Agung (or `district`) for the birth date and sex. */
function nik(birthDate: string, sex: 1 | 2, district = '160205'): string {
  const [y, m, d] = birthDate.split('-');
  serial += 1;
  const day = String(Number(d) + (sex === 2 ? 40 : 0)).padStart(2, '0');
  return `${district}${day}${m}${y?.slice(2)}${String(serial).padStart(4, '0')}`;
}

function person(name: string, sex: 1 | 2, birthDate: string, relationship = 1): FixturePerson {
  return { nik: nik(birthDate, sex), name, sex, birthDate, relationship };
}

let kkSerial = 0;
function family(villageCode: string, ...members: FixturePerson[]): FixtureFamily {
  kkSerial += 1;
  return {
    kk: `${villageCode.slice(0, 6)}0101200${String(kkSerial).padStart(3, '0')}`,
    villageCode,
    members,
  };
}

const HEAD = person('MUHAMMAD RIZKI SAPUTRA', 1, '1980-03-04');
const WIFE = person('SITI AMINAH', 2, '1983-05-06', 3);
const CHILD = person('NUR HAYATI', 2, '2010-07-08', 4);
const SIDOARJO = family(JUA, HEAD, WIFE, CHILD);

const FAMILIES: FixtureFamily[] = [
  SIDOARJO,
  family(JUA, person('MUHAMAD SAPUTRA', 1, '1975-01-02')),
  family(KIJANG, person('MOHAMMAD YUSUF', 1, '1990-02-03')),
  family(KIJANG, person('MOEHAMMAD JOESOEF', 1, '1950-04-05')),
  family(KIJANG, person('SUKARNO', 1, '1948-06-07'), person('NURHAYATI', 2, '1952-08-09', 3)),
  family(
    JUA,
    person('RACHMAT HIDAYAT', 1, '1985-09-10'),
    person('DEWI HANDAYANI', 2, '1988-10-11', 3),
  ),
  family(JUA, person('RAHMAT HIDAYAT', 1, '1991-11-12')),
  family(LAMA, person('SITIAMINAH', 2, '1970-12-13')),
  family(
    KIJANG,
    person('AGUS SETIAWAN', 1, '1979-01-14'),
    person('RINA SAFITRI', 2, '1981-02-15', 3),
  ),
  family(KIJANG, person('BUDI SANTOSO', 1, '1966-03-16')),
];

/** Twelve more people called AHMAD, for limits. */
const AHMADS: FixtureFamily[] = Array.from({ length: 12 }, (_, i) =>
  family(
    i % 2 === 0 ? JUA : KIJANG,
    person(`AHMAD ${['FAUZI', 'HAKIM', 'FIRDAUS'][i % 3]}`, 1, `${1960 + i}-01-20`),
  ),
);

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  fixtureWriter(t.sqlite).write([...FAMILIES, ...AHMADS]);
});
afterAll(() => t.dispose());

const search = (query: string, more: Partial<RegistrySearchArgs> = {}) =>
  searchResidents(t, { query, limit: 10, ...more }, { codeLists });
const names = (query: string, more: Partial<RegistrySearchArgs> = {}) =>
  search(query, more).items.map((i) => i.name);

describe('numbers', () => {
  it('finds a NIK exactly, masked, also typed with spaces or dots', () => {
    for (const q of [
      HEAD.nik,
      `${HEAD.nik.slice(0, 6)} ${HEAD.nik.slice(6, 12)} ${HEAD.nik.slice(12)}`,
    ]) {
      const result = search(q);
      expect(result.items).toHaveLength(1);
      expect(result.items[0]).toMatchObject({
        name: 'MUHAMMAD RIZKI SAPUTRA',
        nikMasked: `${HEAD.nik.slice(0, 6)}********${HEAD.nik.slice(14)}`,
        kkMasked: `${SIDOARJO.kk.slice(0, 6)}********${SIDOARJO.kk.slice(14)}`,
        matchedBy: 'nik',
        score: 1,
        relationship: 'KEPALA KELUARGA',
      });
      expect(result.hasMore).toBe(false);
    }
  });

  it('finds the members of a KK number, head first', () => {
    const result = search(SIDOARJO.kk);
    expect(result.items.map((i) => [i.name, i.matchedBy, i.relationship])).toEqual([
      ['MUHAMMAD RIZKI SAPUTRA', 'kk', 'KEPALA KELUARGA'],
      ['SITI AMINAH', 'kk', 'ISTRI'],
      ['NUR HAYATI', 'kk', 'ANAK'],
    ]);
  });

  it('finds NIK prefixes in NIK order, with limit and hasMore', () => {
    const prefix = HEAD.nik.slice(0, 8);
    const all = search(prefix, { limit: 100 });
    expect(all.items.every((i) => i.matchedBy === 'nik-prefix')).toBe(true);
    expect(all.items.map((i) => i.name)).toContain('MUHAMMAD RIZKI SAPUTRA');
    const district = search('160205', { limit: 3 });
    expect(district.items).toHaveLength(3);
    expect(district.hasMore).toBe(true);
    const nikOf = new Map(
      [...FAMILIES, ...AHMADS].flatMap((f) => f.members.map((m) => [m.name, m.nik])),
    );
    const niks = district.items.map((i) => nikOf.get(i.name));
    expect(niks).toEqual([...niks].sort());
  });

  it('finds nothing for an unknown number', () => {
    expect(search('1602050101909999')).toEqual(
      expect.objectContaining({ items: [], hasMore: false }),
    );
  });

  it('looks a NIK up without the search (getResidentByNik)', () => {
    expect(getResidentByNik(t, WIFE.nik, { codeLists })).toMatchObject({
      name: 'SITI AMINAH',
      matchedBy: 'nik',
    });
    expect(getResidentByNik(t.sqlite, '1602050101909999', { codeLists })).toBeNull();
  });
});

describe('names', () => {
  it('finds spelling variants of Muhammad, exact spelling first', () => {
    const found = names('Muhamad Saputra');
    expect(found[0]).toBe('MUHAMAD SAPUTRA');
    expect(found).toContain('MUHAMMAD RIZKI SAPUTRA');
    expect(names('mohammad')).toEqual(
      expect.arrayContaining([
        'MOHAMMAD YUSUF',
        'MUHAMAD SAPUTRA',
        'MUHAMMAD RIZKI SAPUTRA',
        'MOEHAMMAD JOESOEF',
      ]),
    );
    expect(names('mohammad')[0]).toBe('MOHAMMAD YUSUF');
  });

  it('finds old spelling both ways (oe/u, dj/j, j/y)', () => {
    expect(names('Muhammad Yusuf')).toEqual(['MOHAMMAD YUSUF', 'MOEHAMMAD JOESOEF']);
    expect(names('Soekarno')).toEqual(['SUKARNO']);
    expect(search('joesoef').items[0]).toMatchObject({
      name: 'MOEHAMMAD JOESOEF',
      matchedBy: 'name',
    });
  });

  it('finds aspirated h and ch/h variants', () => {
    const found = search('Rahmat Hidayat').items;
    expect(found.map((i) => [i.name, i.matchedBy])).toEqual([
      ['RAHMAT HIDAYAT', 'name'],
      ['RACHMAT HIDAYAT', 'name-fuzzy'],
    ]);
    expect(found[0]?.score).toBe(1);
    expect(found[1]?.score).toBeLessThan(1);
  });

  it('finds names written together or apart', () => {
    expect(names('sitiaminah')).toEqual(['SITIAMINAH', 'SITI AMINAH']);
    expect(names('siti aminah')).toEqual(['SITI AMINAH', 'SITIAMINAH']);
    expect(names('nur hayati')).toEqual(['NUR HAYATI', 'NURHAYATI']);
    expect(names('nurhayati')).toEqual(['NURHAYATI', 'NUR HAYATI']);
  });

  it('finds a name with one wrong, missing, extra or swapped letter', () => {
    for (const typo of ['handayeni', 'handyani', 'handaryani', 'hnadayani', 'dewi handayanu']) {
      expect(names(typo), typo).toContain('DEWI HANDAYANI');
    }
    expect(names('setiawna')).toEqual(['AGUS SETIAWAN']);
    expect(search('budi sanotso').items[0]).toMatchObject({
      name: 'BUDI SANTOSO',
      matchedBy: 'name-fuzzy',
    });
  });

  it('offers a near name only when none is spelled as typed, and never for short words', () => {
    expect(names('rina')).toEqual(['RINA SAFITRI']);
    expect(search('rini').items[0]).toMatchObject({
      name: 'RINA SAFITRI',
      matchedBy: 'name-fuzzy',
    });
    expect(search('rini').items[0]!.score).toBeLessThan(0.9);
    expect(names('rna')).toEqual([]);
  });

  it('finds a name that is still being typed', () => {
    expect(names('agus setia')).toEqual(['AGUS SETIAWAN']);
    expect(names('sukar')).toEqual(['SUKARNO']);
  });

  it('finds words one apart, and words in another order', () => {
    expect(names('muhammad saputra')).toEqual(['MUHAMAD SAPUTRA', 'MUHAMMAD RIZKI SAPUTRA']);
    expect(names('saputra muhamad')).toEqual(['MUHAMAD SAPUTRA', 'MUHAMMAD RIZKI SAPUTRA']);
    expect(names('rizki muhammad')).toEqual(['MUHAMMAD RIZKI SAPUTRA']);
  });

  it('ranks a whole name above the same words inside a longer name', () => {
    const found = search('saputra').items;
    expect(found.map((i) => i.name)).toEqual(['MUHAMAD SAPUTRA', 'MUHAMMAD RIZKI SAPUTRA']);
    expect(found[0]!.score).toBeGreaterThan(found[1]!.score);
  });

  it('honours limit and says when there is more', () => {
    const first = search('ahmad', { limit: 5 });
    expect(first.items).toHaveLength(5);
    expect(first.hasMore).toBe(true);
    const all = search('ahmad', { limit: 50 });
    expect(all.items).toHaveLength(12);
    expect(all.hasMore).toBe(false);
  });
});

describe('filters', () => {
  it('filters by village and kecamatan', () => {
    expect(names('ahmad', { villageCode: JUA, limit: 50 })).toHaveLength(6);
    expect(names('siti aminah', { districtCode: '160201' })).toEqual(['SITIAMINAH']);
    expect(names('siti aminah', { districtCode: '160205' })).toEqual(['SITI AMINAH']);
    expect(search(SIDOARJO.kk, { villageCode: KIJANG }).items).toEqual([]);
  });

  it('filters a village and years smaller than the name (the village drives)', () => {
    const jua = { villageCode: JUA, birthYearFrom: 1962, birthYearTo: 1964, limit: 50 };
    expect(names('ahmad', jua)).toEqual(['AHMAD FIRDAUS', 'AHMAD HAKIM']);
    expect(names('ahmad', { ...jua, sex: 2 })).toEqual([]);
    expect(names('ahmad fauzi', { ...jua, birthYearFrom: 1960 })).toEqual(['AHMAD FAUZI']);
  });

  it('filters by birth year range and sex', () => {
    expect(names('ahmad', { birthYearFrom: 1962, birthYearTo: 1964, limit: 50 })).toHaveLength(3);
    expect(names('hidayat', { birthYearFrom: 1990 })).toEqual(['RAHMAT HIDAYAT']);
    expect(names(SIDOARJO.kk, { sex: 2 })).toEqual(['SITI AMINAH', 'NUR HAYATI']);
    expect(names('nurhayati', { sex: 1 })).toEqual([]);
  });
});

describe('result lines', () => {
  it('never carry a full NIK or KK number', () => {
    const everyone = [...FAMILIES, ...AHMADS].flatMap((f) => [
      f.kk,
      ...f.members.map((m) => m.nik),
    ]);
    for (const q of ['ahmad', 'muhammad', '160205', SIDOARJO.kk, HEAD.nik]) {
      const json = JSON.stringify(search(q, { limit: 100 }));
      for (const number of everyone) expect(json).not.toContain(number);
    }
  });

  it('carry an opaque ref and region names once the region table is loaded', async () => {
    const before = search(HEAD.nik).items[0];
    expect(before).toMatchObject({ villageName: null, districtName: null });
    expect(parseResidentRef(before!.ref)).toBeGreaterThan(0);
    expect(residentRef(parseResidentRef(before!.ref)!)).toBe(before!.ref);
    const dir = writeRegionCsvs(OKI_V1);
    await loadRegions(t, { csvDir: dir, version: 'v1', source: 'test', at: 'x' });
    rmSync(dir, { recursive: true, force: true });
    expect(search(HEAD.nik).items[0]).toMatchObject({
      villageName: 'Jua-jua',
      districtName: 'Kayu Agung',
    });
  });
});

describe('parseSearchQuery', () => {
  it.each([
    ['', 'QUERY_EMPTY'],
    ['   ', 'QUERY_EMPTY'],
    ['12345', 'QUERY_DIGITS_LENGTH'],
    ['16020555120300011', 'QUERY_DIGITS_LENGTH'],
    ['siti 1602', 'QUERY_CHARACTERS'],
    ["siti'; drop table residents", 'QUERY_CHARACTERS'],
    ['m.', 'QUERY_TOO_SHORT'],
    ['a'.repeat(81), 'QUERY_TOO_LONG'],
  ])('refuses %j with %s', (query, code) => {
    expect(parseSearchQuery(query)).toEqual({ error: code });
  });

  it('reads numbers, prefixes and names', () => {
    expect(parseSearchQuery('1602.05.551203.0001')).toEqual({
      kind: 'number',
      digits: '1602055512030001',
    });
    expect(parseSearchQuery('160205')).toEqual({ kind: 'prefix', digits: '160205' });
    expect(parseSearchQuery("M. Ma'ruf")).toEqual({ kind: 'name', words: ['m', 'maruf'] });
  });
});

describe('index walks', () => {
  const ahmad = { keys: [wordKey('ahmad')] };
  it('drives from the village index with the same answer as from the postings', () => {
    const filters = { villageCode: JUA, birthYearFrom: 1962 };
    const byVillage = residentsByTokens(t.sqlite, [ahmad], 'village', filters, 50, 1000);
    const byPostings = residentsByTokens(t.sqlite, [ahmad], 0, filters, 50, 1000);
    expect(byVillage.map((r) => r.id).sort()).toEqual(byPostings.map((r) => r.id).sort());
    expect(byVillage).toHaveLength(5);
  });

  it('walks the village with its birth-year range, sets or probes alike', () => {
    const fauzi = { keys: [wordKey('fauzi')] };
    const prefix = { lo: wordKey('fau'), hi: `${wordKey('fau')}{` };
    const ids = (rows: Array<{ id: number }>) => rows.map((r) => r.id).sort((a, b) => a - b);
    const walk = (
      conditions: TokenCondition[],
      driver: 0 | 'village',
      filters: Parameters<typeof residentsByTokens>[3],
      sets?: WalkSets,
    ) => ids(residentsByTokens(t.sqlite, conditions, driver, filters, 50, 1000, sets));
    const every: WalkSets = { conditions: new Set([0, 1]), village: true };
    for (const filters of [
      { villageCode: JUA },
      { villageCode: JUA, birthYearFrom: 1962 },
      { villageCode: JUA, birthYearFrom: 1960, birthYearTo: 1965 },
      { villageCode: JUA, birthYearTo: 1961, sex: 1 as const },
      { villageCode: JUA, sex: 2 as const },
    ]) {
      for (const conditions of [[ahmad, fauzi], [ahmad, prefix], [ahmad]]) {
        const expected = walk(conditions, 0, filters);
        expect(walk(conditions, 'village', filters)).toEqual(expected);
        expect(walk(conditions, 0, filters, every)).toEqual(expected);
        expect(walk(conditions, 'village', filters, every)).toEqual(expected);
      }
    }
    // AHMAD FAUZI in Jua-jua: born 1960 and 1966.
    expect(walk([ahmad, fauzi], 'village', { villageCode: JUA }, every)).toHaveLength(2);
    expect(walk([ahmad, fauzi], 0, { villageCode: JUA, birthYearFrom: 1961 }, every)).toHaveLength(
      1,
    );
  });

  it('counts a village range up to a cap', () => {
    const jua = { villageCode: JUA };
    expect(countVillageRange(t.sqlite, jua, 1000)).toBeGreaterThan(6);
    expect(countVillageRange(t.sqlite, jua, 3)).toBe(3);
    // AHMADs of Jua-jua born 1962 and 1964; nobody else there was born in those years.
    const years = { ...jua, birthYearFrom: 1962, birthYearTo: 1964 };
    expect(countVillageRange(t.sqlite, years, 99)).toBe(2);
    expect(countVillageRange(t.sqlite, { villageCode: '1602059999' }, 99)).toBe(0);
  });

  it('reads at most `scan` postings', () => {
    expect(residentsByTokens(t.sqlite, [ahmad], 0, {}, 50, 4)).toHaveLength(4);
    expect(residentsByNameKey(t.sqlite, 'a', 'prefix', {}, 50, 3)).toHaveLength(3);
  });
});
