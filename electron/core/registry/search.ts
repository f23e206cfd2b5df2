import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type SQLite from 'better-sqlite3-multiple-ciphers';
import type {
  RegistrySearchArgs,
  RegistrySearchResult,
  ResidentSummary,
} from '../../contract/registry';
import {
  countTokenRows,
  countVillageRange,
  existingTokens,
  maxResidentId,
  regionName,
  residentByNik,
  residentsByNameKey,
  residentsByNikPrefix,
  residentsByTokens,
  residentsOfKk,
  type ResidentFilters,
  type ResidentSummaryRow,
  type TokenCondition,
  type WalkSets,
} from '../../../db/queries/residents-read';
import { loadCodeLists, type CodeLists } from './code-lists';
import { joinedKey, wordKey } from './names';
import { scoreName } from './search-score';
import {
  allowsTypos,
  indexWords,
  mergedReadings,
  oneEditAway,
  parseSearchQuery,
  strictGroups,
  type TokenGroup,
} from './search-query';
import { maskKk, maskNik } from '../common/mask';

/**
 * Resident search (issue 3 item 6; docs/registry-search.md). Synchronous on the raw
 * better-sqlite3 handle, so the benchmark and the handler call the same function.
 *
 * A name search runs tiers from the most to the least certain reading of the query and stops as
 * soon as more than `limit` residents are found; the candidates are then ranked by spelling
 * (search-score.ts). Every tier is a bounded index walk: no tier scans the residents table.
 */

export type SqliteSource = SQLite.Database | { sqlite: SQLite.Database };

export interface SearchOptions {
  /** SHDK labels; loaded from ./resources when not given. */
  codeLists?: CodeLists | undefined;
  /** Candidates ranked per tier at most (at least limit + 1). */
  poolSize?: number | undefined;
}

/** Token rows counted at most when choosing which name part drives the search. */
const COUNT_CAP = 100_000;
/** Postings (or name keys) read at most per tier; beyond it the result says hasMore. */
const SCAN_CAP = 20_000;
const DEFAULT_POOL = 100;
/**
 * A check of a walk is read once as a set (its postings in key order into a temporary index)
 * instead of probed per candidate when it has at most SET_MAX entries and at most
 * SET_PER_CANDIDATE per candidate that may reach it: a probe is a seek to a random page (a cache
 * miss is a read, a decrypt and an HMAC check), a set entry mostly the next one on a page already
 * read. Measured on 1,000,000 residents: 5,500 probes 30-55 ms, a set of 11,000 postings with
 * the same 5,500 look-ups 1-2 ms; with a warm cache, 3,000 probes 1.7 ms, a set of 33,000 8 ms.
 */
const SET_MAX = 50_000;
const SET_PER_CANDIDATE = 20;
let defaultCodeLists: CodeLists | null = null;
function codeListsOf(options: SearchOptions): CodeLists {
  if (options.codeLists) return options.codeLists;
  defaultCodeLists ??= loadCodeLists(join(process.cwd(), 'resources'));
  return defaultCodeLists;
}

function handleOf(source: SqliteSource): SQLite.Database {
  const sqlite = 'sqlite' in source ? source.sqlite : source;
  return sqlite;
}

type MatchedBy = ResidentSummary['matchedBy'];
interface Candidate {
  row: ResidentSummaryRow;
  score: number;
  matchedBy: MatchedBy;
}

/** Maps rows to DTOs: numbers masked, region names resolved once per code and call. */
function summaries(
  sqlite: SQLite.Database,
  candidates: readonly Candidate[],
  codeLists: CodeLists,
): ResidentSummary[] {
  const names = new Map<string, string | null>();
  const region = (code: string) => {
    if (!names.has(code)) names.set(code, regionName(sqlite, code));
    return names.get(code) ?? null;
  };
  return candidates.map(({ row, score, matchedBy }) => ({
    ref: residentRef(row.id),
    nikMasked: maskNik(row.nik),
    kkMasked: maskKk(row.kk_number),
    name: row.name,
    sex: row.sex,
    birthPlace: row.birth_place,
    birthDate: row.birth_date,
    villageCode: row.village_code,
    villageName: region(row.village_code),
    districtName: region(row.village_code.slice(0, 6)),
    relationship: codeLists.label('shdk', row.relationship) ?? String(row.relationship),
    score,
    matchedBy,
  }));
}

/** The opaque handle of a resident in results ('r' + row id); only this station resolves it. */
export function residentRef(id: number): string {
  return `r${id}`;
}

