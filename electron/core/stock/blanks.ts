import type { Kysely } from 'kysely';
import type { DocumentKind, StockItem } from '../../contract';
import { stockLevels, stockPlace } from '../../../db/queries/stock';
import type { Database } from '../../../db/schema';
import type { CoreDeps } from '../deps';
import { recordMovement } from './stock';
import type { Officer } from '../common/officer';

/**
 * What a print takes from the stock: a card kind uses one blank and one ribbon print per copy.
 * A4 documents and forms are plain HVS paper (domain §4.2), which is not counted.
 */
const BLANKS: Partial<Record<DocumentKind, StockItem>> = {
  'ktp-el': 'blanko-ktp-el',
  kia: 'blanko-kia',
};

export interface BlankNeed {
  item: StockItem;
  count: number;
}

export function blanksFor(kind: DocumentKind, copies: number): BlankNeed[] {
  const blank = BLANKS[kind];
  return blank
    ? [
        { item: blank, count: copies },
        { item: 'ribbon', count: copies },
      ]
    : [];
}

/**
 * The first item with fewer on hand than needed, or null when the print can go ahead. While an
 * outreach event runs, prints take from the blanks carried to it (docs/outreach.md, "Stock").
 */
export async function shortOfBlanks(
  deps: Pick<CoreDeps, 'db' | 'unit'>,
  needs: BlankNeed[],
): Promise<(BlankNeed & { onHand: number }) | null> {
  if (needs.length === 0) return null;
  const place = await stockPlace(deps.db, deps.unit.unit_id);
  const levels = await stockLevels(deps.db, deps.unit.unit_id, place);
  const short = needs.find((n) => levels[n.item] < n.count);
  return short ? { ...short, onHand: levels[short.item] } : null;
}

/**
 * The copies actually printed use their blanks: one 'used' movement per item, with the run, at
 * the running outreach event's stock while one runs, else at the office.
 */
export async function useBlanks(
  deps: CoreDeps,
  trx: Kysely<Database>,
  officer: Officer,
  needs: BlankNeed[],
  printRunId: string,
): Promise<void> {
  const place = needs.length > 0 ? await stockPlace(trx, deps.unit.unit_id) : null;
  for (const need of needs) {
    await recordMovement(deps, trx, officer, {
      item: need.item,
      kind: 'used',
      delta: -need.count,
      note: null,
      printRunId,
      eventId: place,
    });
  }
}
