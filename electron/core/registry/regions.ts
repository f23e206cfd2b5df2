import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import type SQLite from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import {
  closeRegionBatch,
  hasRegionTable,
  listOpenRegionCodes,
  recordRegionVersion,
  upsertRegionBatch,
  type RegionInput,
} from '../../../db/queries/regions';
import type { Database, RegionLevel, VillageKind } from '../../../db/schema';
import { parseCsvStream } from './csv';

/** Kemendagri code lengths without dots, per level (domain §2.1). */
const LENGTHS: Record<RegionLevel, number> = { province: 2, regency: 4, district: 6, village: 10 };
const DOTTED = /^\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?$/;
const UNDOTTED = /^(?:\d{2}|\d{4}|\d{6}|\d{10})$/;
const KINDS: Record<string, VillageKind> = { '1': 'kelurahan', '2': 'desa', '3': 'desa_adat' };

/** '1602052011' → '16.02.05.2011'. Throws on a code that is not canonical (a bug upstream). */
export function formatRegionCode(code: string): string {
  if (!UNDOTTED.test(code)) throw new RangeError(`Not a region code: ${code}`);
  const parts = [code.slice(0, 2), code.slice(2, 4), code.slice(4, 6), code.slice(6)];
  return parts.filter((p) => p.length > 0).join('.');
}

/** '16.02.05.2011' (or already undotted) → '1602052011'; null when it is not a region code. */
export function parseRegionCode(text: string): string | null {
  const trimmed = text.trim();
  if (UNDOTTED.test(trimmed)) return trimmed;
  return DOTTED.test(trimmed) ? trimmed.replaceAll('.', '') : null;
}

export function levelOfCode(code: string): RegionLevel | null {
  const entry = Object.entries(LENGTHS).find(([, n]) => n === code.length);
  return UNDOTTED.test(code) && entry ? (entry[0] as RegionLevel) : null;
}

/** A shipped region file that does not match its format: corrupt data, not user input. */
export class RegionDataError extends Error {
  constructor(file: string, line: number, problem: string) {
    super(`${file} line ${line}: ${problem}`);
    this.name = 'RegionDataError';
  }
}

export interface LoadRegionsOptions {
  /** Folder with provinces.csv, regencies.csv, districts.csv, villages.csv (idn-area-data 4). */
  csvDir: string;
  /** E.g. 'Kepmendagri 300.2.2-2138/2025'. */
  version: string;
  /** E.g. 'idn-area-data 4.0.1 (ODbL 1.0)'. */
  source: string;
  at: string;
  batchSize?: number;
}

export interface LoadRegionsResult {
  rows: number;
  inserted: number;
  renamed: number;
  reopened: number;
  /** Codes the new version no longer has: kept, with valid_until_version set. */
  closed: number;
}

const FILES: { level: RegionLevel; file: string; header: string }[] = [
  { level: 'province', file: 'provinces.csv', header: 'code,name' },
  { level: 'regency', file: 'regencies.csv', header: 'code,province_code,name' },
  { level: 'district', file: 'districts.csv', header: 'code,regency_code,name' },
  { level: 'village', file: 'villages.csv', header: 'code,district_code,name' },
];

/**
 * Loads a complete national table, parents first, streaming each file and writing in short
 * transactions. Idempotent: unchanged rows are not written. Codes missing from this version are
 * closed, never deleted. Versions apply in the order they are loaded, so load only newer tables.
 * Uses the raw handle: never interleaves with an open Kysely transaction on the same connection.
 */
