import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, PAGE_CACHE_KIB, type OpenedDb } from '../../db/open';
import { MEMORY_REPORT_LINE, memoryReport, reportMemoryOnSignal } from './memory-report';

let opened: OpenedDb | null = null;

afterEach(async () => {
  await opened?.close();
  opened = null;
});

async function openTemp(): Promise<OpenedDb> {
  const dir = mkdtempSync(join(tmpdir(), 'lm-memory-report-'));
  opened = await openDatabase({ file: join(dir, 'station.db'), key: randomBytes(32) });
  return opened;
}

describe('memory report of the station server (load bench only)', () => {
  it("gives the process's memory and the figures that bound SQLite's page cache", async () => {
    const { sqlite } = await openTemp();
    const before = memoryReport(sqlite);
    expect(before.gc).toBe(typeof (globalThis as { gc?: unknown }).gc === 'function');
    expect(before.rss).toBeGreaterThan(before.heapUsed);
    expect(before.sqlite).toMatchObject({ pageSize: 4096, cacheSize: -PAGE_CACHE_KIB });
    sqlite.exec('CREATE TABLE blobs (b BLOB)');
    const insert = sqlite.prepare('INSERT INTO blobs (b) VALUES (?)');
    for (let i = 0; i < 10; i += 1) insert.run(randomBytes(100_000));
    // A million bytes of rows is at least 244 more pages of 4 KiB: the bound follows the file.
    const after = memoryReport(sqlite);
    expect(after.sqlite.pageCount - before.sqlite.pageCount).toBeGreaterThanOrEqual(244);
  });

  it('prints one LOAD_MEMORY line per signal, and nothing once removed', async () => {
    const { sqlite } = await openTemp();
    const lines: string[] = [];
    let announce: (() => void) | null = null;
    const stop = reportMemoryOnSignal(sqlite, (line) => {
      lines.push(line);
      announce?.();
    });
    const printed = new Promise<void>((resolve) => (announce = resolve));
    process.kill(process.pid, 'SIGUSR2');
    await printed;
    stop();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^LOAD_MEMORY \{/);
    const report = JSON.parse(lines[0]!.slice(MEMORY_REPORT_LINE.length + 1)) as ReturnType<
      typeof memoryReport
    >;
    expect(report.sqlite.cacheSize).toBe(-PAGE_CACHE_KIB);
    expect(report.heapUsed).toBeGreaterThan(0);
    expect(process.listenerCount('SIGUSR2')).toBe(0);
  });

  it('says so in the line when the database is already closed', async () => {
    const db = await openTemp();
    const lines: string[] = [];
    let announce: (() => void) | null = null;
    const stop = reportMemoryOnSignal(db.sqlite, (line) => {
      lines.push(line);
      announce?.();
    });
    await db.close();
    opened = null;
    const printed = new Promise<void>((resolve) => (announce = resolve));
    process.kill(process.pid, 'SIGUSR2');
    await printed;
    stop();
    expect(JSON.parse(lines[0]!.slice(MEMORY_REPORT_LINE.length + 1))).toMatchObject({
      error: expect.any(String),
    });
  });
});
