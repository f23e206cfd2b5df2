import type { Download, Locator, Page } from 'playwright-core';

export interface TimelineEvent {
  status: string;
  source: string;
  text: string;
}

/** The recordings list and one recording: training district panel, print, handover. */
export class RecordsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-records').click();
    await this.settled('');
  }

  /** Waits until the list shows the answer for this tab ('' = all) and nothing is loading. */
  async settled(status: string): Promise<void> {
    await this.page
      .locator(`[data-testid="records-screen"][data-shown="${status || 'all'}"][aria-busy="false"]`)
      .waitFor();
  }

  /** Picks a status tab ('' = all) and waits for its answer. */
  async tab(status: string): Promise<void> {
    const id = `records-tab-${status || 'all'}`;
    await this.page.getByTestId(id).click();
    await this.page.locator(`[data-testid="${id}"][aria-pressed="true"]`).waitFor();
    await this.settled(status);
  }

  async tabCount(status: string): Promise<number> {
    const tab = this.page.getByTestId(`records-tab-${status || 'all'}`);
    return Number(await tab.getAttribute('data-count'));
  }

  row(id: string): Locator {
    return this.page.locator(`[data-testid="records-row"][data-id="${id}"]`);
  }

  async openRecord(id: string): Promise<void> {
    await this.row(id).getByTestId('records-open').click();
    await this.page.locator('[data-testid="record-detail"]:not([data-status=""])').waitFor();
  }

  /** Back to the list, on the tab it was left on. */
  async back(status = ''): Promise<void> {
    await this.page.getByTestId('record-back').click();
    await this.settled(status);
  }

  async status(): Promise<string> {
    return (await this.page.getByTestId('record-detail').getAttribute('data-status')) ?? '';
  }

  async waitForStatus(status: string): Promise<void> {
    await this.page.locator(`[data-testid="record-detail"][data-status="${status}"]`).waitFor();
  }

  /** The training panel plays the district; waits until the recording shows the new status. */
  async district(move: 'terkirim' | 'prr' | 'duplicate', note?: string): Promise<void> {
    if (note) await this.page.getByTestId('training-district-note').fill(note);
    await this.page.getByTestId(`training-district-${move}`).click();
    await this.waitForStatus(move);
  }

  async timeline(): Promise<TimelineEvent[]> {
    const items = this.page.getByTestId('record-event');
    await items.first().waitFor();
    const out: TimelineEvent[] = [];
    for (let i = 0; i < (await items.count()); i += 1) {
      const item = items.nth(i);
      out.push({
        status: (await item.getAttribute('data-status')) ?? '',
        source: (await item.getAttribute('data-source')) ?? '',
        text: (await item.innerText()).trim(),
      });
    }
    return out;
  }

  /** The blanks left as the print dialog shows them. */
  async blanksInDialog(): Promise<{ blanko: number; ribbon: number }> {
    const box = this.page.locator('[data-testid="print-dialog"] [data-testid="print-blanks"]');
    await box.waitFor();
    return {
      blanko: Number(await box.getAttribute('data-blanko')),
      ribbon: Number(await box.getAttribute('data-ribbon')),
    };
  }

  async waitForBlanksInDialog(blanko: number, ribbon: number): Promise<void> {
    await this.page
      .locator(
        `[data-testid="print-dialog"] [data-testid="print-blanks"][data-blanko="${blanko}"][data-ribbon="${ribbon}"]`,
      )
      .waitFor();
  }

  async fillHandover(recipient: string, relation: string, uid: string): Promise<void> {
    await this.page.getByTestId('handover-recipient').fill(recipient);
    await this.page.getByTestId(`handover-relation-${relation}`).check();
    await this.page.getByTestId('handover-uid').fill(uid);
  }

  /** Submits the handover; returns the refusal shown, or null once the card is handed over. */
  async submitHandover(): Promise<string | null> {
    await this.page.getByTestId('handover-submit').click();
    const outcome = this.page.locator(
      '[data-testid="handover-error"], [data-testid="handover-form"] [role="alert"], [data-testid="handover-done"]',
    );
    await outcome.first().waitFor();
    if ((await this.page.getByTestId('handover-done').count()) > 0) return null;
    return (await outcome.first().innerText()).trim();
  }
}