export async function loadRegions(
  opened: { sqlite: SQLite.Database },
  options: LoadRegionsOptions,
): Promise<LoadRegionsResult> {
  const { sqlite } = opened;
  const batchSize = options.batchSize ?? 5000;
  const seen = new Set<string>();
  const result: LoadRegionsResult = { rows: 0, inserted: 0, renamed: 0, reopened: 0, closed: 0 };
  const flush = async (batch: RegionInput[]) => {
    await whenIdle(sqlite);
    const counts = upsertRegionBatch(sqlite, batch, options.version);
    result.inserted += counts.inserted;
    result.renamed += counts.renamed;
    result.reopened += counts.reopened;
    result.rows += batch.length;
  };
  for (const spec of FILES) {
    let batch: RegionInput[] = [];
    let count = 0;
    const stream = createReadStream(join(options.csvDir, spec.file), { encoding: 'utf8' });
    for await (const record of parseCsvStream(stream)) {
      if (record.line === 1) {
        if (record.fields.join(',') !== spec.header) {
          throw new RegionDataError(spec.file, 1, `expected header ${spec.header}`);
        }
        continue;
      }
      const row = toRegion(spec.level, record.fields, (problem) => {
        throw new RegionDataError(spec.file, record.line, problem);
      });
      if (seen.has(row.code)) throw new RegionDataError(spec.file, record.line, 'duplicate code');
      seen.add(row.code);
      batch.push(row);
      count += 1;
      if (batch.length >= batchSize) {
        await flush(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await flush(batch);
    // An empty file would close every code of its level: refuse rather than guess.
    if (count === 0) throw new RegionDataError(spec.file, 1, 'no rows');
  }
  const missing = listOpenRegionCodes(sqlite).filter((code) => !seen.has(code));
  for (let i = 0; i < missing.length; i += batchSize) {
    await whenIdle(sqlite);
    result.closed += closeRegionBatch(sqlite, missing.slice(i, i + batchSize), options.version);
  }
  recordRegionVersion(sqlite, {
    version: options.version,
    source: options.source,
    loaded_at: options.at,
    row_count: result.rows,
  });
  return result;
}

function toRegion(
  level: RegionLevel,
  fields: string[],
  reject: (problem: string) => never,
): RegionInput {
  const expected = level === 'province' ? 2 : 3;
  if (fields.length !== expected) reject(`expected ${expected} fields, got ${fields.length}`);
  const dotted = fields[0] ?? '';
  const parentDotted = level === 'province' ? null : (fields[1] ?? '');
  const name = (fields[expected - 1] ?? '').trim();
  const code = parseRegionCode(dotted);
  const isDotted = dotted.includes('.');
  if (!code || isDotted !== (level !== 'province') || code.length !== LENGTHS[level]) {
    reject(`bad ${level} code ${dotted}`);
  }
  const parentCode = parentDotted === null ? null : parseRegionCode(parentDotted);
  if (parentDotted !== null && parentCode !== code.slice(0, level === 'village' ? 6 : -2)) {
    reject(`parent ${parentDotted} does not match code ${dotted}`);
  }
  if (name.length === 0) reject('empty name');
  let kind: VillageKind | null = null;
  if (level === 'village') kind = KINDS[code.charAt(6)] ?? reject(`unknown village kind ${dotted}`);
  return { code, level, parentCode, name, kind };
}

/** Waits until no other transaction is open on the connection (e.g. a Kysely one mid-await). */
async function whenIdle(sqlite: SQLite.Database): Promise<void> {
  while (sqlite.inTransaction) await new Promise((resolve) => setImmediate(resolve));
}

/** The table shipped with this release (domain §2.4). */
export const SHIPPED_REGIONS = {
  version: 'Kepmendagri 300.2.2-2138/2025',
  source: 'idn-area-data 4.0.1 (ODbL 1.0)',
} as const;

/**
 * Where the shipped CSVs are: resources/data/regions in a packaged app (copied at build time),
 * else the idn-area-data package next to resources/ in a checkout.
 */
export function regionCsvDirs(resourcesDir: string): string[] {
  return [
    join(resourcesDir, 'data', 'regions'),
    join(resourcesDir, '..', 'node_modules', 'idn-area-data', 'data'),
  ];
}

export type EnsureRegionsOutcome =
  | { status: 'present' }
  | { status: 'loaded'; csvDir: string; result: LoadRegionsResult }
  | { status: 'missing'; searched: string[] };

/** First start: loads the shipped table when none is loaded yet; otherwise does nothing. */
export async function ensureRegions(
  opened: { db: Kysely<Database>; sqlite: SQLite.Database },
  options: { resourcesDir: string; at: string },
): Promise<EnsureRegionsOutcome> {
  if (await hasRegionTable(opened.db)) return { status: 'present' };
  const searched = regionCsvDirs(options.resourcesDir);
  const csvDir = searched.find((dir) => existsSync(join(dir, 'villages.csv')));
  if (!csvDir) return { status: 'missing', searched };
  const result = await loadRegions(opened, { csvDir, ...SHIPPED_REGIONS, at: options.at });
  return { status: 'loaded', csvDir, result };
}