/** The row id behind a ref, or null for anything that is not one. */
export function parseResidentRef(ref: string): number | null {
  const m = /^r([1-9][0-9]{0,15})$/.exec(ref);
  const id = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(id) ? id : null;
}

function filtersOf(args: RegistrySearchArgs): ResidentFilters {
  return {
    villageCode: args.villageCode,
    districtCode: args.districtCode,
    birthYearFrom: args.birthYearFrom,
    birthYearTo: args.birthYearTo,
    sex: args.sex,
  };
}

/** A NIK looked up exactly: one masked summary, or null. */
export function getResidentByNik(
  source: SqliteSource,
  nik: string,
  options: SearchOptions = {},
): ResidentSummary | null {
  const sqlite = handleOf(source);
  const row = residentByNik(sqlite, nik);
  if (!row) return null;
  return summaries(sqlite, [{ row, score: 1, matchedBy: 'nik' }], codeListsOf(options))[0] ?? null;
}

/**
 * The search behind registry-search. `args` must be valid (the handler's zod schema); a query
 * that parseSearchQuery refuses throws a RangeError here.
 */
export function searchResidents(
  source: SqliteSource,
  args: RegistrySearchArgs,
  options: SearchOptions = {},
): RegistrySearchResult {
  const started = performance.now();
  const sqlite = handleOf(source);
  const parsed = parseSearchQuery(args.query);
  if ('error' in parsed) throw new RangeError(`Bad search query: ${parsed.error}`);
  const filters = filtersOf(args);
  let found: Candidate[];
  let hasMore: boolean;
  if (parsed.kind === 'number') {
    const person = residentByNik(sqlite, parsed.digits, filters);
    const members = residentsOfKk(sqlite, parsed.digits, filters, args.limit + 1);
    found = [
      ...(person ? [{ row: person, score: 1, matchedBy: 'nik' as const }] : []),
      ...members.map((row) => ({ row, score: 0.99, matchedBy: 'kk' as const })),
    ];
    hasMore = found.length > args.limit;
  } else if (parsed.kind === 'prefix') {
    const score = Math.round((0.5 + (0.5 * parsed.digits.length) / 16) * 1000) / 1000;
    const rows = residentsByNikPrefix(sqlite, parsed.digits, filters, args.limit + 1);
    found = rows.map((row) => ({ row, score, matchedBy: 'nik-prefix' as const }));
    hasMore = found.length > args.limit;
  } else {
    ({ found, hasMore } = searchNames(sqlite, parsed.words, filters, args.limit, options));
  }
  return {
    items: summaries(sqlite, found.slice(0, args.limit), codeListsOf(options)),
    hasMore,
    tookMs: Math.round((performance.now() - started) * 100) / 100,
  };
}

function keysOf(group: TokenGroup): string[] {
  return 'keys' in group ? group.keys : [];
}

function conditionOf(group: TokenGroup): TokenCondition {
  return 'keys' in group ? group : { lo: group.prefix, hi: `${group.prefix}{` };
}

/**
 * One name search's working state: counts are cached per key (and the village's size once
 * counted), walks per set of conditions (two tiers can ask the same: a typed pair and the same
 * two words read as one recorded word), and truncation is remembered.
 */
class NameSearch {
  readonly #counts = new Map<string, number>();
  readonly #walks = new Map<string, ResidentSummaryRow[]>();
  /** Residents in the village (and birth years), counted up to `cap`; exact when below it. */
  #village: { count: number; cap: number } | null = null;
  #residentCount: number | undefined;
  isTruncated = false;

  constructor(
    readonly sqlite: SQLite.Database,
    readonly filters: ResidentFilters,
    readonly pool: number,
  ) {}

  /**
   * Whether the typed words stand together (next to each other or one apart) in some resident's
   * name. Then the pair tiers have seen every such name, and when the filters left none, reading
   * each word on its own would only scan long postings to find the rare name that has the words
   * further apart.
   */
  isPaired(words: readonly string[]): boolean {
    const usable = indexWords(words);
    return usable.slice(1).some((w, i) => this.isKnown(joinedKey([usable[i] as string, w])));
  }

  /** Whether some resident has this key: a known word is not a typo, a whole word not a prefix. */
  isKnown(key: string): boolean {
    return this.#count({ keys: [key] }) > 0;
  }