/** The blanks stock screen. */
export class StockPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-stock').click();
    await this.page.getByTestId('stock-levels').waitFor();
  }

  async level(item: string): Promise<{ onHand: number; isLow: boolean; text: string }> {
    const card = this.page.getByTestId(`stock-level-${item}`);
    await card.waitFor();
    return {
      onHand: Number(await card.getAttribute('data-on-hand')),
      isLow: (await card.getAttribute('data-low')) === 'true',
      text: (await card.innerText()).trim(),
    };
  }

  async waitForLevel(item: string, onHand: number): Promise<void> {
    await this.page
      .locator(`[data-testid="stock-level-${item}"][data-on-hand="${onHand}"]`)
      .waitFor();
  }

  /**
   * Fills and submits the movement form; returns the refusal shown (the screen's own check or
   * the core's), or null once it is saved.
   */
  async move(move: {
    item: string;
    kind: string;
    count: string;
    note: string;
  }): Promise<string | null> {
    const form = this.page.getByTestId('stock-move');
    await this.page.getByTestId('stock-move-item').selectOption(move.item);
    await this.page.getByTestId(`stock-move-kind-${move.kind}`).check();
    await this.page.getByTestId('stock-move-count').fill(move.count);
    await this.page.getByTestId('stock-move-note').fill(move.note);
    const answers = Number(await form.getAttribute('data-answers'));
    await this.page.getByTestId('stock-move-submit').click();
    const outcome = form.locator(`[role="alert"], [data-testid="stock-move-saved"]`);
    await outcome.first().waitFor();
    if ((await form.getByTestId('stock-move-saved').count()) > 0) {
      // The saved note shows only after the core answered this submit.
      await this.page
        .locator(`[data-testid="stock-move"][data-answers="${answers + 1}"]`)
        .waitFor();
      return null;
    }
    return (await outcome.first().innerText()).trim();
  }

  async movements(): Promise<{ item: string; kind: string; delta: number; text: string }[]> {
    const rows = this.page.getByTestId('stock-movement');
    await rows.first().waitFor();
    const out = [];
    for (let i = 0; i < (await rows.count()); i += 1) {
      const row = rows.nth(i);
      out.push({
        item: (await row.getAttribute('data-item')) ?? '',
        kind: (await row.getAttribute('data-kind')) ?? '',
        delta: Number(await row.getAttribute('data-delta')),
        text: (await row.innerText()).trim(),
      });
    }
    return out;
  }

  async setThreshold(item: string, value: number): Promise<string> {
    await this.page.getByTestId(`stock-threshold-${item}`).fill(String(value));
    await this.page.getByTestId(`stock-threshold-save-${item}`).click();
    const outcome = this.page.getByTestId('stock-threshold-outcome');
    await outcome.waitFor();
    return (await outcome.innerText()).trim();
  }
}

export interface HardwareLine {
  item: string;
  passed: boolean;
  label: string;
  verdict: string;
  detail: string;
}

/** The hardware check screen. */
export class HardwarePage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-hardware').click();
    await this.page.getByTestId('hardware-screen').waitFor();
  }

  async run(printTestPage: boolean): Promise<void> {
    await this.page.getByTestId('hardware-test-page').setChecked(printTestPage);
    await this.page.getByTestId('hardware-run').click();
    await this.page
      .locator('[data-testid="hardware-screen"][data-phase="done"]')
      .waitFor({ timeout: 60_000 });
  }

  async lines(): Promise<HardwareLine[]> {
    const rows = this.page.getByTestId('hardware-line');
    await rows.first().waitFor();
    const out: HardwareLine[] = [];
    for (let i = 0; i < (await rows.count()); i += 1) {
      const row = rows.nth(i);
      const cells = (await row.locator('th, td').allInnerTexts()).map((s) => s.trim());
      out.push({
        item: (await row.getAttribute('data-item')) ?? '',
        passed: (await row.getAttribute('data-passed')) === 'true',
        label: cells[0] ?? '',
        verdict: cells[1] ?? '',
        detail: cells[2] ?? '',
      });
    }
    return out;
  }
}

/** Clicks a download link and returns the downloaded file's path. */
export async function download(page: Page, testid: string): Promise<string> {
  const link = page.getByTestId(testid);
  await link.waitFor();
  const [file]: [Download, void] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const path = await file.path();
  if (!path) throw new Error(`Download failed: ${await file.failure()}`);
  return path;
}
