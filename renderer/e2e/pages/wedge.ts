import type { Page } from 'playwright-core';

/**
 * What a keyboard-wedge scanner or card reader sends: the characters and Enter as key events,
 * milliseconds apart. Dispatched in one go inside the page, so a loaded test machine cannot
 * stretch the gaps between keys the way separate keyboard calls would.
 */
export async function wedgeScan(page: Page, text: string): Promise<void> {
  await page.evaluate(
    (keys) => {
      // Runs in the page; the e2e project has no DOM types, so the two globals are named here.
      const win = globalThis as unknown as {
        dispatchEvent(event: unknown): boolean;
        KeyboardEvent: new (type: string, init: { key: string }) => unknown;
      };
      for (const key of keys) win.dispatchEvent(new win.KeyboardEvent('keydown', { key }));
    },
    [...text, 'Enter'],
  );
}
