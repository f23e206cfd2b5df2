import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A small synthetic region table in the idn-area-data 4 CSV layout, for tests. */
export interface RegionFixture {
  provinces: [code: string, name: string][];
  regencies: [code: string, province: string, name: string][];
  districts: [code: string, regency: string, name: string][];
  villages: [code: string, district: string, name: string][];
}

const quote = (value: string) =>
  /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

const lines = (header: string, rows: string[][]) =>
  [header, ...rows.map((r) => r.map(quote).join(','))].join('\r\n') + '\r\n';

/** Writes the four CSVs to a new folder (or `dir`) and returns it. */
export function writeRegionCsvs(fixture: RegionFixture, dir?: string): string {
  const target = dir ?? mkdtempSync(join(tmpdir(), 'lm-regions-'));
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, 'provinces.csv'), lines('code,name', fixture.provinces));
  writeFileSync(join(target, 'regencies.csv'), lines('code,province_code,name', fixture.regencies));
  writeFileSync(join(target, 'districts.csv'), lines('code,regency_code,name', fixture.districts));
  writeFileSync(join(target, 'villages.csv'), lines('code,district_code,name', fixture.villages));
  return target;
}

/** Version 1 of a tiny OKI: an old kecamatan 16.02.01 that version 2 drops. */
export const OKI_V1: RegionFixture = {
  provinces: [['16', 'Sumatera Selatan']],
  regencies: [['16.02', '16', 'Kabupaten Ogan Komering Ilir']],
  districts: [
    ['16.02.01', '16.02', 'Kecamatan Lama'],
    ['16.02.05', '16.02', 'Kayu Agung'],
  ],
  villages: [
    ['16.02.01.2001', '16.02.01', 'Desa Lama'],
    ['16.02.05.1001', '16.02.05', 'Jua-jua'],
    ['16.02.05.2011', '16.02.05', 'Kijang Ulu'],
  ],
};
