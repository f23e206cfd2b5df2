import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  countRegions,
  districtOf,
  districtsOfRegency,
  getRegion,
  listRegionVersions,
  regionPath,
  villagesOfRegency,
} from '../../../db/queries/regions';
import { createTestDb, type TestDb } from '../../testing/db';
import { validateNik } from './nik';
import { OKI_V1, writeRegionCsvs, type RegionFixture } from '../../testing/regions';
import {
  ensureRegions,
  formatRegionCode,
  levelOfCode,
  loadRegions,
  parseRegionCode,
  regionCsvDirs,
  RegionDataError,
  type LoadRegionsOptions,
} from './regions';

const csvDir = fileURLToPath(new URL('../../../node_modules/idn-area-data/data', import.meta.url));
const resourcesDir = fileURLToPath(new URL('../../../resources', import.meta.url));
const VERSION = 'Kepmendagri 300.2.2-2138/2025';
const REAL: LoadRegionsOptions = {
  csvDir,
  version: VERSION,
  source: 'idn-area-data 4.0.1 (ODbL 1.0)',
  at: '2026-11-29T02:00:00.000Z',
};

describe('region codes', () => {
  it('formats and parses dotted codes', () => {
    expect(formatRegionCode('1602052011')).toBe('16.02.05.2011');
    expect(formatRegionCode('160205')).toBe('16.02.05');
    expect(formatRegionCode('16')).toBe('16');
    expect(() => formatRegionCode('16020')).toThrow(RangeError);
    expect(parseRegionCode('16.02.05.2011')).toBe('1602052011');
    expect(parseRegionCode(' 16.02 ')).toBe('1602');
    expect(parseRegionCode('1602052011')).toBe('1602052011');
    for (const bad of ['16.02.05.201', '16.2.05', '16..02', '16.02.05.2011.1', 'ab', '160', '']) {
      expect(parseRegionCode(bad)).toBeNull();
    }
    expect(levelOfCode('160205')).toBe('district');
    expect(levelOfCode('16020')).toBeNull();
  });
});

