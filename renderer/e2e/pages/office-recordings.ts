import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** The back-office KTP-el recordings screens (renderer/src/office/features/recordings). */
export class OfficeRecordingsPage {
  constructor(
    readonly page: Page,
    /** Where CSV files to upload are written. */
    readonly folder: string,
  ) {}

  /** Opens the list from the nav and waits for its first answer. */
  async open(): Promise<void> {
    await this.page.getByTestId('office-nav-recordings').click();
    await this.settled();
  }

  async settled(): Promise<void> {
    await this.page
      .locator('[data-testid="recordings-screen"][aria-busy="false"]')
      .locator('[data-testid="recordings-table"], [data-testid="recordings-empty"]')
      .first()
      .waitFor();
  }

  /** Shows one status tab ('' = all) and waits. */
  async tab(
    status: '' | 'terkirim' | 'prr' | 'duplicate' | 'dicetak' | 'diserahkan',
  ): Promise<void> {
    await this.page.getByTestId(`recordings-tab-${status || 'all'}`).click();
    await this.settled();
  }

  row(recordingId: string): Locator {
    return this.page.locator(`[data-testid="recordings-row"][data-id="${recordingId}"]`);
  }

  async shownIds(): Promise<string[]> {
    return this.page
      .locator('[data-testid="recordings-row"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id') ?? ''));
  }

  async tick(recordingId: string): Promise<void> {
    await this.row(recordingId).getByTestId('recordings-tick').check();
  }

  /** Marks the ticked rows through the dialog; gives the success line. */
  async markTicked(status: 'prr' | 'duplicate', note = ''): Promise<string> {
    await this.page.getByTestId(`recordings-mark-${status}`).click();
    const dialog = this.page.getByTestId('recordings-mark-dialog');
    await dialog.waitFor();
    if (note) await dialog.getByTestId('recordings-mark-note').fill(note);
    await dialog.getByTestId('recordings-mark-confirm').click();
    const done = this.page.getByTestId('recordings-mark-done');
    await done.waitFor();
    await this.settled();
    return done.innerText();
  }

  /** Opens the CSV screen from the nav. */
  async openCsv(): Promise<void> {
    await this.page.getByTestId('office-nav-recordings-csv').click();
    await this.page.getByTestId('recordings-csv-screen').waitFor();
  }

  /** Writes `text` to a file, chooses it, picks the outcome and checks it at the hub. */
  async checkCsv(
    fileName: string,
    text: string | Buffer,
    status: 'prr' | 'duplicate' = 'prr',
  ): Promise<{ summary: string; problems: { line: number; text: string }[]; goodLines: number[] }> {
    const path = join(this.folder, fileName);
    writeFileSync(path, text);
    await this.page.getByTestId('recordings-csv-file').setInputFiles(path);
    await this.page.getByTestId('recordings-csv-chosen').filter({ hasText: fileName }).waitFor();
    await this.page.getByTestId(`recordings-csv-status-${status}`).check();
    const check = this.page.getByTestId('recordings-csv-check');
    await this.page.locator('[data-testid="recordings-csv-check"]:not([disabled])').waitFor();
    await check.click();
    await this.page
      .getByTestId('recordings-csv-summary')
      .or(this.page.getByTestId('recordings-csv-error'))
      .first()
      .waitFor();
    const summary = this.page.getByTestId('recordings-csv-summary');
    return {
      summary: (await summary.count()) > 0 ? await summary.innerText() : '',
      problems: await this.page
        .locator('[data-testid="recordings-csv-problem"]')
        .evaluateAll((items) =>
          items.map((i) => ({
            line: Number(i.getAttribute('data-line')),
            text: i.querySelector('strong')?.textContent ?? '',
          })),
        ),
      goodLines: await this.page
        .locator('[data-testid="recordings-csv-good-row"]')
        .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-line')))),
    };
  }

  /** The file-level refusal (not CSV, too large...) as shown. */
  async csvError(): Promise<string> {
    const error = this.page.getByTestId('recordings-csv-error');
    await error.waitFor();
    return error.innerText();
  }

  /** Opens the confirm dialog of the checked file. */
  async startApply(): Promise<Locator> {
    await this.page.getByTestId('recordings-csv-apply').click();
    const dialog = this.page.getByTestId('recordings-csv-confirm');
    await dialog.waitFor();
    return dialog;
  }

  /** Whether the dialog's Apply button can be pressed now. */
  async canConfirm(): Promise<boolean> {
    return this.page.getByTestId('recordings-csv-apply-confirm').isEnabled();
  }

  async acceptProblems(): Promise<void> {
    await this.page.getByTestId('recordings-csv-accept-problems').check();
  }

  /** Applies and gives the result line. */
  async confirmApply(): Promise<string> {
    await this.page.getByTestId('recordings-csv-apply-confirm').click();
    const applied = this.page.getByTestId('recordings-csv-applied');
    await applied.waitFor();
    return applied.innerText();
  }
}