  #count(condition: TokenCondition): number {
    const keys = 'keys' in condition ? condition.keys : [`${condition.lo}*`];
    let total = 0;
    for (const key of keys) {
      let n = this.#counts.get(key);
      if (n === undefined) {
        const single: TokenCondition = 'keys' in condition ? { keys: [key] } : condition;
        n = countTokenRows(this.sqlite, single, COUNT_CAP);
        this.#counts.set(key, n);
      }
      total += n;
    }
    return total;
  }

  /**
   * Whether the village filter's range of residents_village_year (with the birth years) is
   * shorter than `postings`. Counted, not assumed: villages range from a few hundred residents to
   * tens of thousands, and walking a large village entry by entry is what made a filtered search
   * slow. The count stops at `postings`, so it never costs more than the walk it replaces.
   */
  #isVillageShorter(postings: number): boolean {
    return this.filters.villageCode !== undefined && this.#villageCount(postings) < postings;
  }

  /** Residents in the village range, counted once up to `cap` (exact when below it). */
  #villageCount(cap: number): number {
    const known = this.#village;
    if (known && (known.count < known.cap || known.cap >= cap)) return known.count;
    const count = countVillageRange(this.sqlite, this.filters, cap);
    this.#village = { count, cap };
    return count;
  }

  /**
   * Which checks of a walk are read once as sets (residentsByTokens). A set costs its entries,
   * read in key order; a probe costs a seek to a random page per candidate that reaches it. The
   * village range, when it is a set, is checked first, so the name checks after it see only the
   * candidates who live there. `counts` are in the walk's order (the driver first).
   */
  #sets(counts: readonly number[], isVillageShorter: boolean, least: number): WalkSets {
    let candidates = isVillageShorter ? this.#villageCount(least) : Math.min(least, SCAN_CAP);
    let village = false;
    if (!isVillageShorter && this.filters.villageCode !== undefined) {
      const cap = Math.min(SET_MAX, SET_PER_CANDIDATE * candidates);
      const inVillage = this.#villageCount(cap + 1);
      village = inVillage <= cap;
      if (village) candidates *= Math.min(1, inVillage / this.#residents());
    }
    const setMax = Math.min(SET_MAX, SET_PER_CANDIDATE * candidates);
    const conditions = new Set<number>();
    counts.forEach((count, n) => {
      if ((n !== 0 || isVillageShorter) && count <= setMax) conditions.add(n);
    });
    return { conditions, village };
  }

  /** Residents on the station, roughly (the highest row id), for the village's share of them. */
  #residents(): number {
    this.#residentCount ??= Math.max(1, maxResidentId(this.sqlite));
    return this.#residentCount;
  }

  /**
   * Residents with every group: the shortest walk drives (the rarest group's postings, or the
   * village's residents in the birth years), the rest are probed or read as sets (#sets).
   */
  byTokens(groups: readonly TokenGroup[]): ResidentSummaryRow[] {
    if (groups.length === 0) return [];
    const conditions = groups.map(conditionOf);
    const memo = JSON.stringify(conditions);
    const walked = this.#walks.get(memo);
    if (walked) return walked;
    const counts = conditions.map((c) => this.#count(c));
    const least = Math.min(...counts);
    let rows: ResidentSummaryRow[] = [];
    if (least > 0) {
      const isVillageShorter = this.#isVillageShorter(least);
      if (!isVillageShorter && least > SCAN_CAP) this.isTruncated = true;
      // Rarest first: it drives, and the next rarest is probed first (rejects the most).
      const order = conditions.map((_, i) => i).sort((a, b) => (counts[a] ?? 0) - (counts[b] ?? 0));
      const sorted = order.map((i) => conditions[i] as TokenCondition);
      const driver = isVillageShorter ? 'village' : 0;
      const sets = this.#sets(
        order.map((i) => counts[i] ?? 0),
        isVillageShorter,
        least,
      );
      rows = residentsByTokens(
        this.sqlite,
        sorted,
        driver,
        this.filters,
        this.pool,
        SCAN_CAP,
        sets,
      );
    }
    this.#walks.set(memo, rows);
    return rows;
  }

  /**
   * Residents that have, for each two neighbouring groups, a pair token made of one key of each
   * (keys written together and keyed again, as joinedKey does with the words).
   */
  byPairs(groups: readonly TokenGroup[]): ResidentSummaryRow[] {
    const pairGroups: TokenGroup[] = [];
    for (let i = 0; i + 1 < groups.length; i += 1) {
      const [left, right] = [keysOf(groups[i] as TokenGroup), keysOf(groups[i + 1] as TokenGroup)];
      const joined = [...new Set(left.flatMap((a) => right.map((b) => wordKey(a + b))))];
      const keys = existingTokens(this.sqlite, joined);
      if (keys.length === 0) return [];
      pairGroups.push({ keys });
    }
    return this.byTokens(pairGroups);
  }

  byNameKey(key: string, match: 'exact' | 'prefix'): ResidentSummaryRow[] {
    return residentsByNameKey(this.sqlite, key, match, this.filters, this.pool, SCAN_CAP);
  }
}

