import { readFileSync } from 'node:fs';
import type { Download, Locator, Page } from 'playwright-core';

export type ReportPeriod = 'day' | 'week' | 'month';
export type ReportFigure = 'received' | 'issued' | 'median' | 'p90' | 'same-day';

/** The back-office reports screen (renderer/src/office/features/reports). */
export class OfficeReportsPage {
  constructor(readonly page: Page) {}

  get screen(): Locator {
    return this.page.getByTestId('office-reports-screen');
  }

  /** Opens it from the nav and waits for the first figures. */
  async open(): Promise<void> {
    await this.page.getByTestId('office-nav-reports').click();
    await this.settled();
  }

  /** Waits until the figures on screen answer the current choice (nothing loading). */
  async settled(): Promise<void> {
    const period = await this.period();
    const from = await this.page.getByTestId('office-reports-from').inputValue();
    const to = await this.page.getByTestId('office-reports-to').inputValue();
    await this.page
      .locator(
        `[data-testid="office-reports-screen"][aria-busy="false"][data-shown="${period}:${from}:${to}"]`,
      )
      .or(this.page.getByTestId('office-reports-error'))
      .first()
      .waitFor();
  }

  async period(): Promise<ReportPeriod> {
    const checked = this.page.locator('[data-testid^="office-reports-period-"]:checked');
    const id = (await checked.getAttribute('data-testid')) ?? '';
    return id.replace('office-reports-period-', '') as ReportPeriod;
  }

  /** Picks day, week or month (its range starts from the period's default) and waits. */
  async choosePeriod(period: ReportPeriod): Promise<void> {
    await this.page.getByTestId(`office-reports-period-${period}`).check();
    await this.page.locator(`[data-testid="office-reports-period-${period}"]:checked`).waitFor();
    await this.settled();
  }

  /** Sets the range (YYYY-MM-DD, Jakarta days) and waits for its figures. */
  async setRange(from: string, to: string): Promise<void> {
    await this.page.getByTestId('office-reports-from').fill(from);
    await this.page.getByTestId('office-reports-to').fill(to);
    await this.settled();
  }

  /** A headline figure as shown ('8', '14 jam', '25%'). */
  async figure(name: ReportFigure): Promise<string> {
    return (
      (await this.page.getByTestId(`office-reports-figure-${name}`).getAttribute('data-value')) ??
      ''
    );
  }

  /** The bars of a chart (`received-chart`, `issued-chart`, `by-service`, `recordings`...). */
  async bars(chart: string): Promise<{ key: string; value: number; series: string | null }[]> {
    return this.page
      .getByTestId(`office-reports-${chart}-svg`)
      .locator('rect.bar')
      .evaluateAll((nodes) =>
        nodes.map((n) => ({
          key: n.getAttribute('data-key') ?? n.getAttribute('data-category') ?? '',
          value: Number(n.getAttribute('data-value')),
          series: n.getAttribute('data-series'),
        })),
      );
  }

  /** The reasons listed for returns or rejections, with their counts. */
  async reasons(which: 'returned' | 'rejected'): Promise<{ reason: string; count: number }[]> {
    return this.page.locator(`[data-testid="office-reports-${which}-row"]`).evaluateAll((rows) =>
      rows.map((r) => ({
        reason: r.querySelector('td')?.textContent?.trim() ?? '',
        count: Number(r.getAttribute('data-count')),
      })),
    );
  }

  /** Clicks "Unduh CSV" and gives the saved file's name and text (BOM included). */
  async downloadCsv(): Promise<{ fileName: string; text: string }> {
    const download = await this.#download('office-reports-csv');
    return {
      fileName: download.suggestedFilename(),
      text: readFileSync(await savedPath(download), 'utf8'),
    };
  }

  /** Clicks "Unduh PDF (A4)" and gives the saved file's name and path. */
  async downloadPdf(): Promise<{ fileName: string; path: string }> {
    const download = await this.#download('office-reports-pdf');
    return { fileName: download.suggestedFilename(), path: await savedPath(download) };
  }

  async #download(testid: string): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByTestId(testid).click(),
    ]);
    return download;
  }
}

async function savedPath(download: Download): Promise<string> {
  const path = await download.path();
  if (!path) throw new Error(`download ${download.suggestedFilename()} failed`);
  return path;
}
