import type { Kysely } from 'kysely';
import type { StockItem, StockMovement, StockMovementKind, StockView } from '../../contract';
import { enqueue } from '../outbox';
import { getSetting } from '../../../db/queries/settings';
import {
  insertStockMovement,
  listStockMovements,
  STOCK_ITEMS,
  stockLevels,
  type StockMovementRow,
} from '../../../db/queries/stock';
import type { Database } from '../../../db/schema';
import { recordAudit } from '../audit/record';
import type { CoreDeps } from '../deps';
import { officerName, type Officer } from '../common/officer';

/**
 * The blanks stock of this unit (docs/ktp-recording.md): levels are sums of movements per unit
 * (deps.unit) and item; a level at or under its threshold is low. Every movement is audited and
 * goes to the outbox (aggregate 'stock') in the transaction that writes it.
 */

export const DEFAULT_THRESHOLDS: Readonly<Record<StockItem, number>> = {
  'blanko-ktp-el': 20,
  'blanko-kia': 20,
  ribbon: 50,
};
export const thresholdKey = (item: StockItem) => `stock.threshold.${item}`;

export async function thresholds(db: Kysely<Database>): Promise<Record<StockItem, number>> {
  const values = await Promise.all(STOCK_ITEMS.map((i) => getSetting<number>(db, thresholdKey(i))));
  return Object.fromEntries(
    STOCK_ITEMS.map((item, k) => [item, values[k] ?? DEFAULT_THRESHOLDS[item]]),
  ) as Record<StockItem, number>;
}

function toMovement(row: StockMovementRow): StockMovement {
  return {
    id: row.id,
    item: row.item,
    kind: row.kind,
    delta: row.delta,
    note: row.note,
    printRunId: row.print_run_id,
    at: row.at,
    by: row.user_name,
  };
}

export async function stockView(
  deps: Pick<CoreDeps, 'db' | 'unit'>,
  limit: number,
): Promise<StockView> {
  const [onHand, low, movements] = await Promise.all([
    stockLevels(deps.db, deps.unit.unit_id),
    thresholds(deps.db),
    listStockMovements(deps.db, deps.unit.unit_id, limit),
  ]);
  return {
    levels: STOCK_ITEMS.map((item) => ({
      item,
      onHand: onHand[item],
      lowThreshold: low[item],
      isLow: onHand[item] <= low[item],
    })),
    movements: movements.map(toMovement),
  };
}

export interface Movement {
  item: StockItem;
  kind: StockMovementKind;
  delta: number;
  note: string | null;
  printRunId: string | null;
  /** Where: an outreach event's own stock, or the office (absent or null). */
  eventId?: string | null;
  /** The pair of rows of one transfer between the office and an event share it. */
  transferId?: string | null;
}

/** Writes one movement with its audit and outbox entries; call inside the change's transaction. */
export async function recordMovement(
  deps: CoreDeps,
  trx: Kysely<Database>,
  officer: Officer,
  movement: Movement,
): Promise<string> {
  const id = deps.ports.ids.uuid();
  const at = deps.ports.clock.now().toISOString();
  const by = officerName(officer);
  await insertStockMovement(trx, {
    id,
    unit_id: deps.unit.unit_id,
    item: movement.item,
    kind: movement.kind,
    delta: movement.delta,
    note: movement.note,
    print_run_id: movement.printRunId,
    at,
    user_id: officer.userId ?? null,
    user_name: by,
    event_id: movement.eventId ?? null,
    transfer_id: movement.transferId ?? null,
  });
  await recordAudit(deps, trx, officer, `stock.${movement.kind}`, { movementId: id, ...movement });
  await enqueue(trx, {
    id: deps.ports.ids.uuid(),
    aggregate: 'stock',
    aggregateId: id,
    op: 'upsert',
    at,
    payload: { unitId: deps.unit.unit_id, ...movement, at, by },
  });
  return id;
}