/**
 * Name tiers, most certain first. The fallbacks (typos, a name still being typed) run only when
 * no certain tier found anyone, and only for typed words that no resident has: a word that is
 * someone's name is not read as a typo, however few match once the filters apply.
 */
function nameTiers(
  search: NameSearch,
  words: readonly string[],
): Array<{ isFallback: boolean; isBroad?: boolean; run: () => ResidentSummaryRow[] }> {
  const strict = strictGroups(words);
  const usable = indexWords(words);
  const pairs: TokenGroup[] = usable
    .slice(1)
    .map((w, i) => ({ keys: [joinedKey([usable[i] as string, w])] }));
  return [
    // Whole name, spelling variants and spaces aside ("Sitiaminah", "Muhamad Rizki").
    { isFallback: false, run: () => search.byNameKey(joinedKey(words), 'exact') },
    // Neighbouring typed words standing together in the name (next to each other or one apart):
    // pair keys are rare, so this is a few seeks, and precise.
    { isFallback: false, run: () => (pairs.length > 0 ? search.byTokens(pairs) : []) },
    // Every word by its sound key, anywhere in the name. With three or more words, first only
    // names where two of them stand together as typed (a pair token drives: rare, so cheap).
    {
      isFallback: false,
      run: () =>
        pairs.length > 1 ? search.byTokens([{ keys: pairs.flatMap(keysOf) }, ...strict]) : [],
    },
    // Two typed words that are one recorded word ("nur hayati" for NURHAYATI).
    {
      isFallback: false,
      run: () => mergedReadings(words).flatMap((groups) => search.byTokens(groups)),
    },
    // Every word anywhere: only when the pairs found nobody and no resident has them paired.
    { isFallback: false, isBroad: pairs.length > 0, run: () => search.byTokens(strict) },
    // One typo per word: keys one edit away that some resident has.
    {
      isFallback: true,
      run: () => {
        let isWorth = false;
        const typo = strict.map((g) => {
          const key = 'keys' in g ? (g.keys[0] ?? '') : '';
          const isUnknown = allowsTypos(key) && !search.isKnown(key);
          const near = isUnknown ? existingTokens(search.sqlite, oneEditAway(key)) : [];
          if (near.length > 0) isWorth = true;
          return { keys: [key, ...near] };
        });
        if (!isWorth) return [];
        // Typed pairs with their near keys as pair tokens first: rare keys, so a few seeks.
        const paired = search.byPairs(typo);
        return paired.length > 0 ? paired : search.byTokens(typo);
      },
    },
    // Still typing: the name so far as a prefix, and the last word as a prefix.
    {
      isFallback: true,
      run: () => {
        const last = usable.at(-1);
        if (!last || search.isKnown(wordKey(last))) return [];
        const prefixGroups: TokenGroup[] = [
          ...strict.slice(0, -1),
          ...(last ? [{ prefix: joinedKey([last]) }] : []),
        ];
        return [...search.byNameKey(joinedKey(words), 'prefix'), ...search.byTokens(prefixGroups)];
      },
    },
  ];
}

function searchNames(
  sqlite: SQLite.Database,
  words: readonly string[],
  filters: ResidentFilters,
  limit: number,
  options: SearchOptions,
): { found: Candidate[]; hasMore: boolean } {
  const search = new NameSearch(
    sqlite,
    filters,
    Math.max(limit + 1, options.poolSize ?? DEFAULT_POOL),
  );
  const seen = new Map<number, Candidate>();
  for (const tier of nameTiers(search, words)) {
    if (tier.isFallback && seen.size > 0) break;
    if (tier.isBroad && (seen.size > 0 || search.isPaired(words))) continue;
    for (const row of tier.run()) {
      if (seen.has(row.id)) continue;
      const { score, isExact } = scoreName(words, row.name);
      seen.set(row.id, { row, score, matchedBy: isExact ? 'name' : 'name-fuzzy' });
    }
    if (seen.size > limit) break;
  }
  const found = [...seen.values()].sort(
    (a, b) => b.score - a.score || a.row.name.localeCompare(b.row.name) || a.row.id - b.row.id,
  );
  return { found, hasMore: found.length > limit || search.isTruncated };
}
