import { describe, expect, it } from 'vitest';
import {
  attributeRss,
  cacheBoundBytes,
  CACHED_PAGE_OVERHEAD_BYTES,
  judgeMemory,
  toMemorySample,
  type MemorySample,
  type Sample,
} from './memory';
import type { MemoryReport } from '../../electron/server/memory-report';

const MB = 1024 * 1024;
const CACHE = { cacheSize: -65_536, pageSize: 4096, freelistCount: 0 };
const BOUNDS = { maxRssSlopeMbPerMin: 2, maxHeapSlopeMbPerMin: 0.5 };

/**
 * A ten-minute run sampled every 30 s: `rss`, `heap` (MB) and the database's size (MB) as
 * functions of the minute.
 */
function run(shape: {
  rss: (minute: number) => number;
  heap: (minute: number) => number;
  databaseMb: (minute: number) => number;
  gc?: boolean;
}): { rss: Sample[]; reports: MemorySample[] } {
  const rss: Sample[] = [];
  const reports: MemorySample[] = [];
  for (let at = 0; at <= 600; at += 30) {
    const minute = at / 60;
    rss.push({ atSeconds: at, mb: shape.rss(minute) });
    const report: MemoryReport = {
      rss: shape.rss(minute) * MB,
      heapUsed: shape.heap(minute) * MB,
      heapTotal: 2 * shape.heap(minute) * MB,
      external: 0,
      arrayBuffers: 0,
      gc: shape.gc ?? true,
      sqlite: { ...CACHE, pageCount: Math.round((shape.databaseMb(minute) * MB) / 4096) },
    };
    reports.push(toMemorySample(at, report));
  }
  return { rss, reports };
}

const perPage = 4096 + CACHED_PAGE_OVERHEAD_BYTES;

describe('load bench memory verdict (issue 13 §2)', () => {
  it("bounds SQLite's cache by its configured size and by the database's pages", () => {
    expect(cacheBoundBytes({ ...CACHE, pageCount: 1000 }).bound).toBe(1000 * perPage);
    expect(cacheBoundBytes({ ...CACHE, pageCount: 1_000_000 })).toEqual({
      bound: 64 * MB,
      cap: 64 * MB,
    });
    // A positive cache_size counts pages.
    expect(cacheBoundBytes({ ...CACHE, cacheSize: 2000, pageCount: 1_000_000 }).bound).toBe(
      2000 * perPage,
    );
  });

  it('passes a flat RSS with a flat heap by the first rule', () => {
    const { rss, reports } = run({ rss: () => 180, heap: () => 30, databaseMb: (m) => 10 + 2 * m });
    expect(judgeMemory(rss, reports, 600, BOUNDS)).toMatchObject({
      rssRule: 'flat',
      heapOk: true,
      problems: [],
    });
  });

  it('passes RSS that grows as the database (and so the page cache) grows', () => {
    // The run that failed before: RSS +2.5 MB/min while the database grew 2.2 MB/min.
    const { rss, reports } = run({
      rss: (m) => 165 + 2.5 * m,
      heap: () => 30,
      databaseMb: (m) => 10 + 2.2 * m,
    });
    const verdict = judgeMemory(rss, reports, 600, BOUNDS);
    expect(verdict.rssSlopeMbPerMin).toBeCloseTo(2.5, 5);
    expect(verdict).toMatchObject({ rssRule: 'cache', heapOk: true, problems: [] });
    expect(verdict.cache.reachedCap).toBe(false);
  });

  it('fails RSS that keeps growing once the cache is at its cap', () => {
    // A database of 100 MB: the cache is full from the start, so none of the growth is cache.
    const { rss, reports } = run({
      rss: (m) => 200 + 3 * m,
      heap: () => 30,
      databaseMb: (m) => 100 + 2 * m,
    });
    const verdict = judgeMemory(rss, reports, 600, BOUNDS);
    expect(verdict.cache.reachedCap).toBe(true);
    expect(verdict.rssRule).toBe('failed');
    expect(verdict.problems.join()).toMatch(/beyond what SQLite's page cache can hold/);
  });

  it('fails RSS that grows faster than the cache could', () => {
    const { rss, reports } = run({
      rss: (m) => 165 + 6 * m,
      heap: () => 30,
      databaseMb: (m) => 10 + 2 * m,
    });
    expect(judgeMemory(rss, reports, 600, BOUNDS).rssRule).toBe('failed');
  });

  it('fails a JS heap that grows after GC even when RSS looks flat', () => {
    const { rss, reports } = run({ rss: () => 180, heap: (m) => 30 + m, databaseMb: () => 10 });
    const verdict = judgeMemory(rss, reports, 600, BOUNDS);
    expect(verdict).toMatchObject({ rssRule: 'flat', heapOk: false });
    expect(verdict.problems.join()).toMatch(/JS heap after GC grows 1\.00 MB\/min > 0\.5: a leak/);
  });

  it('refuses to judge the heap without a forced GC or with too few reports', () => {
    const noGc = run({ rss: () => 180, heap: () => 30, databaseMb: () => 10, gc: false });
    expect(judgeMemory(noGc.rss, noGc.reports, 600, BOUNDS).problems.join()).toMatch(
      /without --expose-gc/,
    );
    const flat = run({ rss: () => 180, heap: () => 30, databaseMb: () => 10 });
    const few = judgeMemory(flat.rss, flat.reports.slice(0, 4), 600, BOUNDS);
    expect(few.heapOk).toBe(false);
    expect(few.problems.join()).toMatch(/only 0 memory reports after the warm-up/);
  });

  it("splits RSS by mapping: malloc's brk arena, anonymous, files, the rest", () => {
    const smaps = [
      '5628fb8f4000-5628fb8f6000 r--p 00000000 fe:00 260386     /usr/bin/node',
      'Size:                  8 kB',
      'Rss:                   2048 kB',
      '5629fb8f4000-5629fb9f6000 rw-p 00000000 00:00 0          [heap]',
      'Rss:                   10240 kB',
      '7f00fb8f4000-7f00fb9f6000 rw-p 00000000 00:00 0 ',
      'Rss:                   3072 kB',
      '7f01fb8f4000-7f01fb9f6000 rw-p 00000000 00:00 0',
      'Rss:                   1024 kB',
      '7ffdfb8f4000-7ffdfb9f6000 rw-p 00000000 00:00 0          [stack]',
      'Rss:                   512 kB',
    ].join('\n');
    expect(attributeRss(smaps)).toEqual({ brk: 10, anonymous: 4, files: 2, other: 0.5 });
  });
});
