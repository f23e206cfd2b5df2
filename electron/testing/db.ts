import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type OpenedDb } from '../../db/open';

export interface TestDb extends OpenedDb {
  dir: string;
  /** Closes the database and removes its folder. */
  dispose(): Promise<void>;
}

/** A real, migrated, encrypted SQLite database in a fresh temporary folder. */
export async function createTestDb(key: Buffer | null = Buffer.alloc(32, 7)): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'lm-db-'));
  const opened = await openDatabase({ file: join(dir, 'station.db'), key });
  return {
    ...opened,
    dir,
    dispose: async () => {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
