import type SQLite from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import type { KioskCatalogue, ServiceItem } from '../contract';
import type { Database, UnitRow } from '../../db/schema';
import type { ScryptParams } from './auth/pin';
import type { AnonymousLimits } from './limits/anonymous';
import type { Ports } from './ports';
import type { CodeLists } from './registry/code-lists';

/** Everything a domain's handlers may use; built once by openStation. */
export interface CoreDeps {
  db: Kysely<Database>;
  /** The same connection, raw: bulk writes (import) use prepared statements, not Kysely. */
  sqlite: SQLite.Database;
  ports: Ports;
  /** Key for the keyed hashes of NIKs in the audit log. */
  auditKey: Buffer;
  unit: UnitRow;
  /** The home-screen tiles: one per catalogue group. */
  services: ServiceItem[];
  catalogue: KioskCatalogue;
  /** SIAK code lists (resources/data/code-lists.json), loaded once at start. */
  codeLists: CodeLists;
  /** Cost of new PIN hashes (electron/core/auth/pin.ts); lower only in tests. */
  scrypt: ScryptParams;
  database: { file: string; cipher: string | null };
  host: 'electron' | 'station-server';
  versions: Record<string, string>;
  /** Limits of the anonymous kiosk handlers (issue 13 finding 1.9; electron/core/limits). */
  limits: AnonymousLimits;
  /** Free space where the data folder lives (null when the platform cannot tell); fake in tests. */
  disk: { freeBytes(): Promise<number | null> };
}
