import type { Download, Page } from 'playwright-core';

/**
 * The leader's live board and the event report (issue 16 items 5 and 6;
 * features/outreach-board): figures refreshed by pushes, the report's SVG charts, its A4 PDF and
 * the leader's confirmation.
 */
export class OutreachBoardPage {
  constructor(readonly page: Page) {}

  async openBoard(): Promise<void> {
    await this.page.getByTestId('nav-outreach-board').click();
    await this.page.getByTestId('board-updated').waitFor();
  }

  /** Waits until the board shows `value` for `name` (waiting, serving, served). */
  async waitFigure(name: string, value: number): Promise<void> {
    await this.page.locator(`[data-testid="board-${name}"][data-value="${value}"]`).waitFor();
  }

  async openReport(): Promise<void> {
    await this.page.getByTestId('nav-outreach-report').click();
    await this.page.getByTestId('report-chart-services-svg').waitFor();
  }

  /** A key figure of the report as shown (report-visitors, report-served, report-asked ...). */
  async reportFigure(name: string): Promise<number> {
    const text = await this.page.getByTestId(`report-${name}`).getAttribute('data-value');
    return Number((text ?? '').replace(/\./g, ''));
  }

  /** The charts on screen: inline SVGs and their bars (rects with a value above 0). */
  async charts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const id of ['report-chart-services', 'report-chart-sex', 'report-chart-age']) {
      out[id] = await this.page
        .getByTestId(`${id}-svg`)
        .locator('rect[data-value]')
        .evaluateAll((bars) => bars.filter((b) => Number(b.getAttribute('data-value')) > 0).length);
    }
    return out;
  }

  /** Makes the report's A4 PDF and downloads it as the leader does; returns the file. */
  async downloadPdf(): Promise<string> {
    await this.page.getByTestId('report-pdf').click();
    const link = this.page.getByTestId('report-pdf-download');
    await link.waitFor();
    const [download]: [Download, void] = await Promise.all([
      this.page.waitForEvent('download'),
      link.click(),
    ]);
    const path = await download.path();
    if (!path) throw new Error(`report PDF download failed: ${await download.failure()}`);
    return path;
  }

  /** The leader confirms the report (scope: the whole event); waits for its version row. */
  async confirm(): Promise<void> {
    await this.page.getByTestId('report-confirm').click();
    await this.page.getByTestId('report-confirmed').waitFor();
    await this.page.getByTestId('report-version-event-1').waitFor();
  }
}
