import type SQLite from 'better-sqlite3-multiple-ciphers';
import type { FamilyMembershipRow, FamilyRow, ResidentRow } from '../schema';

/**
 * Read side of the registry for search and the detail screens, on the raw handle: these run on
 * every keystroke of a search box, and the Kysely dialect is async over a sync driver. Statements
 * are prepared once per connection and shape. The search code builds the name conditions; this
 * file owns the SQL text.
 */

/** The columns a search result line needs. */
export interface ResidentSummaryRow {
  id: number;
  nik: string;
  kk_number: string;
  name: string;
  sex: 1 | 2;
  birth_place: string;
  birth_date: string;
  village_code: string;
  relationship: number;
}

const SUMMARY_COLUMNS =
  'r.id, r.nik, r.kk_number, r.name, r.sex, r.birth_place, r.birth_date, r.village_code, r.relationship';

/** Filters of a search; absent ones are not in the SQL at all. */
export interface ResidentFilters {
  villageCode?: string | undefined;
  districtCode?: string | undefined;
  birthYearFrom?: number | undefined;
  birthYearTo?: number | undefined;
  sex?: 1 | 2 | undefined;
}

/** One condition on a resident's name tokens: any of these keys, or keys in [lo, hi). */
export type TokenCondition = { keys: string[] } | { lo: string; hi: string };

const cache = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

