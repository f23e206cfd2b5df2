import { closeSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, Migrator, PostgresDialect, sql, type Migration } from 'kysely';
import pg from 'pg';
import { hubMigrations } from './hub-migrations';
import type { HubDatabase } from './hub-schema';
import { DbOpenError, openDatabase } from './open';
import type { HubDialect } from './portable';

export interface OpenHubOptions {
  /** The hub's folder: hub.db lives here on SQLite. */
  dataDir: string;
  /** SQLCipher key of hub.db (null: plaintext, tests only); PostgreSQL ignores it. */
  key: Buffer | null;
  /** `postgres://...`: the hub's database is this PostgreSQL database instead of hub.db. */
  databaseUrl?: string | null | undefined;
  /** Connections in the PostgreSQL pool (default 10). */
  poolSize?: number | undefined;
  /** The migrations to run (default: all of db/hub-migrations; tests of older schemas). */
  migrations?: Record<string, Migration> | undefined;
}

export interface OpenedHubDb {
  db: Kysely<HubDatabase>;
  dialect: HubDialect;
  close(): Promise<void>;
  /**
   * SQLite only: a consistent copy of hub.db at `file`, encrypted with the same key, taken while
   * the hub serves (VACUUM INTO reads one snapshot; WAL lets writers go on). The file must not
   * exist. PostgreSQL has none: pg_dump is its backup (README, "District hub: databases").
   */
  backup?: (file: string) => Promise<void>;
}

/** The hub database's file inside its folder (SQLite). */
export const HUB_DB_FILE = 'hub.db';

/**
 * Opens the district hub's database and brings it to the newest schema: SQLite (SQLCipher) in
 * `dataDir`, the default, or PostgreSQL when `databaseUrl` is given. Both run the same migration
 * list (db/hub-migrations, written with db/portable.ts) through the same Migrator.
 */
export async function openHubDatabase(options: OpenHubOptions): Promise<OpenedHubDb> {
  const migrations = options.migrations ?? hubMigrations;
  if (options.databaseUrl)
    return openPostgres(options.databaseUrl, options.poolSize ?? 10, migrations);
  const opened = await openDatabase<HubDatabase>({
    file: join(options.dataDir, HUB_DB_FILE),
    key: options.key,
    migrations,
  });
  return {
    db: opened.db,
    dialect: 'sqlite',
    close: opened.close,
    backup: async (file) => {
      // An empty file of our own first: 0600, and never over an existing one ('wx').
      closeSync(openSync(file, 'wx', 0o600));
      try {
        await sql`vacuum into ${file}`.execute(opened.db);
      } catch (error) {
        rmSync(file, { force: true });
        throw error;
      }
    },
  };
}

/**
 * PostgreSQL's type ids of bigint (int8: count(*), identity keys, bigint columns) and numeric
 * (sum() and avg() of integers).
 */
const AS_NUMBER = new Set([20, 1700]);

/**
 * bigint and numeric arrive as text by default (they may exceed 2^53); the hub's are sequence
 * numbers, sizes, counts and report sums far below that, and its code compares them as numbers,
 * as it gets them from SQLite.
 */
const hubTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    AS_NUMBER.has(oid) && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

async function openPostgres(
  databaseUrl: string,
  poolSize: number,
  migrations: Record<string, Migration>,
): Promise<OpenedHubDb> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, types: hubTypes });
  // A connection the server drops while idle is removed from the pool and replaced at the next
  // query; without a listener the pool's 'error' event would end the process.
  pool.on('error', () => {});
  const db = new Kysely<HubDatabase>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw new DbOpenError(
      'DB_UNREADABLE',
      `The hub database ${redacted(databaseUrl)} cannot be reached`,
      {
        cause: error,
      },
    );
  }
  const { error } = await new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw new DbOpenError('DB_MIGRATION_FAILED', 'Hub database migration failed', { cause: error });
  }
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/** A database address without its password, for messages and logs. */
export function redacted(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://...';
  }
}
