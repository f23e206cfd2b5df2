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

/** On hand per item for one unit; every item present (0 when it never moved). */
export async function stockLevels(
  db: Kysely<Database>,
  unitId: string,
): Promise<Record<StockItemValue, number>> {
  const rows = await db
    .selectFrom('stock_movements')
    .select(['item', (eb) => eb.fn.sum<number>('delta').as('on_hand')])
    .where('unit_id', '=', unitId)
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

/** Newest first. */
export async function listStockMovements(
  db: Kysely<Database>,
  unitId: string,
  limit: number,
): Promise<StockMovementRow[]> {
  return db
    .selectFrom('stock_movements')
    .selectAll()
    .where('unit_id', '=', unitId)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
}
