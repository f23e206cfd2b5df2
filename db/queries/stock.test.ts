import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../electron/testing/db';
import {
  insertStockMovement,
  listStockMovements,
  stockLevels,
  type NewStockMovement,
} from './stock';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(() => t.dispose());

let n = 0;
const movement = (over: Partial<NewStockMovement>): NewStockMovement => ({
  id: `m${n++}`,
  unit_id: 'OKI-01',
  item: 'blanko-ktp-el',
  kind: 'received',
  delta: 10,
  note: 'BAST',
  print_run_id: null,
  at: '2026-11-29T02:00:00.000Z',
  user_id: null,
  user_name: 'Sri',
  ...over,
});

describe('stock queries', () => {
  it('sums movements per unit and item, every item present', async () => {
    expect(await stockLevels(t.db, 'OKI-01')).toEqual({
      'blanko-ktp-el': 0,
      'blanko-kia': 0,
      ribbon: 0,
    });
    await insertStockMovement(t.db, movement({ delta: 100 }));
    await insertStockMovement(t.db, movement({ kind: 'used', delta: -3, print_run_id: 'run-1' }));
    await insertStockMovement(t.db, movement({ kind: 'adjusted', delta: -7 }));
    await insertStockMovement(t.db, movement({ item: 'ribbon', delta: 40 }));
    await insertStockMovement(t.db, movement({ unit_id: 'OKI-02', delta: 999 }));
    expect(await stockLevels(t.db, 'OKI-01')).toEqual({
      'blanko-ktp-el': 90,
      'blanko-kia': 0,
      ribbon: 40,
    });
    const list = await listStockMovements(t.db, 'OKI-01', 2);
    expect(list.map((m) => [m.item, m.kind, m.delta])).toEqual([
      ['ribbon', 'received', 40],
      ['blanko-ktp-el', 'adjusted', -7],
    ]);
  });

  it('the schema refuses a delta of the wrong sign for its kind', async () => {
    await expect(insertStockMovement(t.db, movement({ kind: 'used', delta: 2 }))).rejects.toThrow(
      /CHECK/,
    );
    await expect(
      insertStockMovement(t.db, movement({ kind: 'received', delta: -2 })),
    ).rejects.toThrow(/CHECK/);
    await expect(
      insertStockMovement(t.db, movement({ kind: 'adjusted', delta: 0 })),
    ).rejects.toThrow(/CHECK/);
  });
});
