import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * Whether the hub's database is PostgreSQL (db/portable.ts names the two; this takes any
 * Kysely, a transaction included). Only concurrency differs enough to ask: SQLite runs the hub's
 * transactions one after another on its one connection, PostgreSQL runs them side by side.
 */
export function isPostgres<DB>(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
