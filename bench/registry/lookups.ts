import { seeded } from '../../electron/core/seeded-random';
import { latency, msSince, type Latency } from '../lib/stats';
import { openBenchDb, type DbJob } from './db';
import { readNameQueries, type NameQuery, type NameQueryKind } from './queries';
import { openSearch, type SearchArgs } from './registry-api';

export interface LookupsJob {
  db: DbJob;
  seed: number;
  nikLookups: number;
  nameRounds: number;
}

export interface LookupsResult {
  sqlite: string;
  /** Through registry-search's function (what the officer's search box calls). */
  nik: { existing: Latency; missing: Latency; all: Latency; wrong: number };
  /** Through getResidentByNik, the same NIKs (existing and missing). */
  nikDirect: Latency;
  names: {
    all: Latency;
    queries: number;
    rounds: number;
    limit: number;
    /** Queries made from a resident who is in this database (all, once residents >= the pool). */
    judged: number;
    /** Judged queries whose results hold someone with the target's exact name. */
    nameHits: number;
    /** Judged queries whose results hold the target resident. */
    residentHits: number;
    byKind: Array<{
      kind: NameQueryKind;
      queries: number;
      latency: Latency;
      judged: number;
      nameHits: number;
    }>;
    slowest: Array<{ id: string; query: string; medianMs: number }>;
  };
}

/** Results a search screen asks for at once. */
const LIMIT = 50;

/**
 * Phase 4: NIK lookups and the fixed name queries through the registry's own search function,
 * on the imported database, opened fresh in this process (cold SQLite cache, warm OS cache),
 * after a warm-up. Samples are single calls, one at a time, as an officer's screen makes them.
 */
export async function lookupsPhase(job: LookupsJob): Promise<LookupsResult> {
  const opened = await openBenchDb(job.db);
  try {
    const search = openSearch(opened);
    const sqlite = opened.sqlite.prepare('select sqlite_version()').pluck().get() as string;
    const random = seeded(job.seed ^ 0x10c);

    // Untimed: which NIKs to look up. Missing ones are real-looking: an existing NIK with a
    // serial that the generator never reaches.
    const maxId = opened.sqlite.prepare('select max(id) from residents').pluck().get() as
      number | null;
    if (!maxId) throw new Error(`No residents in ${job.db.dbFile}`);
    const byId = opened.sqlite.prepare('select nik from residents where id = ?').pluck();
    const exists = opened.sqlite.prepare('select 1 from residents where nik = ?').pluck();
    const existing: string[] = [];
    while (existing.length < job.nikLookups) {
      const nik = byId.get(1 + Math.floor(random() * maxId)) as string | undefined;
      if (nik) existing.push(nik);
    }
    const missing = existing
      .slice(0, Math.ceil(job.nikLookups / 10))
      .map((nik) => `${nik.slice(0, 12)}${9000 + Math.floor(random() * 1000)}`)
      .filter((nik) => exists.get(nik) === undefined);

    const lookup = (nik: string, find: (nik: string) => boolean) => {
      const started = process.hrtime.bigint();
      const found = find(nik);
      return { ms: msSince(started), found };
    };
    for (const nik of existing.slice(0, 2_000)) {
      lookup(nik, search.byNik);
      lookup(nik, search.byNikDirect);
    }
    const order = [
      ...existing.map((nik) => ({ nik, isExisting: true })),
      ...missing.map((nik) => ({ nik, isExisting: false })),
    ];
    shuffle(order, random);
    const existingMs: number[] = [];
    const missingMs: number[] = [];
    let wrong = 0;
    for (const { nik, isExisting } of order) {
      const { ms, found } = lookup(nik, search.byNik);
      (isExisting ? existingMs : missingMs).push(ms);
      if (found !== isExisting) wrong += 1;
    }
    const directMs: number[] = [];
    for (const { nik, isExisting } of order) {
      const { ms, found } = lookup(nik, search.byNikDirect);
      directMs.push(ms);
      if (found !== isExisting) wrong += 1;
    }

    const { queries } = readNameQueries();
    const targets = new Map<string, { name: string; birth_date: string; village_code: string }>();
    const target = opened.sqlite.prepare(
      'select name, birth_date, village_code from residents where nik = ?',
    );
    for (const q of queries) {
      const row = q.expectNik ? target.get(q.expectNik) : undefined;
      if (row) targets.set(q.id, row as { name: string; birth_date: string; village_code: string });
    }
    const run = (q: NameQuery) => {
      const args: SearchArgs = {
        query: q.query,
        villageCode: q.villageCode,
        birthYearFrom: q.birthYearFrom,
        birthYearTo: q.birthYearTo,
        limit: LIMIT,
      };
      const started = process.hrtime.bigint();
      const items = search.byName(args);
      return { ms: msSince(started), items };
    };
    const hits = new Map<string, { isName: boolean; isResident: boolean }>();
    for (const q of queries) {
      const { items } = run(q);
      const t = targets.get(q.id);
      if (!t) continue;
      const sameName = items.filter((i) => i.name === t.name);
      hits.set(q.id, {
        isName: sameName.length > 0,
        isResident: sameName.some(
          (i) => i.birthDate === t.birth_date && i.villageCode === t.village_code,
        ),
      });
    }
    const samples = new Map<string, number[]>(queries.map((q) => [q.id, []]));
    for (let round = 0; round < job.nameRounds; round += 1) {
      const shuffled = [...queries];
      shuffle(shuffled, random);
      for (const q of shuffled) samples.get(q.id)?.push(run(q).ms);
    }

    const kinds = [...new Set(queries.map((q) => q.kind))];
    const median = (list: number[]) => latency(list).p50;
    return {
      sqlite,
      nik: {
        existing: latency(existingMs),
        missing: latency(missingMs),
        all: latency([...existingMs, ...missingMs]),
        wrong,
      },
      nikDirect: latency(directMs),
      names: {
        all: latency([...samples.values()].flat()),
        queries: queries.length,
        rounds: job.nameRounds,
        limit: LIMIT,
        judged: hits.size,
        nameHits: [...hits.values()].filter((h) => h.isName).length,
        residentHits: [...hits.values()].filter((h) => h.isResident).length,
        byKind: kinds.map((kind) => {
          const ofKind = queries.filter((q) => q.kind === kind);
          const judged = ofKind.filter((q) => hits.has(q.id));
          return {
            kind,
            queries: ofKind.length,
            latency: latency(ofKind.flatMap((q) => samples.get(q.id) ?? [])),
            judged: judged.length,
            nameHits: judged.filter((q) => hits.get(q.id)?.isName).length,
          };
        }),
        slowest: queries
          .map((q) => ({ id: q.id, query: q.query, medianMs: median(samples.get(q.id) ?? []) }))
          .sort((a, b) => b.medianMs - a.medianMs)
          .slice(0, 5),
      },
    };
  } finally {
    await opened.close();
  }
}

function shuffle<T>(list: T[], random: () => number): void {
  for (let i = list.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j] as T, list[i] as T];
  }
}
