import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3-multiple-ciphers';
import { Kysely, Migrator, SqliteDialect, type Migration, type SqliteDatabase } from 'kysely';
import { crashPoint } from './crash-point';
import { migrations } from './migrations';
import type { Database } from './schema';

/** Page cache per connection, KiB. */
export const PAGE_CACHE_KIB = 65_536;

export type DbOpenErrorCode = 'DB_WRONG_KEY' | 'DB_UNREADABLE' | 'DB_MIGRATION_FAILED';

export class DbOpenError extends Error {
  readonly code: DbOpenErrorCode;
  constructor(code: DbOpenErrorCode, message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'DbOpenError';
    this.code = code;
  }
}

export interface OpenOptions {
  file: string;
  /** 32-byte raw key; null opens a plaintext database (tests of the plaintext path, tools). */
  key: Buffer | null;
  /** Native binding built for the running ABI (Electron); default: the package's own build. */
  nativeBinding?: string | undefined;
  /** The migrations to run; the station's own by default (the district hub passes its own). */
  migrations?: Record<string, Migration> | undefined;
}

export interface OpenedDb<DB = Database> {
  db: Kysely<DB>;
  sqlite: SQLite.Database;
  file: string;
  cipher: string | null;
  isNew: boolean;
  close(): Promise<void>;
}

/** SQLCipher 4 format, so district staff can open a recovered file with standard tools. */
const CIPHER = 'sqlcipher';

/**
 * Opens (or creates) the station database. An existing file that the key cannot read is never
 * touched: the caller gets DB_WRONG_KEY and the file stays exactly as it was.
 */
export async function openDatabase<DB = Database>(options: OpenOptions): Promise<OpenedDb<DB>> {
  const isNew = !existsSync(options.file);
  if (isNew) mkdirSync(dirname(options.file), { recursive: true });
  const sqlite = new SQLite(options.file, {
    nativeBinding: options.nativeBinding,
  });
  try {
    if (options.key) {
      if (options.key.length !== 32) throw new Error('Database key must be 32 bytes');
      sqlite.pragma(`cipher='${CIPHER}'`);
      sqlite.pragma('legacy=4');
      sqlite.pragma(`key="x'${options.key.toString('hex')}'"`);
    }
    // The first read proves the key before anything is written.
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    sqlite.close();
    const isNotDb = (error as { code?: string }).code === 'SQLITE_NOTADB';
    throw new DbOpenError(
      isNotDb ? 'DB_WRONG_KEY' : 'DB_UNREADABLE',
      isNotDb
        ? `The database ${options.file} cannot be read with this station's key`
        : `The database ${options.file} cannot be opened`,
      { cause: error },
    );
  }
  sqlite.pragma('journal_mode = WAL');
  // FULL: a committed application or audit entry survives a power cut (see db/README.md).
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 64 MiB page cache (default 2 MiB): the registry's search indexes for a million residents are
  // read from encrypted pages, and every miss costs a decrypt. Memory grows only as pages are read.
  sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`);

  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: crashPoint ? announcingCommits(sqlite) : sqlite }),
  });
  const list = options.migrations ?? migrations;
  const { error } = await new Migrator({
    db,
    provider: { getMigrations: async () => list },
  }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw new DbOpenError('DB_MIGRATION_FAILED', 'Database migration failed', { cause: error });
  }
  return {
    db,
    sqlite,
    file: options.file,
    cipher: options.key ? CIPHER : null,
    isNew,
    close: () => db.destroy(),
  };
}

export function schemaVersion(): string {
  return Object.keys(migrations).sort().at(-1) ?? 'none';
}

/** Crash harness only (db/crash-point.ts): announces each Kysely transaction's commit. */
function announcingCommits(sqlite: SQLite.Database): SqliteDatabase {
  return {
    close: () => sqlite.close(),
    prepare: (sql: string) => {
      if (/^\s*commit\b/i.test(sql)) crashPoint?.('commit');
      return sqlite.prepare(sql);
    },
  };
}
