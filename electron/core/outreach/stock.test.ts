import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockLevels } from '../../../db/queries/stock';
import { RINA, SRI } from '../../testing/desk';
import {
  addAccounts,
  kijangUluPlan,
  planCounts,
  planEvent,
  receive,
  valueOf,
} from '../../testing/outreach-plan';
import { as } from '../../testing/recording';
import { createTestStation, type TestStation } from '../../testing/station';
import { blanksFor, shortOfBlanks, useBlanks } from '../stock/blanks';
import { eventStock } from './stock';

let station: TestStation;
beforeAll(async () => {
  station = await createTestStation();
  await addAccounts(station);
});
afterAll(() => station.dispose());

const unit = () => station.deps.unit.unit_id;
const office = () => stockLevels(station.deps.db, unit());
const sql = <T>(query: string, ...params: unknown[]) =>
  station.deps.sqlite.prepare(query).all(...params) as T[];
/** The unit's total per item: office and every event's own stock together. */
const total = (item: string) =>
  station.deps.sqlite
    .prepare('SELECT coalesce(sum(delta), 0) FROM stock_movements WHERE unit_id = ? AND item = ?')
    .pluck()
    .get(unit(), item) as number;
const checkout = (
  eventId: string,
  item: 'blanko-ktp-el' | 'blanko-kia' | 'ribbon',
  count: number,
) => as(station, RINA).send('outreach-stock-checkout', { eventId, item, count });
const line = async (eventId: string, item: string) =>
  (await eventStock(station.deps, eventId)).items.find((i) => i.item === item);
/** A print of `copies` KTP-el cards through the print path's own blank functions. */
async function printCards(copies: number, runId: string): Promise<void> {
  await station.deps.db
    .transaction()
    .execute((trx) => useBlanks(station.deps, trx, SRI, blanksFor('ktp-el', copies), runId));
}

