import type { MemoryReport } from '../../electron/server/memory-report';

/**
 * The load bench's memory verdict (issue 13 §2): a station whose RSS grows only while SQLite's
 * page cache fills (the cache is bounded, 64 MiB per connection, db/open.ts) passes; one whose
 * JavaScript heap grows, or whose RSS grows beyond what that cache can hold, fails.
 */

export interface Sample {
  atSeconds: number;
  mb: number;
}

/** One report, in MB, at a time of the socket run. */
export interface MemorySample {
  atSeconds: number;
  rssMb: number;
  /** heapUsed + external after a full collection: what JavaScript keeps alive. */
  heapMb: number;
  heapUsedMb: number;
  externalMb: number;
  /** V8's heap as reserved from the system after GC (heapUsed is part of it). */
  heapTotalMb: number;
  gc: boolean;
  /** Where RSS lies (/proc/<pid>/smaps), when read; see attributeRss. */
  where: RssAttribution | null;
  databaseMb: number;
  /** The most SQLite's page cache can hold now (cacheBoundBytes). */
  cacheBoundMb: number;
  cacheCapMb: number;
}

/**
 * Bytes a cached page may cost beyond the page itself: SQLite's PgHdr, PgHdr1 and the b-tree's
 * MemPage (about 250 bytes together on 64-bit builds) plus malloc's own header, rounded up.
 * An upper bound, so the cache bound never understates what the cache can hold.
 */
export const CACHED_PAGE_OVERHEAD_BYTES = 512;

const MB = 1024 * 1024;

/**
 * The most SQLite's page cache of the station's one connection can hold: its configured size
 * (negative cache_size: KiB including page headers; positive: pages) and never more pages than
 * the database has, each with its header.
 */
export function cacheBoundBytes(sqlite: MemoryReport['sqlite']): {
  bound: number;
  cap: number;
} {
  const perPage = sqlite.pageSize + CACHED_PAGE_OVERHEAD_BYTES;
  const cap = sqlite.cacheSize < 0 ? -sqlite.cacheSize * 1024 : sqlite.cacheSize * perPage;
  return { bound: Math.min(cap, sqlite.pageCount * perPage), cap };
}

/**
 * RSS by kind of mapping, MB: `brk` is glibc's main malloc arena (the `[heap]` segment: SQLite's
 * page cache and most native allocations of the main thread), `anonymous` every other private
 * anonymous mapping (V8's heap spaces, other malloc arenas, large mallocs), `files` mapped files
 * (code, the SQLite -shm index), `other` the rest (stack, vdso).
 */
export interface RssAttribution {
  brk: number;
  anonymous: number;
  files: number;
  other: number;
}

/** Sums `Rss:` of /proc/<pid>/smaps text by the kind of each mapping. */
export function attributeRss(smaps: string): RssAttribution {
  const kb = { brk: 0, anonymous: 0, files: 0, other: 0 };
  let kind: keyof RssAttribution = 'other';
  for (const line of smaps.split('\n')) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (header) {
      const path = header[1] ?? '';
      kind =
        path === '[heap]'
          ? 'brk'
          : path === ''
            ? 'anonymous'
            : path.startsWith('[')
              ? 'other'
              : 'files';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) kb[kind] += Number(rss[1]);
  }
  return {
    brk: kb.brk / 1024,
    anonymous: kb.anonymous / 1024,
    files: kb.files / 1024,
    other: kb.other / 1024,
  };
}

export function toMemorySample(
  atSeconds: number,
  report: MemoryReport,
  where: RssAttribution | null = null,
): MemorySample {
  const { bound, cap } = cacheBoundBytes(report.sqlite);
  return {
    atSeconds,
    rssMb: report.rss / MB,
    heapMb: (report.heapUsed + report.external) / MB,
    heapUsedMb: report.heapUsed / MB,
    externalMb: report.external / MB,
    heapTotalMb: report.heapTotal / MB,
    gc: report.gc,
    where,
    databaseMb: (report.sqlite.pageCount * report.sqlite.pageSize) / MB,
    cacheBoundMb: bound / MB,
    cacheCapMb: cap / MB,
  };
}

/**
 * The warm-up of a run of `seconds`: the first fifth, at least a minute when the run is two
 * minutes or longer. V8's heap and the sockets reach their working size in it; slopes start after.
 */
export function warmupSeconds(seconds: number): number {
  return seconds >= 120 ? Math.max(60, seconds / 5) : seconds / 5;
}

