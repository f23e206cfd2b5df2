import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, StockMovementsTable } from '../schema';

/**
 * Blanks and ribbon per unit (docs/ktp-recording.md, "Blanks stock"). The level of an item is the
 * sum of its movements: there is no stored counter that could drift from its history.
 */

export type StockMovementRow = Selectable<StockMovementsTable>;
export type NewStockMovement = Insertable<StockMovementsTable>;
export type StockItemValue = StockMovementRow['item'];

export const STOCK_ITEMS = [
  'blanko-ktp-el',
  'blanko-kia',
  'ribbon',
] as const satisfies readonly StockItemValue[];

/**
 * On hand per item for one unit at one place: the office (eventId null, the default) or an
 * outreach event's own stock (docs/outreach.md); every item present (0 when it never moved).
 */
export async function stockLevels(
  db: Kysely<Database>,
  unitId: string,
  eventId: string | null = null,
): Promise<Record<StockItemValue, number>> {
  const query = db
    .selectFrom('stock_movements')
    .select(['item', (eb) => eb.fn.sum<number>('delta').as('on_hand')])
    .where('unit_id', '=', unitId);
  const rows = await (
    eventId === null ? query.where('event_id', 'is', null) : query.where('event_id', '=', eventId)
  )
    .groupBy('item')
    .execute();
  const levels = Object.fromEntries(STOCK_ITEMS.map((i) => [i, 0])) as Record<
    StockItemValue,
    number
  >;
  for (const row of rows) levels[row.item] = Number(row.on_hand);
  return levels;
}

export async function insertStockMovement(
  db: Kysely<Database>,
  movement: NewStockMovement,
): Promise<void> {
  await db.insertInto('stock_movements').values(movement).execute();
}

/** The office's movements, newest first (an event's own rows are in its stock view). */
export async function listStockMovements(
  db: Kysely<Database>,
  unitId: string,
  limit: number,
): Promise<StockMovementRow[]> {
  return db
    .selectFrom('stock_movements')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('event_id', 'is', null)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Where blanks are used and spoiled now: the unit's running outreach event (its own stock), or
 * null for the office. One event at most runs per unit (core/outreach/plan.ts).
 */
export async function stockPlace(db: Kysely<Database>, unitId: string): Promise<string | null> {
  const row = await db
    .selectFrom('outreach_events')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Sums of one event's own movements per item and kind (its stock view). */
export async function eventStockSums(
  db: Kysely<Database>,
  eventId: string,
): Promise<Array<{ item: StockItemValue; kind: StockMovementRow['kind']; total: number }>> {
  const rows = await db
    .selectFrom('stock_movements')
    .select(['item', 'kind', (eb) => eb.fn.sum<number>('delta').as('total')])
    .where('event_id', '=', eventId)
    .groupBy(['item', 'kind'])
    .execute();
  return rows.map((r) => ({ item: r.item, kind: r.kind, total: Number(r.total) }));
}