describe('event stock: a transfer in the one ledger', () => {
  it('checks out, uses and spoils at the event, returns the rest at the close', async () => {
    await receive(station, 'blanko-ktp-el', 100);
    await receive(station, 'ribbon', 60);
    const eventId = await planEvent(station);

    // Refusals first: nothing changes.
    const before = planCounts(station);
    for (const [count, reason] of [
      [0, 'BAD_COUNT'],
      [-5, 'BAD_COUNT'],
      [2.5, 'BAD_COUNT'],
      [10_001, 'BAD_COUNT'],
      [101, 'STOCK_BELOW_ZERO'],
    ] as const) {
      expect(await checkout(eventId, 'blanko-ktp-el', count), `${count}`).toMatchObject({
        ok: false,
        error: { reason },
      });
    }
    expect(await checkout(eventId, 'blanko-kia', 1)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'STOCK_BELOW_ZERO' },
    });
    expect(await checkout('no-such-event', 'ribbon', 1)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(
      await as(station, SRI).send('outreach-stock-checkout', { eventId, item: 'ribbon', count: 1 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(planCounts(station)).toEqual(before);

    // 20 blanks and 20 ribbon prints to the event: the office has 80 and 40, the unit still 100/60.
    expect(valueOf(await checkout(eventId, 'blanko-ktp-el', 20)).items[0]).toEqual({
      item: 'blanko-ktp-el',
      out: 20,
      used: 0,
      spoiled: 0,
      returned: 0,
      left: 20,
    });
    valueOf(await checkout(eventId, 'ribbon', 20));
    expect(await office()).toEqual({ 'blanko-ktp-el': 80, 'blanko-kia': 0, ribbon: 40 });
    expect([total('blanko-ktp-el'), total('ribbon')]).toEqual([100, 60]);
    // Each transfer is one pair of rows summing to zero, office out and event in.
    expect(
      sql(
        "SELECT transfer_id, sum(delta) AS net, count(*) AS n, group_concat(kind || ':' || coalesce(event_id, 'office'), ' ') AS legs FROM stock_movements WHERE transfer_id IS NOT NULL GROUP BY transfer_id ORDER BY min(seq)",
      ).map((r) => [
        (r as { net: number }).net,
        (r as { n: number }).n,
        (r as { legs: string }).legs,
      ]),
    ).toEqual([
      [0, 2, `transfer-out:office transfer-in:${eventId}`],
      [0, 2, `transfer-out:office transfer-in:${eventId}`],
    ]);
    // The office's list shows its own half only; the district gets both in the outbox.
    const view = valueOf(await as(station, SRI).send('stock-get', { limit: 50 }));
    expect(view.levels.map((l) => [l.item, l.onHand])).toEqual([
      ['blanko-ktp-el', 80],
      ['blanko-kia', 0],
      ['ribbon', 40],
    ]);
    expect(view.movements.slice(0, 2).map((m) => [m.kind, m.item, m.delta])).toEqual([
      ['transfer-out', 'ribbon', -20],
      ['transfer-out', 'blanko-ktp-el', -20],
    ]);
    const payloads = sql<{ payload: string }>(
      "SELECT payload FROM outbox WHERE aggregate = 'stock' ORDER BY seq DESC LIMIT 2",
    ).map((r) => JSON.parse(r.payload) as Record<string, unknown>);
    expect(payloads[0]).toMatchObject({ kind: 'transfer-in', item: 'ribbon', delta: 20, eventId });
    expect(payloads[1]).toMatchObject({ kind: 'transfer-out', item: 'ribbon', delta: -20 });

    // Before the start, prints still take from the office.
    await printCards(1, 'run-office');
    expect((await office())['blanko-ktp-el']).toBe(79);
    expect((await line(eventId, 'blanko-ktp-el'))?.used).toBe(0);

    valueOf(
      await as(station, RINA).send('outreach-event-start', {
        eventId,
        overrideReason: 'Uji stok tanpa cek perangkat',
      }),
    );
    // While it runs, prints and spoils count against the event.
    await printCards(3, 'run-event-1');
    valueOf(
      await as(station, SRI).send('stock-move', {
        item: 'blanko-ktp-el',
        kind: 'spoiled',
        count: 2,
        note: 'Tergores di lokasi',
      }),
    );
    expect(await line(eventId, 'blanko-ktp-el')).toEqual({
      item: 'blanko-ktp-el',
      out: 20,
      used: 3,
      spoiled: 2,
      returned: 0,
      left: 15,
    });
    expect(await line(eventId, 'ribbon')).toMatchObject({ used: 3, left: 17 });
    expect(await office()).toEqual({ 'blanko-ktp-el': 79, 'blanko-kia': 0, ribbon: 39 });
    // The event's blanks are what a print may use now: 16 is one too many.
    expect(await shortOfBlanks(station.deps, blanksFor('ktp-el', 16))).toEqual({
      item: 'blanko-ktp-el',
      count: 16,
      onHand: 15,
    });
    expect(await shortOfBlanks(station.deps, blanksFor('ktp-el', 15))).toBeNull();
    expect(
      await as(station, SRI).send('stock-move', {
        item: 'blanko-ktp-el',
        kind: 'spoiled',
        count: 16,
        note: 'Terlalu banyak',
      }),
    ).toMatchObject({ ok: false, error: { reason: 'STOCK_BELOW_ZERO' } });
    // A top-up during the event is another transfer.
    valueOf(await checkout(eventId, 'blanko-ktp-el', 5));
    expect((await line(eventId, 'blanko-ktp-el'))?.left).toBe(20);
    expect((await office())['blanko-ktp-el']).toBe(74);
    // Received during the event is the office's.
    await receive(station, 'blanko-ktp-el', 10);
    expect((await office())['blanko-ktp-el']).toBe(84);

    // Close: the 20 left go back; the event holds nothing, the office never counted a blank twice.
    const closed = valueOf(await as(station, RINA).send('outreach-event-close', { eventId }));
    expect(closed.stock.items[0]).toEqual({
      item: 'blanko-ktp-el',
      out: 25,
      used: 3,
      spoiled: 2,
      returned: 20,
      left: 0,
    });
    expect(closed.stock.items[2]).toEqual({
      item: 'ribbon',
      out: 20,
      used: 3,
      spoiled: 0,
      returned: 17,
      left: 0,
    });
    expect(await office()).toEqual({ 'blanko-ktp-el': 104, 'blanko-kia': 0, ribbon: 56 });
    // Received 110, used 1 + 3, spoiled 2: 104, all at the office.
    expect(total('blanko-ktp-el')).toBe(104);
    expect(total('ribbon')).toBe(56);
    expect(
      sql(
        'SELECT count(*) AS n FROM stock_movements WHERE transfer_id IS NOT NULL GROUP BY transfer_id HAVING sum(delta) <> 0',
      ),
    ).toEqual([]);
    // After the close, prints take from the office again; a closed event takes no stock.
    await printCards(1, 'run-after');
    expect((await office())['blanko-ktp-el']).toBe(103);
    expect(await checkout(eventId, 'ribbon', 1)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'EVENT_CLOSED' },
    });
    expect(
      sql(
        "SELECT action FROM audit_log WHERE action LIKE 'outreach.stock%' OR action LIKE 'stock.transfer%'",
      ).length,
    ).toBe(3 + 2 * (3 + 2));
  });

  it('returns the stock of a planned event that is called off', async () => {
    await receive(station, 'blanko-kia', 12);
    const eventId = await planEvent(station, kijangUluPlan({ name: 'Batal karena banjir' }));
    valueOf(await checkout(eventId, 'blanko-kia', 12));
    expect((await office())['blanko-kia']).toBe(0);
    const closed = valueOf(await as(station, RINA).send('outreach-event-close', { eventId }));
    expect(closed.stock.items[1]).toEqual({
      item: 'blanko-kia',
      out: 12,
      used: 0,
      spoiled: 0,
      returned: 12,
      left: 0,
    });
    expect((await office())['blanko-kia']).toBe(12);
  });

  it('keeps the database rules of the ledger', () => {
    const insert = (
      kind: string,
      delta: number,
      eventId: string | null,
      transferId: string | null,
    ) =>
      station.deps.sqlite
        .prepare(
          `INSERT INTO stock_movements (id, unit_id, item, kind, delta, note, print_run_id, at, user_id, user_name, event_id, transfer_id)
           VALUES (?, ?, 'ribbon', ?, ?, NULL, NULL, '2026-11-29T02:00:00.000Z', NULL, 'x', ?, ?)`,
        )
        .run(`bad-${kind}-${delta}`, unit(), kind, delta, eventId, transferId);
    const eventId = (sql<{ id: string }>('SELECT id FROM outreach_events LIMIT 1')[0] ?? { id: '' })
      .id;
    expect(() => insert('transfer-out', 5, null, 't1')).toThrow(/CHECK/);
    expect(() => insert('transfer-in', -5, null, 't1')).toThrow(/CHECK/);
    expect(() => insert('transfer-in', 5, null, null)).toThrow(/CHECK/);
    expect(() => insert('used', -1, null, 't1')).toThrow(/CHECK/);
    expect(() => insert('received', 5, eventId, null)).toThrow(/CHECK/);
    expect(() => insert('adjusted', 5, eventId, null)).toThrow(/CHECK/);
    expect(() => insert('used', -1, 'no-such-event', null)).toThrow(/FOREIGN KEY/);
  });
});