/** Least-squares slope, MB per minute, of the samples from `from` seconds on (0: too few). */
export function slopeMbPerMin(samples: readonly Sample[], from: number): number {
  const used = samples.filter((s) => s.atSeconds >= from);
  if (used.length < 2) return 0;
  const mx = used.reduce((a, s) => a + s.atSeconds, 0) / used.length;
  const my = used.reduce((a, s) => a + s.mb, 0) / used.length;
  const num = used.reduce((a, s) => a + (s.atSeconds - mx) * (s.mb - my), 0);
  const den = used.reduce((a, s) => a + (s.atSeconds - mx) ** 2, 0);
  return den === 0 ? 0 : (num / den) * 60;
}

export interface MemoryBounds {
  /** RSS (or RSS beyond the cache bound) may grow at most this, MB per minute after warm-up. */
  maxRssSlopeMbPerMin: number;
  /** The JavaScript heap after GC may grow at most this, MB per minute after warm-up. */
  maxHeapSlopeMbPerMin: number;
}

export type RssRule = 'flat' | 'cache' | 'failed';

export interface MemoryVerdict {
  warmupSeconds: number;
  /** Reports after the warm-up that the heap and cache figures rest on. */
  reportsAfterWarmup: number;
  rssSlopeMbPerMin: number;
  heapSlopeMbPerMin: number;
  /** Slope of RSS minus the cache bound, at each report. */
  beyondCacheSlopeMbPerMin: number;
  cache: { startMb: number; endMb: number; capMb: number; reachedCap: boolean };
  /** Which RSS rule passed: RSS flat, or its growth within the bounded cache; or neither. */
  rssRule: RssRule;
  heapOk: boolean;
  problems: string[];
}

/**
 * Passes when the heap after GC is flat and RSS is either flat or grows no faster than the page
 * cache could grow plus the RSS bound. The heap rule needs reports taken after a forced GC.
 */
export function judgeMemory(
  rss: readonly Sample[],
  reports: readonly MemorySample[],
  runSeconds: number,
  bounds: MemoryBounds,
): MemoryVerdict {
  const warmup = warmupSeconds(runSeconds);
  const after = reports.filter((r) => r.atSeconds >= warmup);
  const rssSlope = slopeMbPerMin(rss, warmup);
  const heapSlope = slopeMbPerMin(
    reports.map((r) => ({ atSeconds: r.atSeconds, mb: r.heapMb })),
    warmup,
  );
  const beyondCache = slopeMbPerMin(
    reports.map((r) => ({ atSeconds: r.atSeconds, mb: r.rssMb - r.cacheBoundMb })),
    warmup,
  );
  const first = after[0] ?? reports[0];
  const last = reports.at(-1);
  const problems: string[] = [];
  let heapOk = true;
  if (after.length < 3) {
    heapOk = false;
    problems.push(
      `only ${after.length} memory reports after the warm-up (at least 3 needed): run longer or lower --heap-sample-ms`,
    );
  } else if (after.some((r) => !r.gc)) {
    heapOk = false;
    problems.push('the station ran without --expose-gc: heap figures without a full GC');
  } else if (heapSlope > bounds.maxHeapSlopeMbPerMin) {
    heapOk = false;
    problems.push(
      `JS heap after GC grows ${heapSlope.toFixed(2)} MB/min > ${bounds.maxHeapSlopeMbPerMin}: a leak`,
    );
  }
  let rssRule: RssRule = 'failed';
  if (rssSlope <= bounds.maxRssSlopeMbPerMin) rssRule = 'flat';
  else if (after.length >= 3 && beyondCache <= bounds.maxRssSlopeMbPerMin) rssRule = 'cache';
  else {
    problems.push(
      `RSS grows ${rssSlope.toFixed(2)} MB/min > ${bounds.maxRssSlopeMbPerMin}, and ` +
        `${beyondCache.toFixed(2)} MB/min beyond what SQLite's page cache can hold`,
    );
  }
  return {
    warmupSeconds: warmup,
    reportsAfterWarmup: after.length,
    rssSlopeMbPerMin: rssSlope,
    heapSlopeMbPerMin: heapSlope,
    beyondCacheSlopeMbPerMin: beyondCache,
    cache: {
      startMb: first?.cacheBoundMb ?? 0,
      endMb: last?.cacheBoundMb ?? 0,
      capMb: last?.cacheCapMb ?? 0,
      reachedCap: last !== undefined && last.cacheBoundMb >= last.cacheCapMb,
    },
    rssRule,
    heapOk,
    problems,
  };
}
