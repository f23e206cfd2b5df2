import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../electron/testing/db';
import {
  closeRegionBatch,
  countRegions,
  districtOf,
  getRegion,
  hasRegionTable,
  isCurrentRegion,
  listOpenRegionCodes,
  recordRegionVersion,
  regionPath,
  upsertRegionBatch,
  villagesOfRegency,
  type RegionInput,
} from './regions';

const ROWS: RegionInput[] = [
  { code: '16', level: 'province', parentCode: null, name: 'Sumatera Selatan', kind: null },
  { code: '1602', level: 'regency', parentCode: '16', name: 'Kab. OKI', kind: null },
  { code: '1603', level: 'regency', parentCode: '16', name: 'Kab. Muara Enim', kind: null },
  { code: '160205', level: 'district', parentCode: '1602', name: 'Kayu Agung', kind: null },
  { code: '160301', level: 'district', parentCode: '1603', name: 'Tanjung Agung', kind: null },
  ...[
    ['1602051001', 'Jua-jua', 'kelurahan'],
    ['1602052011', 'Kijang Ulu', 'desa'],
    ['1603012001', 'Desa Tetangga', 'desa'],
  ].map(([code, name, kind]) => ({
    code: code as string,
    level: 'village' as const,
    parentCode: (code as string).slice(0, 6),
    name: name as string,
    kind: kind as 'desa' | 'kelurahan',
  })),
];

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(() => t.dispose());

describe('region queries', () => {
  it('writes a batch once and reports renames on the next', async () => {
    expect(await hasRegionTable(t.db)).toBe(false);
    expect(upsertRegionBatch(t.sqlite, ROWS, 'v1')).toEqual({
      inserted: 8,
      renamed: 0,
      reopened: 0,
    });
    expect(upsertRegionBatch(t.sqlite, ROWS, 'v1')).toEqual({
      inserted: 0,
      renamed: 0,
      reopened: 0,
    });
    const renamed = ROWS.map((r) =>
      r.code === '1602' ? { ...r, name: 'Kab. Ogan Komering Ilir' } : r,
    );
    expect(upsertRegionBatch(t.sqlite, renamed, 'v2')).toMatchObject({ renamed: 1 });
    expect(await getRegion(t.db, '1602')).toMatchObject({
      name: 'Kab. Ogan Komering Ilir',
      valid_from_version: 'v1',
    });
    recordRegionVersion(t.sqlite, { version: 'v1', source: 's', loaded_at: 'a', row_count: 8 });
    expect(await hasRegionTable(t.db)).toBe(true);
  });

  it('finds villages of a regency by code range, and paths and districts', async () => {
    upsertRegionBatch(t.sqlite, ROWS, 'v1');
    expect((await villagesOfRegency(t.db, '1602')).map((v) => v.code)).toEqual([
      '1602051001',
      '1602052011',
    ]);
    expect(await districtOf(t.db, '1602052011')).toMatchObject({ name: 'Kayu Agung' });
    expect(await districtOf(t.db, '160205')).toBeNull();
    expect(await regionPath(t.db, '1603012001')).toMatchObject({
      regency: { name: 'Kab. Muara Enim' },
      village: { name: 'Desa Tetangga' },
    });
    expect(await regionPath(t.db, '16030')).toBeNull();
    expect(await getRegion(t.db, '999999')).toBeNull();
  });

  it('closes codes without deleting them', async () => {
    upsertRegionBatch(t.sqlite, ROWS, 'v1');
    expect(closeRegionBatch(t.sqlite, ['1602052011', '160301'], 'v2')).toBe(2);
    expect(closeRegionBatch(t.sqlite, ['1602052011'], 'v3')).toBe(0);
    expect(await isCurrentRegion(t.db, '160301', 'district')).toBe(false);
    expect(await isCurrentRegion(t.db, '160205', 'district')).toBe(true);
    expect(await isCurrentRegion(t.db, '160205', 'village')).toBe(false);
    expect(listOpenRegionCodes(t.sqlite)).toHaveLength(6);
    expect(await countRegions(t.db)).toMatchObject({
      district: { all: 2, current: 1 },
      village: { all: 3, current: 2 },
    });
    expect(await villagesOfRegency(t.db, '1602', { includeClosed: true })).toHaveLength(2);
    expect(upsertRegionBatch(t.sqlite, ROWS, 'v4')).toMatchObject({ reopened: 2 });
  });

  it('refuses rows that break the code rules', () => {
    const bad = (row: Partial<RegionInput>) => () =>
      upsertRegionBatch(
        t.sqlite,
        [{ code: '16', level: 'province', parentCode: null, name: 'X', kind: null, ...row }],
        'v1',
      );
    expect(bad({ code: '1A' })).toThrow();
    expect(bad({ code: '160' })).toThrow();
    expect(bad({ kind: 'desa' })).toThrow();
    expect(bad({ name: '' })).toThrow();
    // A village must sit under its own 6-digit prefix, and the parent must exist.
    expect(() =>
      upsertRegionBatch(
        t.sqlite,
        [{ code: '1602052011', level: 'village', parentCode: '160205', name: 'X', kind: 'desa' }],
        'v1',
      ),
    ).toThrow(/FOREIGN KEY/);
  });
});