describe('the real table (idn-area-data 4.0.1)', () => {
  let t: TestDb;
  let firstLoadMs = 0;

  beforeAll(async () => {
    t = await createTestDb();
    const started = performance.now();
    const result = await loadRegions(t, REAL);
    firstLoadMs = performance.now() - started;
    console.log(`Region load: ${result.rows} rows in ${Math.round(firstLoadMs)} ms`);
    expect(result).toEqual({ rows: 91599, inserted: 91599, renamed: 0, reopened: 0, closed: 0 });
  }, 60_000);
  afterAll(() => t.dispose());

  it('holds every level with the official counts', async () => {
    expect(await countRegions(t.db)).toEqual({
      province: { all: 38, current: 38 },
      regency: { all: 514, current: 514 },
      district: { all: 7285, current: 7285 },
      village: { all: 83762, current: 83762 },
    });
    const [version] = await listRegionVersions(t.db);
    expect(version).toEqual({
      version: VERSION,
      source: 'idn-area-data 4.0.1 (ODbL 1.0)',
      loaded_at: REAL.at,
      row_count: 91599,
    });
    const adat = await t.db
      .selectFrom('regions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'desa_adat')
      .executeTakeFirstOrThrow();
    expect(adat.n).toBe(14);
  });

  it('has OKI with 18 kecamatan, 314 desa and 13 kelurahan', async () => {
    expect(await districtsOfRegency(t.db, '1602')).toHaveLength(18);
    const villages = await villagesOfRegency(t.db, '1602');
    expect(villages).toHaveLength(327);
    expect(villages.filter((v) => v.kind === 'desa')).toHaveLength(314);
    const kelurahan = villages.filter((v) => v.kind === 'kelurahan').map((v) => v.code);
    expect(kelurahan).toEqual([
      '1602021011',
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 25].map((n) => `160205${1000 + n}`),
      '1602111016',
    ]);
    // The range query stops at the regency boundary.
    expect(villages.every((v) => v.code.startsWith('1602'))).toBe(true);
  });

  it('resolves Kijang Ulu in Kayu Agung and keeps names that are not unique apart', async () => {
    expect(await getRegion(t.db, '1602052011')).toEqual({
      code: '1602052011',
      level: 'village',
      parent_code: '160205',
      name: 'Kijang Ulu',
      kind: 'desa',
      valid_from_version: VERSION,
      valid_until_version: null,
    });
    expect(await districtOf(t.db, '1602052011')).toMatchObject({
      code: '160205',
      name: 'Kayu Agung',
    });
    expect(await regionPath(t.db, '1602052011')).toEqual({
      province: { code: '16', name: 'Sumatera Selatan' },
      regency: { code: '1602', name: 'Kabupaten Ogan Komering Ilir' },
      district: { code: '160205', name: 'Kayu Agung' },
      village: { code: '1602052011', name: 'Kijang Ulu' },
    });
    expect(await regionPath(t.db, '1602059999')).toBeNull();
    const tanjungLubuk = await t.db
      .selectFrom('regions')
      .select(['code', 'kind'])
      .where('name', '=', 'Tanjung Lubuk')
      .where('level', '=', 'village')
      .where('code', 'like', '1602%')
      .orderBy('code')
      .execute();
    expect(tanjungLubuk).toEqual([
      { code: '1602021011', kind: 'kelurahan' },
      { code: '1602052013', kind: 'desa' },
    ]);
  });

  it('reads RFC 4180 quoted names', async () => {
    expect((await getRegion(t.db, '3513152017'))?.name).toBe('Soka"an');
    expect((await getRegion(t.db, '1207281007'))?.name).toBe('Lubuk Pakam I,II');
  });

  it('checks NIK prefixes against the loaded table', async () => {
    const rows = await t.db
      .selectFrom('regions')
      .select('code')
      .where('level', '=', 'district')
      .where('valid_until_version', 'is', null)
      .execute();
    const districts = new Set(rows.map((r) => r.code));
    const regionExists = (code: string) => districts.has(code);
    const today = '2026-11-29';
    expect(validateNik('1602055512030001', { regionExists, today })).toMatchObject({
      isValid: true,
      warnings: [],
      decoded: { districtCode: '160205', birthDate: '2003-12-15', sex: 2 },
    });
    // 16.02.01 is not in the current table (an Ogan Ilir-era prefix): valid, with a warning.
    const historic = validateNik('1602015512030001', { regionExists, today });
    expect(historic.isValid).toBe(true);
    expect(historic.warnings.map((w) => w.code)).toEqual(['NIK_DISTRICT_UNKNOWN']);
  });

  it('changes nothing when the same version is loaded again', async () => {
    const started = performance.now();
    const again = await loadRegions(t, { ...REAL, at: '2026-12-01T00:00:00.000Z' });
    console.log(`Region reload (no changes): ${Math.round(performance.now() - started)} ms`);
    expect(again).toEqual({ rows: 91599, inserted: 0, renamed: 0, reopened: 0, closed: 0 });
    expect(await listRegionVersions(t.db)).toHaveLength(1);
    expect((await listRegionVersions(t.db))[0]?.loaded_at).toBe(REAL.at);
  }, 60_000);
});

