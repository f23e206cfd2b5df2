import type SQLite from 'better-sqlite3-multiple-ciphers';

/**
 * What the station server process holds, for the load bench (bench/load, issue 13 §2) only: the
 * server installs it with `--load-test-limits` and never otherwise. On SIGUSR2 it forces a full
 * garbage collection (when Node runs with --expose-gc) and prints one `LOAD_MEMORY <json>` line,
 * so the bench can tell a leak in the JavaScript heap from SQLite's page cache filling up.
 */
export interface MemoryReport {
  /** process.memoryUsage(), bytes, taken right after the forced collection. */
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** Whether a full collection ran first (false: Node was not started with --expose-gc). */
  gc: boolean;
  /**
   * The station's one connection. SQLite does not report its cache's use here (the build has
   * SQLITE_DEFAULT_MEMSTATUS=0 and better-sqlite3 exposes no sqlite3_db_status), so the figures
   * are those that bound it: the cache holds at most `cacheSize` (negative: KiB, including each
   * page's header; positive: pages) and never more pages than the database has.
   */
  sqlite: { pageSize: number; pageCount: number; freelistCount: number; cacheSize: number };
}

/** The prefix of the line the bench reads. */
export const MEMORY_REPORT_LINE = 'LOAD_MEMORY';

export function memoryReport(sqlite: SQLite.Database): MemoryReport {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  const usage = process.memoryUsage();
  const pragma = (name: string) => Number(sqlite.pragma(name, { simple: true }));
  return {
    rss: usage.rss,
    heapUsed: usage.heapUsed,
    heapTotal: usage.heapTotal,
    external: usage.external,
    arrayBuffers: usage.arrayBuffers,
    gc: collect !== undefined,
    sqlite: {
      pageSize: pragma('page_size'),
      pageCount: pragma('page_count'),
      freelistCount: pragma('freelist_count'),
      cacheSize: pragma('cache_size'),
    },
  };
}

/**
 * Prints a report on every `signal` until the returned function is called. SIGUSR2 because
 * Node keeps SIGUSR1 for its inspector.
 */
export function reportMemoryOnSignal(
  sqlite: SQLite.Database,
  write: (line: string) => void,
  signal: NodeJS.Signals = 'SIGUSR2',
): () => void {
  const onSignal = () => {
    let line: string;
    try {
      line = `${MEMORY_REPORT_LINE} ${JSON.stringify(memoryReport(sqlite))}`;
    } catch (error) {
      // A closed database during shutdown: say so rather than leave the bench waiting.
      line = `${MEMORY_REPORT_LINE} ${JSON.stringify({ error: String(error) })}`;
    }
    write(line);
  };
  process.on(signal, onSignal);
  return () => process.off(signal, onSignal);
}
