import type { StockItem, StockMoveArgs, StockView } from '../../../../electron/contract';
import { sendCatch } from '../../lib/connection/connection.svelte';
import { failureText } from '../../lib/i18n/reasons';

/** How many recent movements the stock screen lists. */
export const MOVEMENTS_SHOWN = 50;

/** The unit's blanks stock: levels, recent movements, and the officer's changes to them. */
export class Stock {
  view = $state<StockView | null>(null);
  error = $state<string | null>(null);
  isBusy = $state(false);

  onHand(item: StockItem): number {
    return this.view?.levels.find((l) => l.item === item)?.onHand ?? 0;
  }

  async load(): Promise<void> {
    const answer = await sendCatch('stock-get', { limit: MOVEMENTS_SHOWN });
    if (answer.ok) {
      this.view = answer.value;
      this.error = null;
    } else this.error = answer.message;
  }

  /** Null when saved, else the sentence saying why not. */
  move(args: StockMoveArgs): Promise<string | null> {
    return this.#change(() => sendCatch('stock-move', args));
  }

  threshold(item: StockItem, lowThreshold: number): Promise<string | null> {
    return this.#change(() => sendCatch('stock-threshold-set', { item, lowThreshold }));
  }

  async #change(call: () => ReturnType<typeof sendCatch<'stock-move'>>): Promise<string | null> {
    this.isBusy = true;
    const answer = await call();
    this.isBusy = false;
    if (!answer.ok) return failureText(answer);
    this.view = answer.value;
    return null;
  }
}
