import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StockMoveArgs } from '../../contract';
import { KIOSK, RINA, SRI } from '../../testing/desk';
import { as, rowCounts } from '../../testing/recording';
import { createTestStation, type TestStation } from '../../testing/station';

let station: TestStation;
beforeEach(async () => {
  station = await createTestStation();
});
afterEach(() => station.dispose());

const move = (args: StockMoveArgs, session = SRI) => as(station, session).send('stock-move', args);
const levels = async () => {
  const view = await as(station, SRI).send('stock-get', { limit: 50 });
  if (!view.ok) throw new Error(view.error.message);
  return view.value.levels.map((l) => [l.item, l.onHand, l.lowThreshold, l.isLow]);
};
const sql = <T>(query: string) => station.deps.sqlite.prepare(query).all() as T[];

describe('blanks stock', () => {
  it('starts empty with the default thresholds, all low', async () => {
    expect(await levels()).toEqual([
      ['blanko-ktp-el', 0, 20, true],
      ['blanko-kia', 0, 20, true],
      ['ribbon', 0, 50, true],
    ]);
  });

  it('receives, spoils and (supervisor) adjusts; each move audited and in the outbox', async () => {
    const received = await move({
      item: 'blanko-ktp-el',
      kind: 'received',
      count: 100,
      note: ' BAST 07/XI/2026 ',
    });
    expect(received).toMatchObject({
      ok: true,
      value: {
        levels: [{ item: 'blanko-ktp-el', onHand: 100, isLow: false }, {}, {}],
        movements: [
          {
            item: 'blanko-ktp-el',
            kind: 'received',
            delta: 100,
            note: 'BAST 07/XI/2026',
            by: 'Sri Wahyuni',
            printRunId: null,
          },
        ],
      },
    });
    await move({ item: 'blanko-ktp-el', kind: 'spoiled', count: 3, note: 'Tergores saat dibuka' });
    await move(
      { item: 'blanko-ktp-el', kind: 'adjusted', count: -77, note: 'Stock opname 30/11' },
      RINA,
    );
    await move(
      { item: 'ribbon', kind: 'adjusted', count: 51, note: 'Pita sisa dari gudang' },
      RINA,
    );
    expect(await levels()).toEqual([
      ['blanko-ktp-el', 20, 20, true],
      ['blanko-kia', 0, 20, true],
      ['ribbon', 51, 50, false],
    ]);
    expect(sql('SELECT kind, delta, user_name, unit_id FROM stock_movements ORDER BY seq')).toEqual(
      [
        {
          kind: 'received',
          delta: 100,
          user_name: 'Sri Wahyuni',
          unit_id: station.deps.unit.unit_id,
        },
        {
          kind: 'spoiled',
          delta: -3,
          user_name: 'Sri Wahyuni',
          unit_id: station.deps.unit.unit_id,
        },
        {
          kind: 'adjusted',
          delta: -77,
          user_name: 'Rina Kartika',
          unit_id: station.deps.unit.unit_id,
        },
        {
          kind: 'adjusted',
          delta: 51,
          user_name: 'Rina Kartika',
          unit_id: station.deps.unit.unit_id,
        },
      ],
    );
    expect(sql("SELECT count(*) n FROM outbox WHERE aggregate = 'stock'")).toEqual([{ n: 4 }]);
    const payload = sql<{ payload: string }>(
      "SELECT payload FROM outbox WHERE aggregate = 'stock' ORDER BY seq",
    )[1];
    expect(JSON.parse(payload?.payload ?? '{}')).toMatchObject({
      item: 'blanko-ktp-el',
      kind: 'spoiled',
      delta: -3,
      by: 'Sri Wahyuni',
    });
    expect(sql("SELECT action FROM audit_log WHERE action LIKE 'stock.%' ORDER BY seq")).toEqual([
      { action: 'stock.received' },
      { action: 'stock.spoiled' },
      { action: 'stock.adjusted' },
      { action: 'stock.adjusted' },
    ]);
  });

  it('refuses bad moves with their reason and writes nothing', async () => {
    await move({ item: 'ribbon', kind: 'received', count: 5, note: 'BAST 1' });
    const before = rowCounts(station);
    const cases: [StockMoveArgs, string, string, typeof SRI?][] = [
      [
        { item: 'ribbon', kind: 'adjusted', count: 5, note: 'Koreksi' },
        'FORBIDDEN',
        'SUPERVISOR_ONLY',
      ],
      [
        { item: 'ribbon', kind: 'spoiled', count: 6, note: 'Rusak semua' },
        'CONFLICT',
        'STOCK_BELOW_ZERO',
      ],
      [
        { item: 'ribbon', kind: 'adjusted', count: -6, note: 'Opname' },
        'CONFLICT',
        'STOCK_BELOW_ZERO',
        RINA,
      ],
      [
        { item: 'ribbon', kind: 'adjusted', count: 0, note: 'Opname' },
        'INVALID_ARGS',
        'BAD_COUNT',
        RINA,
      ],
      [
        { item: 'ribbon', kind: 'adjusted', count: 10_001, note: 'Opname' },
        'INVALID_ARGS',
        'BAD_COUNT',
        RINA,
      ],
      [{ item: 'ribbon', kind: 'received', count: 0, note: 'BAST 2' }, 'INVALID_ARGS', 'BAD_COUNT'],
      [
        { item: 'ribbon', kind: 'received', count: -4, note: 'BAST 2' },
        'INVALID_ARGS',
        'BAD_COUNT',
      ],
      [
        { item: 'ribbon', kind: 'received', count: 10_001, note: 'BAST 2' },
        'INVALID_ARGS',
        'BAD_COUNT',
      ],
      [{ item: 'ribbon', kind: 'received', count: 1, note: '  ab ' }, 'INVALID_ARGS', 'BAD_NOTE'],
      [
        { item: 'ribbon', kind: 'received', count: 1, note: 'x'.repeat(201) },
        'INVALID_ARGS',
        'BAD_NOTE',
      ],
    ];
    for (const [args, code, reason, session] of cases) {
      expect(await move(args, session), `${args.kind} ${args.count} ${reason}`).toMatchObject({
        ok: false,
        error: { code, reason },
      });
    }
    for (const bad of [
      { item: 'kertas', kind: 'received', count: 1, note: 'BAST 3' },
      { item: 'ribbon', kind: 'used', count: 1, note: 'BAST 3' },
      { item: 'ribbon', kind: 'received', count: 1.5, note: 'BAST 3' },
    ]) {
      expect(await move(bad as StockMoveArgs)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGS' },
      });
    }
    expect(await as(station, KIOSK).send('stock-get', { limit: 5 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(rowCounts(station)).toEqual(before);
    expect(
      await move({ item: 'ribbon', kind: 'spoiled', count: 5, note: 'Pita putus' }),
    ).toMatchObject({ ok: true });
  });

  it('counts only this unit, and a supervisor sets the low threshold', async () => {
    station.deps.sqlite
      .prepare(
        `INSERT INTO stock_movements (id, unit_id, item, kind, delta, note, print_run_id, at, user_id, user_name)
         VALUES ('other-1', 'UNIT-LAIN', 'blanko-kia', 'received', 500, 'lain', NULL, '2026-11-29T01:00:00.000Z', NULL, 'x')`,
      )
      .run();
    await move({ item: 'blanko-kia', kind: 'received', count: 25, note: 'BAST 9' });
    expect((await levels())[1]).toEqual(['blanko-kia', 25, 20, false]);
    expect(
      await as(station, SRI).send('stock-threshold-set', { item: 'blanko-kia', lowThreshold: 25 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const set = await as(station, RINA).send('stock-threshold-set', {
      item: 'blanko-kia',
      lowThreshold: 25,
    });
    expect(set).toMatchObject({
      ok: true,
      value: {
        levels: [{}, { item: 'blanko-kia', onHand: 25, lowThreshold: 25, isLow: true }, {}],
      },
    });
    expect(sql("SELECT detail FROM audit_log WHERE action = 'stock.threshold-set'")).toEqual([
      { detail: JSON.stringify({ item: 'blanko-kia', lowThreshold: 25 }) },
    ]);
    expect(
      await as(station, RINA).send('stock-threshold-set', { item: 'blanko-kia', lowThreshold: -1 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGS' },
    });
  });
});
