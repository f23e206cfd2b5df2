import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../testing/db';
import { Dispatcher } from '../../transport/dispatcher';
import { memoryPair } from '../../transport/memory-pair';
import { fixedClock } from '../system-ports';
import { registerRegistry } from './app';
import { OKI_V1, writeRegionCsvs } from '../../testing/regions';
import { loadRegions } from './regions';

const operator = { role: 'operator', userName: 'petugas', mode: 'officer' } as const;
const kiosk = { role: 'kiosk', userName: null, mode: 'kiosk' } as const;

describe('registry-nik-check', () => {
  let t: TestDb;
  let dispatcher: Dispatcher;

  beforeEach(async () => {
    t = await createTestDb();
    dispatcher = new Dispatcher((error) => {
      throw error;
    });
    // 2026-11-29 17:30 UTC is already 30 Nov in Jakarta.
    registerRegistry(dispatcher, {
      db: t.db,
      ports: { clock: fixedClock('2026-11-29T17:30:00Z') },
    });
  });
  afterEach(() => t.dispose());

  const loadFixture = async () => {
    const dir = writeRegionCsvs(OKI_V1);
    await loadRegions(t, { csvDir: dir, version: 'v1', source: 'test', at: 'x' });
    rmSync(dir, { recursive: true, force: true });
  };

  it('checks a NIK against the region table and the biodata', async () => {
    await loadFixture();
    const client = memoryPair(dispatcher, 'o', operator);
    expect(await client.send('registry-nik-check', { nik: '1602055512030001' })).toMatchObject({
      ok: true,
      value: { isValid: true, warnings: [], decoded: { birthDate: '2003-12-15', sex: 2 } },
    });
    const other = await client.send('registry-nik-check', {
      nik: '1602085512030001',
      birthDate: '2003-12-15',
      sex: 1,
    });
    expect(other.ok && other.value.warnings.map((w) => w.code)).toEqual([
      'NIK_DISTRICT_UNKNOWN',
      'NIK_SEX_MISMATCH',
    ]);
    expect(await client.send('registry-nik-check', { nik: '16020555120300' })).toMatchObject({
      ok: true,
      value: { isValid: false, errors: [{ code: 'NIK_LENGTH' }], decoded: null },
    });
  });

  it('accepts a NIK from a kecamatan that a later decree closed (historic code)', async () => {
    await loadFixture();
    const v2 = writeRegionCsvs({
      ...OKI_V1,
      districts: OKI_V1.districts.filter(([code]) => code !== '16.02.01'),
      villages: OKI_V1.villages.filter(([code]) => !code.startsWith('16.02.01')),
    });
    await loadRegions(t, { csvDir: v2, version: 'v2', source: 'test', at: 'y' });
    rmSync(v2, { recursive: true, force: true });
    const closed = await t.db
      .selectFrom('regions')
      .select('valid_until_version')
      .where('code', '=', '160201')
      .executeTakeFirstOrThrow();
    expect(closed.valid_until_version).toBe('v2');
    const client = memoryPair(dispatcher, 'o', operator);
    expect(await client.send('registry-nik-check', { nik: '1602015512030001' })).toMatchObject({
      ok: true,
      value: { isValid: true, warnings: [], decoded: { districtCode: '160201' } },
    });
  });

  it('uses the Jakarta calendar day for the century', async () => {
    const client = memoryPair(dispatcher, 'o', operator);
    const result = await client.send('registry-nik-check', { nik: '1602053011260001' });
    expect(result).toMatchObject({ ok: true, value: { decoded: { birthDate: '2026-11-30' } } });
  });

  it('skips the kecamatan check until a region table is loaded', async () => {
    const client = memoryPair(dispatcher, 'o', operator);
    const result = await client.send('registry-nik-check', { nik: '1602085512030001' });
    expect(result).toMatchObject({ ok: true, value: { isValid: true, warnings: [] } });
  });

  it('is for officers only and validates its arguments', async () => {
    const booth = memoryPair(dispatcher, 'k', kiosk);
    expect(await booth.send('registry-nik-check', { nik: '1602055512030001' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const client = memoryPair(dispatcher, 'o', operator);
    const bad = await client.send('registry-nik-check', {
      nik: '1602055512030001',
      birthDate: '2003-02-30',
      sex: 3 as 1,
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGS', fields: ['birthDate', 'sex'] },
    });
  });
});
