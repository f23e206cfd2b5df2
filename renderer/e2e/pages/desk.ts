import type { Download, Locator, Page } from 'playwright-core';

/** The officer desk: inbox, one application, photo viewer, print dialog, print log, summary. */
export class DeskPage {
  constructor(readonly page: Page) {}

  async openInbox(): Promise<void> {
    await this.page.getByTestId('nav-inbox').click();
    await this.page.getByTestId('inbox-screen').waitFor();
  }

  /** Picks a status tab ('' = all) and waits for the list or the empty note. */
  async tab(status: string): Promise<void> {
    await this.page.getByTestId(`inbox-tab-${status || 'all'}`).click();
    await this.page
      .locator(
        `[data-testid="inbox-screen"][aria-busy="false"]:has([data-testid="inbox-tab-${status || 'all'}"][aria-pressed="true"])`,
      )
      .waitFor();
  }

  row(number: string): Locator {
    return this.page.locator(`[data-testid="inbox-row"][data-number="${number}"]`);
  }

  async openApplication(number: string): Promise<void> {
    await this.row(number).getByTestId('inbox-open').click();
    await this.page.getByTestId('application-header').waitFor();
  }

  async back(): Promise<void> {
    await this.page.getByTestId('application-back').click();
    await this.page.getByTestId('inbox-screen').waitFor();
  }

  claimBar(): Locator {
    return this.page.getByTestId('claim-bar');
  }

  async claim(): Promise<void> {
    await this.page.getByTestId('claim').click();
  }

  /** Waits for the refusal banner of the last action and returns its text. */
  async actionError(): Promise<string> {
    const banner = this.page.getByTestId('application-error');
    await banner.waitFor();
    return (await banner.innerText()).trim();
  }

  async requirementCodes(): Promise<string[]> {
    const rows = this.page.locator('[data-testid="checklist"] > li');
    await rows.first().waitFor();
    const ids = [];
    for (let i = 0; i < (await rows.count()); i += 1) {
      ids.push(
        ((await rows.nth(i).getAttribute('data-testid')) ?? '').replace(/^requirement-/, ''),
      );
    }
    return ids;
  }

  /** Marks one requirement and waits until the core has saved it. */
  async check(code: string, state: 'ok' | 'bad' | 'missing', note?: string): Promise<void> {
    await this.page.getByTestId(`check-${code}-${state}`).check();
    if (state !== 'ok') {
      await this.page.getByTestId(`check-${code}-note`).fill(note ?? '');
      await this.page.getByTestId(`check-${code}-save`).click();
    }
    await this.page.locator(`[data-testid="requirement-${code}"][data-state="${state}"]`).waitFor();
  }

  async status(): Promise<string> {
    return (await this.page.getByTestId('application-status').innerText()).trim();
  }

  async waitForStatus(status: string): Promise<void> {
    await this.page
      .locator(`[data-testid="application-screen"][data-status="${status}"]`)
      .waitFor();
  }

  viewer(): Locator {
    return this.page.getByTestId('photo-viewer');
  }

  async openPhoto(index = 0): Promise<void> {
    await this.page.getByTestId('photo-thumb').nth(index).click();
    await this.page.getByTestId('viewer-image').waitFor();
  }

  async viewerScale(): Promise<number> {
    return Number(await this.viewer().getAttribute('data-scale'));
  }

  /** The scale the image is really drawn at, read back from its computed transform matrix. */
  async drawnScale(): Promise<number> {
    return (await this.page.evaluate(`(() => {
      const img = document.querySelector('[data-testid="viewer-image"]');
      const m = new DOMMatrixReadOnly(getComputedStyle(img).transform);
      return Math.hypot(m.a, m.b);
    })()`)) as number;
  }

  /** Opens the print dialog of one document from the list on screen and waits for the preview. */
  async openPrint(kind: string): Promise<void> {
    await this.page.getByTestId(`print-open-${kind}`).click();
    await this.page.getByTestId('print-dialog').waitFor();
    await this.page.getByTestId('print-preview').waitFor();
  }

  async setCopies(copies: number): Promise<void> {
    await this.page.getByTestId('print-copies').selectOption(String(copies));
  }

  /** Presses Cetak; returns the refusal text, or null once a result is shown. */
  async print(): Promise<string | null> {
    const before = await this.page.getByTestId('print-result').count();
    await this.page.getByTestId('print-run').click();
    const outcome = this.page.locator(
      '[data-testid="print-error"], [data-testid="print-dialog"] [data-testid="print-result"]',
    );
    await outcome.first().waitFor();
    if ((await this.page.getByTestId('print-error').count()) > 0) {
      return (await this.page.getByTestId('print-error').innerText()).trim();
    }
    if (before > 0) await this.page.getByTestId('print-result').waitFor();
    return null;
  }

  /** The station server's PDF, downloaded as an officer would; returns its path. */
  async downloadPdf(): Promise<string> {
    const link = this.page.getByTestId('print-pdf');
    await link.waitFor();
    const [download]: [Download, void] = await Promise.all([
      this.page.waitForEvent('download'),
      link.click(),
    ]);
    const path = await download.path();
    if (!path) throw new Error(`PDF download failed: ${await download.failure()}`);
    return path;
  }

  async closePrint(): Promise<void> {
    await this.page.getByTestId('print-close').click();
    await this.page.getByTestId('print-dialog').waitFor({ state: 'detached' });
  }

  async openPrintLog(): Promise<void> {
    await this.page.getByTestId('nav-printLog').click();
    await this.page.getByTestId('print-log-screen').waitFor();
  }

  async printLogRows(): Promise<
    { kind: string; copy: number; isReprint: boolean; reason: string; text: string }[]
  > {
    const rows = this.page.getByTestId('print-log-row');
    await rows.first().waitFor();
    const out = [];
    for (let i = 0; i < (await rows.count()); i += 1) {
      const row = rows.nth(i);
      const reason = row.getByTestId('print-log-reason');
      out.push({
        kind: (await row.getAttribute('data-kind')) ?? '',
        copy: Number(await row.getAttribute('data-copy')),
        isReprint: (await row.getAttribute('data-reprint')) === 'true',
        reason: (await reason.count()) > 0 ? (await reason.innerText()).trim() : '',
        text: await row.innerText(),
      });
    }
    return out;
  }

  async openSummary(): Promise<void> {
    await this.page.getByTestId('nav-summary').click();
    await this.page.getByTestId('summary-table').waitFor();
  }

  /** The totals row as column → figure. */
  async summaryTotals(): Promise<Record<string, number>> {
    const cells = this.page.locator('[data-testid="summary-totals"] td[data-column]');
    const totals: Record<string, number> = {};
    for (let i = 0; i < (await cells.count()); i += 1) {
      const cell = cells.nth(i);
      totals[(await cell.getAttribute('data-column')) ?? ''] = Number(
        (await cell.innerText()).trim(),
      );
    }
    return totals;
  }
}
