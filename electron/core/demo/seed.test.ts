import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../testing/db';
import { loadCodeLists } from '../registry/code-lists';
import { DEMO_RESIDENTS, seedDemoResidents } from './seed';

const codeLists = loadCodeLists(fileURLToPath(new URL('../../../resources', import.meta.url)));

describe('seedDemoResidents', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb();
  });
  afterEach(() => t.dispose());

  it('writes a few thousand valid residents quickly, and only into an empty registry', () => {
    const options = { villageCode: '1602052011', codeLists, at: 'x', today: '2026-11-29' };
    const started = performance.now();
    const written = seedDemoResidents(t.sqlite, options);
    const ms = performance.now() - started;
    expect(written).toBeGreaterThanOrEqual(DEMO_RESIDENTS);
    expect(ms).toBeLessThan(1500);
    const heads = t.sqlite
      .prepare('SELECT count(*) FROM families WHERE head_nik IS NULL')
      .pluck()
      .get();
    expect(heads).toBe(0);
    expect(seedDemoResidents(t.sqlite, options)).toBe(0);
  });
});
