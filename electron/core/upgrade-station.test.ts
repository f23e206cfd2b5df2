import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureCounts, fixtureKey, FIXTURES_DIR, UPGRADE_FIXTURES } from '../../db/fixtures';
import { migrations } from '../../db/migrations';
import { memoryPair } from '../transport/memory-pair';
import { createTestStation } from '../testing/station';

/**
 * Issue 13 §2 "Upgrade", through the whole station: a data folder holding a database written by
 * an earlier commit (db/fixtures) starts with the current code; the row-by-row check of the same
 * fixtures is db/upgrade.test.ts.
 */
const cleanup: string[] = [];
afterEach(() => {
  for (const dir of cleanup.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe.each(UPGRADE_FIXTURES)('a station upgraded from %s', (name) => {
  it('starts, audit-verify says intact, the schema is the newest and its applications are there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lm-upgrade-station-'));
    cleanup.push(dir);
    copyFileSync(join(FIXTURES_DIR, `${name}.db`), join(dir, 'station.db'));
    mkdirSync(join(dir, 'keys'), { recursive: true, mode: 0o700 });
    writeFileSync(join(dir, 'keys', 'database.key'), `${fixtureKey(name).toString('hex')}\n`, {
      mode: 0o600,
    });
    const station = await createTestStation({ demo: true }, dir);
    try {
      const supervisor = memoryPair(station.dispatcher, 'upgrade', {
        role: 'supervisor',
        userName: 'Budi',
        mode: 'officer',
      });
      expect(await supervisor.send('audit-verify', {})).toMatchObject({
        ok: true,
        value: { isIntact: true },
      });
      expect(await supervisor.send('station-status', {})).toMatchObject({
        ok: true,
        value: { database: { schemaVersion: Object.keys(migrations).sort().at(-1) } },
      });
      expect(await supervisor.send('desk-inbox', { offset: 0, limit: 50 })).toMatchObject({
        ok: true,
        value: { total: fixtureCounts(name)['applications'] },
      });
    } finally {
      await station.close();
    }
  });
});
