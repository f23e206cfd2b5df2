import type { Kysely } from 'kysely';
import {
  failWith,
  ok,
  type OutreachStock,
  type OutreachStockItem,
  type Result,
} from '../../contract';
import { eventStockSums, STOCK_ITEMS, stockLevels } from '../../../db/queries/stock';
import type { Database } from '../../../db/schema';
import type { Officer } from '../common/officer';
import type { CoreDeps } from '../deps';
import { recordMovement } from '../stock/stock';

/**
 * The blanks and ribbon of an outreach event (docs/outreach.md, "Stock"). They stay in the one
 * ledger, stock_movements: a checkout is a transfer, a pair of rows with one transfer id, office
 * 'transfer-out' (-n) and event 'transfer-in' (+n); prints and spoils while the event runs are
 * rows at the event (core/stock/blanks.ts, stock/app.ts); closing transfers what is left back.
 * The office level sums only office rows and the event's only its own, so no blank counts twice,
 * and the unit's total (both together) is not changed by a transfer.
 */

export const CHECKOUT_MAX = 10_000;

/** Carried out, used, spoiled, returned and left per item, from the event's own movements. */
export async function eventStock(
  deps: Pick<CoreDeps, 'db'>,
  eventId: string,
  db: Kysely<Database> = deps.db,
): Promise<OutreachStock> {
  const sums = await eventStockSums(db, eventId);
  // Absolute sums (kinds have fixed signs); never -0 for an item that did not move.
  const sum = (item: OutreachStockItem, kind: string) =>
    Math.abs(sums.find((s) => s.item === item && s.kind === kind)?.total ?? 0);
  return {
    items: STOCK_ITEMS.map((item) => {
      const out = sum(item, 'transfer-in');
      const used = sum(item, 'used');
      const spoiled = sum(item, 'spoiled');
      const returned = sum(item, 'transfer-out');
      return { item, out, used, spoiled, returned, left: out - used - spoiled - returned };
    }),
  };
}

/** The office's level per item now. */
export async function officeStock(
  deps: Pick<CoreDeps, 'db' | 'unit'>,
): Promise<Array<{ item: OutreachStockItem; onHand: number }>> {
  const levels = await stockLevels(deps.db, deps.unit.unit_id, null);
  return STOCK_ITEMS.map((item) => ({ item, onHand: levels[item] }));
}

/** One transfer: two rows with one transfer id, in the caller's transaction. */
async function transfer(
  deps: CoreDeps,
  trx: Kysely<Database>,
  officer: Officer,
  move: {
    item: OutreachStockItem;
    count: number;
    from: string | null;
    to: string | null;
    note: string;
  },
): Promise<void> {
  const transferId = deps.ports.ids.uuid();
  const base = { item: move.item, note: move.note, printRunId: null, transferId };
  await recordMovement(deps, trx, officer, {
    ...base,
    kind: 'transfer-out',
    delta: -move.count,
    eventId: move.from,
  });
  await recordMovement(deps, trx, officer, {
    ...base,
    kind: 'transfer-in',
    delta: move.count,
    eventId: move.to,
  });
}

/**
 * Carries `count` of an item from the office to the event. The office level is read in the
 * transaction that writes, so it never goes below zero. The caller checks the event's status.
 */
export async function checkOut(
  deps: CoreDeps,
  trx: Kysely<Database>,
  officer: Officer,
  event: { id: string; name: string },
  item: OutreachStockItem,
  count: number,
): Promise<Result<null>> {
  if (!Number.isInteger(count) || count < 1 || count > CHECKOUT_MAX)
    return failWith('INVALID_ARGS', 'BAD_COUNT', `1 to ${CHECKOUT_MAX}`, ['count']);
  const onHand = (await stockLevels(trx, deps.unit.unit_id, null))[item];
  if (onHand < count)
    return failWith(
      'CONFLICT',
      'STOCK_BELOW_ZERO',
      `${item}: ${onHand} at the office, ${count} asked for the event`,
      ['count'],
    );
  await transfer(deps, trx, officer, {
    item,
    count,
    from: null,
    to: event.id,
    note: noteFor(event.name, 'ke'),
  });
  return ok(null);
}

/** At the end: what is left at the event goes back to the office, item by item. */
export async function returnAll(
  deps: CoreDeps,
  trx: Kysely<Database>,
  officer: Officer,
  event: { id: string; name: string },
): Promise<void> {
  const stock = await eventStock(deps, event.id, trx);
  for (const line of stock.items) {
    if (line.left <= 0) continue;
    await transfer(deps, trx, officer, {
      item: line.item,
      count: line.left,
      from: event.id,
      to: null,
      note: noteFor(event.name, 'dari'),
    });
  }
}

/** "Kegiatan: <name>" notes, cut to the ledger's 200 characters. */
function noteFor(name: string, direction: 'ke' | 'dari'): string {
  return `${direction === 'ke' ? 'Dibawa ke' : 'Kembali dari'} kegiatan ${name}`.slice(0, 200);
}
