import type SQLite from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import type { Database, RegionLevel, RegionRow, RegionVersionRow, VillageKind } from '../schema';

/** One region as read from a source table, code already undotted. */
export interface RegionInput {
  code: string;
  level: RegionLevel;
  parentCode: string | null;
  name: string;
  kind: VillageKind | null;
}

export interface RegionBatchCounts {
  inserted: number;
  renamed: number;
  reopened: number;
}

export interface RegionNode {
  code: string;
  name: string;
}

export interface RegionPath {
  province: RegionNode;
  regency: RegionNode;
  district: RegionNode;
  village: RegionNode;
}

// Upper bound for a prefix range over digit-only codes: ':' sorts right after '9'.
const PREFIX_END = ':';

/**
 * Writes one batch in one transaction with prepared statements on the raw handle (the Kysely
 * dialect is async over a sync driver and about ten times slower for bulk work). Unchanged rows
 * are not written at all, so re-running a version changes nothing.
 */
export function upsertRegionBatch(
  sqlite: SQLite.Database,
  rows: readonly RegionInput[],
  version: string,
): RegionBatchCounts {
  const insert = sqlite.prepare(
    `INSERT INTO regions (code, level, parent_code, name, kind, valid_from_version)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING`,
  );
  const rename = sqlite.prepare('UPDATE regions SET name = ? WHERE code = ? AND name <> ?');
  const reopen = sqlite.prepare(
    'UPDATE regions SET valid_until_version = NULL WHERE code = ? AND valid_until_version IS NOT NULL',
  );
  const run = sqlite.transaction((batch: readonly RegionInput[]) => {
    const counts: RegionBatchCounts = { inserted: 0, renamed: 0, reopened: 0 };
    for (const r of batch) {
      if (insert.run(r.code, r.level, r.parentCode, r.name, r.kind, version).changes > 0) {
        counts.inserted += 1;
        continue;
      }
      counts.renamed += rename.run(r.name, r.code, r.name).changes;
      counts.reopened += reopen.run(r.code).changes;
    }
    return counts;
  });
  return run(rows);
}

/** Open codes that the loaded version no longer has; the caller closes them in batches. */
export function listOpenRegionCodes(sqlite: SQLite.Database): string[] {
  return sqlite
    .prepare('SELECT code FROM regions WHERE valid_until_version IS NULL')
    .pluck()
    .all() as string[];
}

export function closeRegionBatch(
  sqlite: SQLite.Database,
  codes: readonly string[],
  version: string,
): number {
  const close = sqlite.prepare(
    'UPDATE regions SET valid_until_version = ? WHERE code = ? AND valid_until_version IS NULL',
  );
  return sqlite.transaction((batch: readonly string[]) =>
    batch.reduce((sum, code) => sum + close.run(version, code).changes, 0),
  )(codes);
}

/** Records a loaded version once; a reload keeps the first loaded_at. */
export function recordRegionVersion(sqlite: SQLite.Database, row: RegionVersionRow): void {
  sqlite
    .prepare(
      `INSERT INTO region_versions (version, source, loaded_at, row_count) VALUES (?, ?, ?, ?)
       ON CONFLICT (version) DO NOTHING`,
    )
    .run(row.version, row.source, row.loaded_at, row.row_count);
}

export async function listRegionVersions(db: Kysely<Database>): Promise<RegionVersionRow[]> {
  return db.selectFrom('region_versions').selectAll().orderBy('loaded_at').execute();
}

export async function getRegion(db: Kysely<Database>, code: string): Promise<RegionRow | null> {
  const row = await db
    .selectFrom('regions')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirst();
  return row ?? null;
}

/** True when the code is in the current table (not closed by a newer version). */
export async function isCurrentRegion(
  db: Kysely<Database>,
  code: string,
  level: RegionLevel,
): Promise<boolean> {
  const row = await db
    .selectFrom('regions')
    .select('code')
    .where('code', '=', code)
    .where('level', '=', level)
    .where('valid_until_version', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** Regions of one level under a prefix, in code order; current ones only unless asked. */
export async function regionsUnder(
  db: Kysely<Database>,
  prefix: string,
  level: RegionLevel,
  options: { includeClosed?: boolean } = {},
): Promise<RegionRow[]> {
  let query = db
    .selectFrom('regions')
    .selectAll()
    .where('code', '>=', prefix)
    .where('code', '<', prefix + PREFIX_END)
    .where('level', '=', level);
  if (!options.includeClosed) query = query.where('valid_until_version', 'is', null);
  return query.orderBy('code').execute();
}

export async function villagesOfRegency(
  db: Kysely<Database>,
  regencyCode: string,
  options: { includeClosed?: boolean } = {},
): Promise<RegionRow[]> {
  return regionsUnder(db, regencyCode, 'village', options);
}

export async function districtsOfRegency(
  db: Kysely<Database>,
  regencyCode: string,
  options: { includeClosed?: boolean } = {},
): Promise<RegionRow[]> {
  return regionsUnder(db, regencyCode, 'district', options);
}

/** The kecamatan of a village code (its first 6 digits), closed or not. */
export async function districtOf(
  db: Kysely<Database>,
  villageCode: string,
): Promise<RegionRow | null> {
  if (villageCode.length !== 10) return null;
  const row = await getRegion(db, villageCode.slice(0, 6));
  return row?.level === 'district' ? row : null;
}

/** Province, regency, district and village of a village code; null when any level is missing. */
export async function regionPath(
  db: Kysely<Database>,
  villageCode: string,
): Promise<RegionPath | null> {
  if (villageCode.length !== 10) return null;
  const codes = [2, 4, 6, 10].map((n) => villageCode.slice(0, n));
  const rows = await db
    .selectFrom('regions')
    .select(['code', 'name', 'level'])
    .where('code', 'in', codes)
    .execute();
  const at = (level: RegionLevel): RegionNode | undefined => {
    const row = rows.find((r) => r.level === level);
    return row && { code: row.code, name: row.name };
  };
  const [province, regency, district, village] = [
    at('province'),
    at('regency'),
    at('district'),
    at('village'),
  ];
  if (!province || !regency || !district || !village) return null;
  return { province, regency, district, village };
}

/** Counts per level; `current` excludes closed codes. */
export async function countRegions(
  db: Kysely<Database>,
): Promise<Record<RegionLevel, { all: number; current: number }>> {
  const rows = await db
    .selectFrom('regions')
    .select((eb) => [
      'level',
      eb.fn.countAll<number>().as('all'),
      eb.fn.count<number>('code').filterWhere('valid_until_version', 'is', null).as('current'),
    ])
    .groupBy('level')
    .execute();
  const empty = { all: 0, current: 0 };
  const by = (level: RegionLevel) => {
    const row = rows.find((r) => r.level === level);
    return row ? { all: Number(row.all), current: Number(row.current) } : empty;
  };
  return {
    province: by('province'),
    regency: by('regency'),
    district: by('district'),
    village: by('village'),
  };
}

/** False until a region table has been loaded (first start). */
export async function hasRegionTable(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('region_versions').select('version').limit(1).executeTakeFirst();
  return row !== undefined;
}