describe('region versions (synthetic tables)', () => {
  let t: TestDb;
  const dirs: string[] = [];
  const write = (fixture: RegionFixture) => {
    const dir = writeRegionCsvs(fixture);
    dirs.push(dir);
    return dir;
  };
  const load = (fixture: RegionFixture, version: string) =>
    loadRegions(t, { csvDir: write(fixture), version, source: 'test', at: `at-${version}` });

  beforeEach(async () => {
    t = await createTestDb();
  });
  afterEach(async () => {
    await t.dispose();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const v2: RegionFixture = {
    ...OKI_V1,
    districts: [['16.02.05', '16.02', 'Kayu Agung']],
    villages: [
      ['16.02.05.1001', '16.02.05', 'Jua-Jua'],
      ['16.02.05.2011', '16.02.05', 'Kijang Ulu'],
      ['16.02.05.2013', '16.02.05', 'Tanjung Lubuk'],
    ],
  };

  it('closes codes a newer version drops, renames and adds, and never deletes', async () => {
    expect(await load(OKI_V1, 'v1')).toMatchObject({ rows: 7, inserted: 7 });
    expect(await load(v2, 'v2')).toEqual({
      rows: 6,
      inserted: 1,
      renamed: 1,
      reopened: 0,
      closed: 2,
    });
    expect(await getRegion(t.db, '160201')).toMatchObject({
      name: 'Kecamatan Lama',
      valid_from_version: 'v1',
      valid_until_version: 'v2',
    });
    expect(await getRegion(t.db, '1602012001')).toMatchObject({ valid_until_version: 'v2' });
    expect(await getRegion(t.db, '1602051001')).toMatchObject({
      name: 'Jua-Jua',
      valid_from_version: 'v1',
      valid_until_version: null,
    });
    expect(await getRegion(t.db, '1602052013')).toMatchObject({ valid_from_version: 'v2' });
    expect((await villagesOfRegency(t.db, '1602')).map((v) => v.code)).toEqual([
      '1602051001',
      '1602052011',
      '1602052013',
    ]);
    expect(await villagesOfRegency(t.db, '1602', { includeClosed: true })).toHaveLength(4);
    expect((await listRegionVersions(t.db)).map((v) => [v.version, v.row_count])).toEqual([
      ['v1', 7],
      ['v2', 6],
    ]);
    // Idempotent: the same version again writes nothing.
    expect(await load(v2, 'v2')).toEqual({
      rows: 6,
      inserted: 0,
      renamed: 0,
      reopened: 0,
      closed: 0,
    });
    // A code that comes back is reopened, keeping its first version.
    expect(await load(OKI_V1, 'v3')).toMatchObject({ reopened: 2, renamed: 1, closed: 1 });
    expect(await getRegion(t.db, '160201')).toMatchObject({
      valid_from_version: 'v1',
      valid_until_version: null,
    });
    expect(await getRegion(t.db, '1602052013')).toMatchObject({ valid_until_version: 'v3' });
  });

  it('writes in batches of the given size with the same result', async () => {
    const dir = write(OKI_V1);
    const result = await loadRegions(t, {
      csvDir: dir,
      version: 'v1',
      source: 'test',
      at: 'x',
      batchSize: 2,
    });
    expect(result).toMatchObject({ rows: 7, inserted: 7 });
    expect(await countRegions(t.db)).toMatchObject({ village: { all: 3, current: 3 } });
  });

  it('refuses corrupt files instead of closing codes', async () => {
    const badParent = write({
      ...OKI_V1,
      villages: [['16.02.05.2011', '16.02.01', 'Kijang Ulu']],
    });
    await expect(
      loadRegions(t, { csvDir: badParent, version: 'v', source: 's', at: 'a' }),
    ).rejects.toThrow(/villages.csv line 2: parent 16.02.01/);
    const badKind = write({ ...OKI_V1, villages: [['16.02.05.9011', '16.02.05', 'X']] });
    await expect(
      loadRegions(t, { csvDir: badKind, version: 'v', source: 's', at: 'a' }),
    ).rejects.toThrow(RegionDataError);
    const empty = write({ ...OKI_V1, villages: [] });
    await expect(
      loadRegions(t, { csvDir: empty, version: 'v', source: 's', at: 'a' }),
    ).rejects.toThrow('no rows');
    const badHeader = write(OKI_V1);
    writeFileSync(join(badHeader, 'provinces.csv'), 'kode,nama\n16,Sumatera Selatan\n');
    await expect(
      loadRegions(t, { csvDir: badHeader, version: 'v', source: 's', at: 'a' }),
    ).rejects.toThrow('expected header');
    expect(await listRegionVersions(t.db)).toEqual([]);
    expect((await countRegions(t.db)).village.all).toBe(0);
  });

  it('loads the shipped table on first start only, and says when it is missing', async () => {
    expect(regionCsvDirs(resourcesDir)[1]).toBe(csvDir);
    const fakeResources = mkdtempSync(join(tmpdir(), 'lm-resources-'));
    dirs.push(fakeResources);
    expect(await ensureRegions(t, { resourcesDir: fakeResources, at: 'a' })).toMatchObject({
      status: 'missing',
    });
    writeRegionCsvs(OKI_V1, join(fakeResources, 'data', 'regions'));
    expect(await ensureRegions(t, { resourcesDir: fakeResources, at: 'a' })).toMatchObject({
      status: 'loaded',
      result: { inserted: 7 },
    });
    expect(await ensureRegions(t, { resourcesDir: fakeResources, at: 'b' })).toEqual({
      status: 'present',
    });
    expect((await listRegionVersions(t.db))[0]?.version).toBe(VERSION);
  });
});
