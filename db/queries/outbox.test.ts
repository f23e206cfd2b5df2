import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../electron/testing/db';
import { appendOutbox, pendingOutbox } from './outbox';
import { nextSequence } from './sequences';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(() => t.dispose());

describe('outbox and sequences', () => {
  it('numbers outbox entries monotonically and lists only pending ones', async () => {
    const base = { aggregate: 'application', op: 'upsert' as const, at: '2026-11-29T00:00:00Z' };
    const a = await appendOutbox(t.db, { ...base, id: 'o1', aggregateId: 'x', payload: { n: 1 } });
    const b = await appendOutbox(t.db, { ...base, id: 'o2', aggregateId: 'y', payload: { n: 2 } });
    expect(b).toBeGreaterThan(a);
    await t.db
      .updateTable('outbox')
      .set({ exported_at: '2026-11-29T01:00:00Z' })
      .where('seq', '=', a)
      .execute();
    const pending = await pendingOutbox(t.db, 10);
    expect(pending.map((r) => r.id)).toEqual(['o2']);
    expect(JSON.parse(pending[0]?.payload ?? 'null')).toEqual({ n: 2 });
  });

  it('counts per name, starting at 1, and never reuses a value after a rollback', async () => {
    expect(await nextSequence(t.db, 'receipt')).toBe(1);
    expect(await nextSequence(t.db, 'receipt')).toBe(2);
    expect(await nextSequence(t.db, 'other')).toBe(1);
    await expect(
      t.db.transaction().execute(async (trx) => {
        await nextSequence(trx, 'receipt');
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await nextSequence(t.db, 'receipt')).toBe(3);
  });
});
