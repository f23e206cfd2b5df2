import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Hub, type HubOptions } from '../hub/hub';
import { FileKeyStore } from '../protocol/key-store.file';
import { PG_SOCKET_ENV } from './postgres';

/** The hub's two databases; every hub test runs on both (describe.each(HUB_BACKENDS)). */
export type HubBackend = 'sqlite' | 'postgres';
export const HUB_BACKENDS: readonly HubBackend[] = ['sqlite', 'postgres'];

export interface TestHub {
  hub: Hub;
  dataDir: string;
  /** The PostgreSQL database of this hub (null on SQLite). */
  databaseUrl: string | null;
  /** Closes the hub, drops its database (PostgreSQL) and removes its folder. */
  close(): Promise<void>;
}

/**
 * A fresh hub on `backend`: SQLite in a temporary folder, or PostgreSQL in a database of its own
 * inside the run's throwaway cluster (electron/testing/postgres.ts); packet files and keys are in
 * the temporary folder on both. `options` override the defaults (a clock, a district name; a
 * given dataDir is used, and removed at close).
 */
export async function openTestHub(
  backend: HubBackend,
  options: Partial<HubOptions> = {},
): Promise<TestHub> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'lm-hub-'));
  const database = backend === 'postgres' ? await createTestDatabase() : null;
  let hub: Hub;
  try {
    hub = await Hub.open({
      keyStore: new FileKeyStore(join(dataDir, 'keys')),
      districtName: 'Disdukcapil Kabupaten Uji',
      ...options,
      dataDir,
      databaseUrl: database?.url ?? null,
    });
  } catch (error) {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    hub,
    dataDir,
    databaseUrl: database?.url ?? null,
    close: async () => {
      await hub.close();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestDatabase {
  /** postgres:// address of the database (Unix socket of the run's cluster). */
  url: string;
  /** Drops the database, ending any connection still open to it. */
  drop(): Promise<void>;
}

/** An empty PostgreSQL database `t_<random>` in the run's cluster. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `t_${randomBytes(8).toString('hex')}`;
  await admin(`create database ${name}`);
  return {
    url: databaseUrl(name),
    drop: () => admin(`drop database if exists ${name} with (force)`),
  };
}

/** The address of database `name` in the run's cluster. */
export function databaseUrl(name: string): string {
  return `postgres://postgres@/${name}?host=${encodeURIComponent(socketDir())}`;
}

function socketDir(): string {
  const dir = process.env[PG_SOCKET_ENV];
  if (!dir)
    throw new Error(
      `${PG_SOCKET_ENV} is not set: hub tests on PostgreSQL need the cluster that ` +
        'electron/testing/postgres.ts starts (vitest globalSetup in vitest.config.ts)',
    );
  return dir;
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