function prepared(sqlite: SQLite.Database, sql: string): SQLite.Statement {
  let statements = cache.get(sqlite);
  if (!statements) {
    statements = new Map();
    cache.set(sqlite, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = sqlite.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}

type Params = Record<string, string | number>;

function filterSql(filters: ResidentFilters, params: Params): string {
  const parts: string[] = [];
  if (filters.villageCode !== undefined) {
    parts.push('r.village_code = @village');
    params['village'] = filters.villageCode;
  }
  if (filters.districtCode !== undefined) {
    // ':' sorts right after '9': the range of every village code under the kecamatan.
    parts.push('r.village_code >= @district AND r.village_code < @districtEnd');
    params['district'] = filters.districtCode;
    params['districtEnd'] = `${filters.districtCode}:`;
  }
  if (filters.birthYearFrom !== undefined) {
    parts.push('r.birth_year >= @yearFrom');
    params['yearFrom'] = filters.birthYearFrom;
  }
  if (filters.birthYearTo !== undefined) {
    parts.push('r.birth_year <= @yearTo');
    params['yearTo'] = filters.birthYearTo;
  }
  if (filters.sex !== undefined) {
    parts.push('r.sex = @sex');
    params['sex'] = filters.sex;
  }
  return parts.map((p) => ` AND ${p}`).join('');
}

export function residentByNik(
  sqlite: SQLite.Database,
  nik: string,
  filters: ResidentFilters = {},
): ResidentSummaryRow | undefined {
  const params: Params = { nik };
  const where = filterSql(filters, params);
  return prepared(
    sqlite,
    `SELECT ${SUMMARY_COLUMNS} FROM residents r WHERE r.nik = @nik${where}`,
  ).get(params) as ResidentSummaryRow | undefined;
}

/** Current members of a KK, head first. */
export function residentsOfKk(
  sqlite: SQLite.Database,
  kkNumber: string,
  filters: ResidentFilters,
  limit: number,
): ResidentSummaryRow[] {
  const params: Params = { kk: kkNumber, limit };
  const where = filterSql(filters, params);
  const sql =
    `SELECT ${SUMMARY_COLUMNS} FROM residents r WHERE r.kk_number = @kk${where}` +
    ' ORDER BY r.relationship, r.birth_date, r.nik LIMIT @limit';
  return prepared(sqlite, sql).all(params) as ResidentSummaryRow[];
}

export function residentsByNikPrefix(
  sqlite: SQLite.Database,
  prefix: string,
  filters: ResidentFilters,
  limit: number,
): ResidentSummaryRow[] {
  const params: Params = { lo: prefix, hi: `${prefix}:`, limit };
  const where = filterSql(filters, params);
  const sql =
    `SELECT ${SUMMARY_COLUMNS} FROM residents r WHERE r.nik >= @lo AND r.nik < @hi${where}` +
    ' ORDER BY r.nik LIMIT @limit';
  return prepared(sqlite, sql).all(params) as ResidentSummaryRow[];
}

/**
 * The filters as a probe of residents_search_filters (row id first): checked before the resident's
 * row is read, so a filter that rejects most candidates costs an index seek each, not a row.
 */
function filterExistsSql(filters: ResidentFilters, params: Params, id: string): string {
  const where = filterSql(filters, params).replaceAll('r.', 'f.');
  if (where === '') return '';
  return (
    ' AND EXISTS (SELECT 1 FROM residents f INDEXED BY residents_search_filters' +
    ` WHERE f.id = ${id}${where})`
  );
}

/** Rows for a stream of candidate ids (`ids` selects a column `id`), at most `limit`. */
function rowsOf(ids: string): string {
  return `SELECT ${SUMMARY_COLUMNS} FROM (${ids}) m CROSS JOIN residents r WHERE r.id = m.id LIMIT @limit`;
}

/**
 * Residents whose whole-name key is `key` (or starts with it), via residents_name_key; at most
 * `scan` keys are read.
 */
export function residentsByNameKey(
  sqlite: SQLite.Database,
  key: string,
  match: 'exact' | 'prefix',
  filters: ResidentFilters,
  limit: number,
  scan: number,
): ResidentSummaryRow[] {
  const params: Params = { key, limit, scan };
  let cond = 'k.name_key = @key';
  if (match === 'prefix') {
    // Keys are a-z only; '{' sorts right after 'z'.
    cond = 'k.name_key >= @key AND k.name_key < @keyEnd';
    params['keyEnd'] = `${key}{`;
  }
  // The index holds the filter columns: filtered in the index, at most `scan` entries read.
  const where = filterSql(filters, params).replaceAll('r.', 'k.');
  const keys = `SELECT k.id AS id FROM residents k INDEXED BY residents_name_key WHERE ${cond}${where}`;
  const sql = `SELECT ${SUMMARY_COLUMNS} FROM (${keys} LIMIT @scan) m CROSS JOIN residents r WHERE r.id = m.id LIMIT @limit`;
  return prepared(sqlite, sql).all(params) as ResidentSummaryRow[];
}

/** How many token rows a condition matches, counted up to `cap` (to pick the rarest first). */
export function countTokenRows(
  sqlite: SQLite.Database,
  condition: TokenCondition,
  cap: number,
): number {
  const params: Params = { cap };
  const sql = `SELECT count(*) FROM (SELECT 1 FROM resident_name_tokens t0 WHERE ${driverSql(condition, 0, params)} LIMIT @cap)`;
  return prepared(sqlite, sql).pluck().get(params) as number;
}

/** The keys of `keys` that some resident has. */
export function existingTokens(sqlite: SQLite.Database, keys: readonly string[]): string[] {
  if (keys.length === 0) return [];
  const sql =
    'SELECT value FROM json_each(@keys) WHERE EXISTS ' +
    '(SELECT 1 FROM resident_name_tokens WHERE token = value)';
  return prepared(sqlite, sql)
    .pluck()
    .all({ keys: JSON.stringify(keys) }) as string[];
}

function driverSql(condition: TokenCondition, n: number, params: Params): string {
  if ('keys' in condition) {
    params[`g${n}`] = JSON.stringify(condition.keys);
    return `t0.token IN (SELECT value FROM json_each(@g${n}))`;
  }
  params[`g${n}lo`] = condition.lo;
  params[`g${n}hi`] = condition.hi;
  return `t0.token >= @g${n}lo AND t0.token < @g${n}hi`;
}

function existsSql(condition: TokenCondition, n: number, params: Params, id: string): string {
  if ('keys' in condition) {
    params[`g${n}`] = JSON.stringify(condition.keys);
    return (
      ` AND EXISTS (SELECT 1 FROM resident_name_tokens t${n} WHERE t${n}.token IN ` +
      `(SELECT value FROM json_each(@g${n})) AND t${n}.resident_id = ${id})`
    );
  }
  params[`g${n}lo`] = condition.lo;
  params[`g${n}hi`] = condition.hi;
  // A key range cannot be probed by (token, resident): read the resident's few tokens instead.
  return (
    ` AND EXISTS (SELECT 1 FROM resident_name_tokens t${n} INDEXED BY resident_name_tokens_resident` +
    ` WHERE t${n}.resident_id = ${id} AND t${n}.token >= @g${n}lo AND t${n}.token < @g${n}hi)`
  );
}

/** The village filter and birth-year range as a range of residents_village_year. */
function villageRangeSql(filters: ResidentFilters, params: Params, alias = 'v'): string {
  params['village'] = filters.villageCode ?? '';
  let sql = `${alias}.village_code = @village`;
  if (filters.birthYearFrom !== undefined) {
    sql += ` AND ${alias}.birth_year >= @yearFrom`;
    params['yearFrom'] = filters.birthYearFrom;
  }
  if (filters.birthYearTo !== undefined) {
    sql += ` AND ${alias}.birth_year <= @yearTo`;
    params['yearTo'] = filters.birthYearTo;
  }
  return sql;
}

/**
 * How many residents the village filter (with the birth-year range) leaves, counted in
 * residents_village_year up to `cap`: whether the village is a shorter walk than a name's postings.
 * Villages differ a hundredfold in size, so this is counted, not assumed.
 */
export function countVillageRange(
  sqlite: SQLite.Database,
  filters: ResidentFilters,
  cap: number,
): number {
  const params: Params = { cap };
  const range = villageRangeSql(filters, params);
  const sql = `SELECT count(*) FROM (SELECT 1 FROM residents v INDEXED BY residents_village_year WHERE ${range} LIMIT @cap)`;
  return prepared(sqlite, sql).pluck().get(params) as number;
}

/**
 * A condition checked as a set: its postings are read once, in key order (contiguous pages),
 * into a temporary index that each candidate is looked up in. A probe per candidate is a seek to
 * a random page of a large index instead (a cache miss is a read, a decrypt and an HMAC check).
 * Which checks are sets is the caller's choice (search.ts), from the counts it has.
 */
function inSetSql(condition: TokenCondition, n: number, params: Params, id: string): string {
  if ('keys' in condition) {
    params[`g${n}`] = JSON.stringify(condition.keys);
    return (
      ` AND ${id} IN (SELECT s${n}.resident_id FROM resident_name_tokens s${n}` +
      ` WHERE s${n}.token IN (SELECT value FROM json_each(@g${n})))`
    );
  }
  params[`g${n}lo`] = condition.lo;
  params[`g${n}hi`] = condition.hi;
  return (
    ` AND ${id} IN (SELECT s${n}.resident_id FROM resident_name_tokens s${n}` +
    ` WHERE s${n}.token >= @g${n}lo AND s${n}.token < @g${n}hi)`
  );
}

/** The highest resident row id (0 when there are none): a cheap stand-in for their number. */
export function maxResidentId(sqlite: SQLite.Database): number {
  return (prepared(sqlite, 'SELECT max(id) FROM residents').pluck().get() as number | null) ?? 0;
}

/** Which checks of a walk read their postings (or the village range) once as a set. */
export interface WalkSets {
  /** Indexes into `conditions`. */
  conditions?: ReadonlySet<number> | undefined;
  /** The village and birth-year filters as the village index range (postings driver only). */
  village?: boolean | undefined;
}

/**
 * Residents that satisfy every condition and the filters. `driver` says where to start: the
 * postings of one condition (its index in `conditions`, the rarest; at most `scan` of them are
 * read), or the village index (village and birth-year range) when that range is shorter than
 * any name part's postings. The other conditions are probed per candidate, or, as `sets` says,
 * read once as a set (the caller knows the sizes). Only the token and filter indexes are read
 * until a candidate has passed every check.
 */
export function residentsByTokens(
  sqlite: SQLite.Database,
  conditions: readonly TokenCondition[],
  driver: number | 'village',
  filters: ResidentFilters,
  limit: number,
  scan: number,
  sets: WalkSets = {},
): ResidentSummaryRow[] {
  const params: Params = { limit, scan };
  const check = (c: TokenCondition, n: number, id: string) =>
    sets.conditions?.has(n) ? inSetSql(c, n + 1, params, id) : existsSql(c, n + 1, params, id);
  // Sets first: a lookup in a temporary index rejects before any probe is paid for.
  const order = conditions
    .map((_, n) => n)
    .sort((a, b) => Number(sets.conditions?.has(b) ?? 0) - Number(sets.conditions?.has(a) ?? 0));
  let ids: string;
  if (driver === 'village') {
    const range = villageRangeSql(filters, params);
    const checks = order.map((n) => check(conditions[n] as TokenCondition, n, 'v.id')).join('');
    // The village and birth years are the index range; the other filters are probed.
    const rest = filterExistsSql(
      { sex: filters.sex, districtCode: filters.districtCode },
      params,
      'v.id',
    );
    ids = `SELECT v.id AS id FROM residents v INDEXED BY residents_village_year WHERE ${range}${checks}${rest}`;
  } else {
    const first = conditions[driver];
    if (!first) throw new RangeError(`No condition ${driver}`);
    const postings = `SELECT t0.resident_id FROM resident_name_tokens t0 WHERE ${driverSql(first, 0, params)} LIMIT @scan`;
    const id = 'p.resident_id';
    let village = '';
    let rest = filters;
    if (sets.village && filters.villageCode !== undefined) {
      village =
        ` AND ${id} IN (SELECT vs.id FROM residents vs INDEXED BY residents_village_year` +
        ` WHERE ${villageRangeSql(filters, params, 'vs')})`;
      rest = { sex: filters.sex, districtCode: filters.districtCode };
    }
    const checks = order
      .map((n) => (n === driver ? '' : check(conditions[n] as TokenCondition, n, id)))
      .join('');
    ids =
      `SELECT DISTINCT p.resident_id AS id FROM (${postings}) p` +
      ` WHERE 1${village}${checks}${filterExistsSql(rest, params, id)}`;
  }
  return prepared(sqlite, rowsOf(ids)).all(params) as ResidentSummaryRow[];
}

/** Region names by code (village, district ...); null when the table does not have the code. */
export function regionName(sqlite: SQLite.Database, code: string): string | null {
  const name = prepared(sqlite, 'SELECT name FROM regions WHERE code = ?').pluck().get(code);
  return typeof name === 'string' ? name : null;
}

export function residentById(sqlite: SQLite.Database, id: number): ResidentRow | undefined {
  return prepared(sqlite, 'SELECT * FROM residents WHERE id = ?').get(id) as
    ResidentRow | undefined;
}

export function residentRowByNik(sqlite: SQLite.Database, nik: string): ResidentRow | undefined {
  return prepared(sqlite, 'SELECT * FROM residents WHERE nik = ?').get(nik) as
    ResidentRow | undefined;
}

export function familyByKk(sqlite: SQLite.Database, kkNumber: string): FamilyRow | undefined {
  return prepared(sqlite, 'SELECT * FROM families WHERE kk_number = ?').get(kkNumber) as
    FamilyRow | undefined;
}

/** Current members of a KK in card order: head first, then by SHDK and age. */
export function membersOfKk(sqlite: SQLite.Database, kkNumber: string): ResidentRow[] {
  return prepared(
    sqlite,
    'SELECT * FROM residents WHERE kk_number = ? ORDER BY relationship, birth_date, nik',
  ).all(kkNumber) as ResidentRow[];
}

/**
 * Every membership row of the people who are or were on this KK, newest first: the KK numbers
 * they had before and after.
 */
export function membershipHistory(
  sqlite: SQLite.Database,
  kkNumber: string,
): Array<FamilyMembershipRow & { name: string | null }> {
  const sql = `
    SELECT m.*, (SELECT name FROM residents WHERE nik = m.nik) AS name
    FROM family_memberships m
    WHERE m.nik IN (SELECT nik FROM family_memberships WHERE kk_number = ?
                    UNION SELECT nik FROM residents WHERE kk_number = ?)
    ORDER BY m.from_at DESC, m.id DESC`;
  return prepared(sqlite, sql).all(kkNumber, kkNumber) as Array<
    FamilyMembershipRow & { name: string | null }
  >;
}

/** False until a region table has been loaded (first start). */
export function hasRegionTable(sqlite: SQLite.Database): boolean {
  return prepared(sqlite, 'SELECT 1 FROM region_versions LIMIT 1').get() !== undefined;
}
