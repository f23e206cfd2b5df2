import { z } from 'zod';
import { failWith, ok, roleAtLeast, type Result, type StockMoveArgs } from '../../contract';
import { putSetting } from '../../../db/queries/settings';
import { STOCK_ITEMS, stockLevels, stockPlace } from '../../../db/queries/stock';
import type { App } from '../../transport/dispatcher';
import { recordAudit } from '../audit/record';
import type { CoreDeps } from '../deps';
import { recordMovement, stockView, thresholdKey } from './stock';
import type { Officer } from '../common/officer';

export const STOCK_NOTE = { min: 3, max: 200 } as const;
export const MAX_COUNT = 10_000;

const item = z.enum(STOCK_ITEMS);

/** stock-get, stock-move, stock-threshold-set (docs/ktp-recording.md, "Blanks stock"). */
export function registerStock(app: App, deps: CoreDeps): void {
  app.method('stock-get', {
    role: 'operator',
    args: z.strictObject({ limit: z.number().int().min(1).max(200) }),
    run: async (args) => ok(await stockView(deps, args.limit)),
  });

  app.method('stock-move', {
    role: 'operator',
    args: z.strictObject({
      item,
      kind: z.enum(['received', 'spoiled', 'adjusted']),
      count: z.number().int(),
      note: z.string().max(1000),
    }),
    run: async (args, ctx) => {
      const moved = await move(deps, ctx.session, args);
      return moved.ok ? ok(await stockView(deps, 50)) : moved;
    },
  });

  app.method('stock-threshold-set', {
    role: 'supervisor',
    args: z.strictObject({ item, lowThreshold: z.number().int().min(0).max(MAX_COUNT) }),
    run: async (args, ctx) => {
      const at = deps.ports.clock.now().toISOString();
      await deps.db.transaction().execute(async (trx) => {
        await putSetting(trx, thresholdKey(args.item), args.lowThreshold, at);
        await recordAudit(deps, trx, ctx.session, 'stock.threshold-set', { ...args });
      });
      return ok(await stockView(deps, 50));
    },
  });
}

/**
 * Received and spoiled by any officer, adjusted (a stock-take correction) only by a supervisor.
 * The level is read in the transaction that writes, so no level goes below zero by a move.
 */
async function move(deps: CoreDeps, officer: Officer, args: StockMoveArgs): Promise<Result<null>> {
  if (args.kind === 'adjusted' && !roleAtLeast(officer.role, 'supervisor'))
    return failWith('FORBIDDEN', 'SUPERVISOR_ONLY', 'Only a supervisor adjusts the stock');
  const isAdjust = args.kind === 'adjusted';
  if (
    isAdjust
      ? args.count === 0 || Math.abs(args.count) > MAX_COUNT
      : args.count < 1 || args.count > MAX_COUNT
  )
    return failWith(
      'INVALID_ARGS',
      'BAD_COUNT',
      isAdjust ? `A non-zero correction of at most ${MAX_COUNT}` : `1 to ${MAX_COUNT}`,
      ['count'],
    );
  const note = args.note.trim();
  if (note.length < STOCK_NOTE.min || note.length > STOCK_NOTE.max)
    return failWith(
      'INVALID_ARGS',
      'BAD_NOTE',
      `A note of ${STOCK_NOTE.min} to ${STOCK_NOTE.max} characters`,
      ['note'],
    );
  const delta =
    args.kind === 'received' ? args.count : args.kind === 'spoiled' ? -args.count : args.count;
  return deps.db.transaction().execute(async (trx) => {
    // Spoiled while an outreach event runs: a blank carried to it (docs/outreach.md, "Stock").
    // Received and adjusted are the office's.
    const place = args.kind === 'spoiled' ? await stockPlace(trx, deps.unit.unit_id) : null;
    const onHand = (await stockLevels(trx, deps.unit.unit_id, place))[args.item];
    if (onHand + delta < 0)
      return failWith(
        'CONFLICT',
        'STOCK_BELOW_ZERO',
        `${args.item}: ${onHand} on hand, ${-delta} would take it below zero`,
        ['count'],
      );
    await recordMovement(deps, trx, officer, {
      item: args.item,
      kind: args.kind,
      delta,
      note,
      printRunId: null,
      eventId: place,
    });
    return ok(null);
  });
}
