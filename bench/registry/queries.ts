import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { syntheticRecords } from '../../electron/core/demo/extract';
import { seeded } from '../../electron/core/seeded-random';
import type { ResidentValues } from '../../electron/core/registry/extract-layout';
import { ROOT } from './db';
import { villageCodes, type VillageSet } from './villages';

/**
 * The fixed name query set (bench/queries/registry-names.json): what officers type, made from
 * the first residents of the seeded extract so the same seed always gives the same file and
 * every run with at least QUERY_POOL residents holds every target.
 */
export type NameQueryKind =
  | 'exact'
  | 'partial'
  | 'first-name'
  | 'muhammad-variant'
  | 'old-spelling'
  | 'no-spaces'
  | 'typo'
  | 'case-and-spacing'
  | 'no-match';

export interface NameQuery {
  id: string;
  kind: NameQueryKind;
  query: string;
  villageCode?: string;
  birthYearFrom?: number;
  birthYearTo?: number;
  /** The resident the query is made from (null for queries meant to find many or none). */
  expectNik: string | null;
}

export interface NameQueryFile {
  about: string;
  seed: number;
  villages: VillageSet;
  pool: number;
  queries: NameQuery[];
}

export const QUERY_POOL = 5_000;
export const NAME_QUERIES_FILE = join(ROOT, 'bench', 'queries', 'registry-names.json');

type Person = Pick<ResidentValues, 'nik' | 'name' | 'village_code' | 'birth_year'>;

const MUHAMMAD = ['MUHAMMAD', 'MUHAMAD', 'MOHAMMAD', 'MOHAMAD', 'MUHAMMED'];
const OLD_SPELLING: Array<[RegExp, string]> = [
  [/U/, 'OE'],
  [/J/, 'DJ'],
  [/C/, 'TJ'],
];
const LETTERS = 'ABDEGHIKLMNRSTUY';

/** Query kinds, how many of each, and how each is made from a resident (null: not usable). */
const RECIPES: Array<{
  kind: NameQueryKind;
  count: number;
  make: (p: Person, random: () => number) => string | null;
}> = [
  { kind: 'exact', count: 8, make: (p) => p.name },
  {
    kind: 'partial',
    count: 4,
    make: (p) => {
      const t = p.name.split(' ');
      return t.length >= 3 ? `${t[0]} ${t.at(-1)}` : null;
    },
  },
  { kind: 'first-name', count: 8, make: (p) => p.name.split(' ')[0] ?? null },
  {
    kind: 'muhammad-variant',
    count: 8,
    make: (p, random) => {
      const [first, ...rest] = p.name.split(' ');
      if (!first || !MUHAMMAD.includes(first)) return null;
      const others = MUHAMMAD.filter((m) => m !== first);
      return [others[Math.floor(random() * others.length)], ...rest].join(' ');
    },
  },
  {
    kind: 'old-spelling',
    count: 6,
    make: (p) => {
      const rule = OLD_SPELLING.find(([from]) => from.test(p.name));
      return rule ? p.name.replace(rule[0], rule[1]) : null;
    },
  },
  {
    kind: 'no-spaces',
    count: 6,
    make: (p) => (p.name.includes(' ') ? p.name.replaceAll(' ', '') : null),
  },
  { kind: 'typo', count: 14, make: (p, random) => typo(p.name, random) },
  {
    kind: 'case-and-spacing',
    count: 4,
    make: (p) =>
      p.name.includes(' ') ? `  ${p.name.toLowerCase().replaceAll(' ', '   ')} ` : null,
  },
];

/** One letter substituted, dropped, doubled or two swapped, never the first letter of a word. */
function typo(name: string, random: () => number): string | null {
  const words = name.split(' ');
  const at = words.findIndex((w) => w.length >= 5);
  const word = words[at];
  if (!word) return null;
  const i = 1 + Math.floor(random() * (word.length - 2));
  const kind = Math.floor(random() * 4);
  const letter = LETTERS[Math.floor(random() * LETTERS.length)] as string;
  const changed =
    kind === 0
      ? word.slice(0, i) + (letter === word[i] ? 'Z' : letter) + word.slice(i + 1)
      : kind === 1
        ? word.slice(0, i) + word.slice(i + 1)
        : kind === 2
          ? word.slice(0, i) + letter + word.slice(i)
          : word.slice(0, i) + (word[i + 1] ?? '') + word[i] + word.slice(i + 2);
  if (changed === word) return null;
  words[at] = changed;
  return words.join(' ');
}

/** Filters cycle: none, village, village and birth year ±1 (first names always filtered). */
function withFilters(q: NameQuery, p: Person, n: number): NameQuery {
  const mode = q.kind === 'first-name' ? 1 + (n % 2) : n % 3;
  if (mode >= 1) q.villageCode = p.village_code;
  if (mode === 2) {
    q.birthYearFrom = p.birth_year - 1;
    q.birthYearTo = p.birth_year + 1;
  }
  return q;
}

export function makeNameQueries(seed: number, villages: VillageSet): NameQueryFile {
  const people: Person[] = [];
  for (const record of syntheticRecords({
    residents: QUERY_POOL,
    seed,
    villageCodes: villageCodes(villages),
  })) {
    if (people.length < QUERY_POOL) people.push(record.resident);
  }
  const random = seeded(seed ^ 0x5eed);
  const used = new Set<string>();
  const queries: NameQuery[] = [];
  for (const recipe of RECIPES) {
    let made = 0;
    for (let tries = 0; made < recipe.count && tries < 100_000; tries += 1) {
      const person = people[Math.floor(random() * people.length)] as Person;
      const text = used.has(person.nik) ? null : recipe.make(person, random);
      if (!text) continue;
      used.add(person.nik);
      made += 1;
      const id = `${recipe.kind}-${String(made).padStart(2, '0')}`;
      // A first name alone matches thousands: it measures speed, not whom it finds.
      const expectNik = recipe.kind === 'first-name' ? null : person.nik;
      queries.push(withFilters({ id, kind: recipe.kind, query: text, expectNik }, person, made));
    }
    if (made < recipe.count) throw new Error(`Not enough residents for ${recipe.kind} queries`);
  }
  for (const [i, text] of ['XAVERIUS WOJCIECHOWSKI', 'QWERTY ZXCVB'].entries()) {
    queries.push({ id: `no-match-0${i + 1}`, kind: 'no-match', query: text, expectNik: null });
  }
  return {
    about:
      'Fixed name queries of the registry bench, made by `npm run bench -- registry ' +
      '--write-queries` from the seeded synthetic extract. Regenerate only when the generator ' +
      'changes; the figures of different query files are not comparable.',
    seed,
    villages,
    pool: QUERY_POOL,
    queries,
  };
}

export function writeNameQueries(seed: number, villages: VillageSet): NameQueryFile {
  const file = makeNameQueries(seed, villages);
  writeFileSync(NAME_QUERIES_FILE, `${JSON.stringify(file, null, 2)}\n`);
  return file;
}

export function readNameQueries(): NameQueryFile {
  return JSON.parse(readFileSync(NAME_QUERIES_FILE, 'utf8')) as NameQueryFile;
}
