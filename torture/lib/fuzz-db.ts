import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3-multiple-ciphers';

/**
 * A refusal may still write these, on purpose; every other change by a refused call is a defect.
 * Each entry says why the write is legitimate.
 */
export interface RefusalException {
  table: string;
  /** Rows of `table` this SQL condition selects are left out of the table's content hash. */
  rowsWhere?: string;
  /** Columns of `table` left out of the content hash. */
  columns?: string[];
  reason: string;
}

export const REFUSAL_EXCEPTIONS: RefusalException[] = [
  {
    table: 'audit_log',
    rowsWhere: `action IN ('auth.login-failed', 'auth.login-refused-locked', 'auth.locked',
      'kiosk.identify', 'kiosk.identify-card', 'audit.repeated')`,
    reason:
      'Failed sign-ins, lockouts and identify look-ups that found nobody are audited on purpose ' +
      '(docs/accounts.md, docs/kiosk-applications.md): who tried what is the point of the log. ' +
      'audit.repeated closes a run of identical entries (finding 1.9) when the next one differs',
  },
  {
    table: 'users',
    columns: ['failed_attempts', 'locked_until'],
    reason: 'A wrong PIN counts toward the lockout of that account (docs/accounts.md)',
  },
  {
    table: 'login_locks',
    rowsWhere: '1',
    reason:
      'Failures and locks per account and source (finding 1.10): a wrong PIN writes exactly ' +
      'this, and the table holds nothing else',
  },
  {
    table: 'sqlite_sequence',
    rowsWhere: `name = 'audit_log'`,
    reason: 'The AUTOINCREMENT counter of audit_log moves with the audited refusals above',
  },
  {
    table: 'settings',
    rowsWhere: `key IN ('audit.head', 'sync.last-problem', 'sync.last-success')`,
    reason:
      'audit.head is the chain head every audit entry moves (finding 1.8), so it moves with ' +
      'the audited refusals above; the background sync pass (every 60 s on the server) records ' +
      'its outcome in the sync keys whatever the fuzzer does',
  },
];

export interface TableHashes {
  [table: string]: string;
}

/**
 * The station database opened read-only beside the running server, with its key from
 * <data-dir>/keys/database.key. `changed()` is cheap (PRAGMA data_version moves when another
 * connection commits); `hashes()` is the content hash of every table, less the exceptions.
 */
export class StationDbWatch {
  readonly #sqlite: SQLite.Database;
  readonly #exceptions: Map<string, RefusalException>;
  #version: number;

  constructor(dataDir: string, exceptions: RefusalException[] = REFUSAL_EXCEPTIONS) {
    const key = Buffer.from(
      readFileSync(join(dataDir, 'keys', 'database.key'), 'utf8').trim(),
      'hex',
    );
    this.#sqlite = new SQLite(join(dataDir, 'station.db'), { readonly: true, fileMustExist: true });
    this.#sqlite.pragma(`cipher='sqlcipher'`);
    this.#sqlite.pragma('legacy=4');
    this.#sqlite.pragma(`key="x'${key.toString('hex')}'"`);
    this.#sqlite.pragma('busy_timeout = 5000');
    this.#exceptions = new Map(exceptions.map((e) => [e.table, e]));
    this.#version = this.#dataVersion();
  }

  #dataVersion(): number {
    return this.#sqlite.pragma('data_version', { simple: true }) as number;
  }

  /** True when another connection committed since the last call. */
  changed(): boolean {
    const now = this.#dataVersion();
    const moved = now !== this.#version;
    this.#version = now;
    return moved;
  }

  tables(): string[] {
    return (
      this.#sqlite
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_stat%'
           ORDER BY name`,
        )
        .all() as { name: string }[]
    ).map((row) => row.name);
  }

  /** Content hash per table (rows in primary-key order), exceptions left out. */
  hashes(): TableHashes {
    const out: TableHashes = {};
    const read = this.#sqlite.transaction(() => {
      for (const table of this.tables()) out[table] = this.#hashTable(table);
    });
    read();
    return out;
  }

  #hashTable(table: string): string {
    const exception = this.#exceptions.get(table);
    const columns = (
      this.#sqlite.prepare(`SELECT name, pk FROM pragma_table_info(?)`).all(table) as {
        name: string;
        pk: number;
      }[]
    ).filter((c) => !exception?.columns?.includes(c.name));
    const keys = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    const order = keys.length > 0 ? keys.map((c) => q(c.name)).join(', ') : 'rowid';
    const list = columns.map((c) => q(c.name)).join(', ');
    const where = exception?.rowsWhere ? `WHERE NOT (${exception.rowsWhere})` : '';
    const hash = createHash('sha256');
    const statement = this.#sqlite
      .prepare(`SELECT ${list} FROM ${q(table)} ${where} ORDER BY ${order}`)
      .raw(true);
    for (const row of statement.iterate() as Iterable<unknown[]>) {
      for (const value of row) {
        if (value instanceof Uint8Array) hash.update(`b${value.length}:`).update(value);
        else hash.update(`${typeof value}:${String(value)}\u0000`);
      }
      hash.update('\n');
    }
    return hash.digest('hex');
  }

  /** A few values for the fuzzer's pool: NIKs, No. KK, village codes, ids. */
  sample(sql: string): unknown[] {
    return this.#sqlite.prepare(sql).raw(true).all() as unknown[];
  }

  close(): void {
    this.#sqlite.close();
  }
}

/** Tables whose hash differs between two snapshots. */
export function diffTables(before: TableHashes, after: TableHashes): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name]).sort();
}

function q(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
