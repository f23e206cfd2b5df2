import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_EXTRACT_VILLAGES } from '../../electron/core/demo/extract';
import { parseRegionCode, regionCsvDirs } from '../../electron/core/registry/regions';
import { ROOT } from './db';

/**
 * Where the synthetic residents live. `regency`: every village of Kabupaten Ogan Komering Ilir
 * (16.02) in the shipped region table, about 3,000 residents each at 1M, as in a real extract.
 * `demo`: the writer's nine training villages, about 110,000 each at 1M, which makes a village
 * filter far less selective than on a real station.
 */
export type VillageSet = 'regency' | 'demo';

export function villageCodes(set: VillageSet): readonly string[] {
  if (set === 'demo') return DEFAULT_EXTRACT_VILLAGES;
  const dir = regionCsvDirs(join(ROOT, 'resources')).find((d) =>
    existsSync(join(d, 'villages.csv')),
  );
  if (!dir) throw new Error('No villages.csv: install idn-area-data (npm ci)');
  const codes = readFileSync(join(dir, 'villages.csv'), 'utf8')
    .split(/\r?\n/)
    .map((line) => parseRegionCode(line.split(',')[0] ?? ''))
    .filter((code): code is string => code !== null && code.startsWith('1602'));
  if (codes.length === 0) throw new Error(`No OKI villages in ${dir}/villages.csv`);
  return [...new Set(codes)].sort();
}
