import type { Locator, Page } from 'playwright-core';
import { accessibilityProblems, smallTargets } from './a11y';

export interface ResultRow {
  ref: string;
  matchedBy: string;
  text: string;
}

/** The officer's registry screens: search, resident detail, family card, import, about. */
export class RegistryPage {
  constructor(readonly page: Page) {}

  async openSearch(): Promise<void> {
    await this.page.getByTestId('nav-search').click();
    await this.page.getByTestId('registry-search').waitFor();
  }

  /** Types like an officer (key by key, so the debounce is exercised); returns the end state. */
  async search(query: string): Promise<string> {
    const input = this.page.getByTestId('registry-query');
    await input.fill('');
    await input.pressSequentially(query, { delay: 20 });
    return this.waitForOutcome(query);
  }

  /**
   * Waits until the screen shows the outcome of exactly this query (the debounce and stale
   * answers mean an older outcome may be on screen for a while).
   */
  async waitForOutcome(query: string): Promise<string> {
    // A JSON string literal is a valid CSS attribute value for any text an officer types.
    const screen = this.page.locator(
      `[data-testid="registry-search"][data-shown-query=${JSON.stringify(query)}]` +
        ':not([data-state="loading"])',
    );
    await screen.waitFor();
    return (await screen.getAttribute('data-state')) ?? '';
  }

  /** After a filter change: waits for the answer whose arguments contain all the fragments. */
  async waitForArgs(fragments: string[]): Promise<string> {
    const parts = fragments.map((f) => `[data-shown-args*=${JSON.stringify(f)}]`).join('');
    const screen = this.page.locator(
      `[data-testid="registry-search"]${parts}:not([data-state="loading"])`,
    );
    await screen.waitFor();
    return (await screen.getAttribute('data-state')) ?? '';
  }

  async results(): Promise<ResultRow[]> {
    const rows = this.page.getByTestId('registry-result');
    const count = await rows.count();
    const out: ResultRow[] = [];
    for (let i = 0; i < count; i += 1) {
      const row = rows.nth(i);
      out.push({
        ref: (await row.getAttribute('data-ref')) ?? '',
        matchedBy: (await row.getAttribute('data-matched-by')) ?? '',
        text: await row.innerText(),
      });
    }
    return out;
  }

  /** Opens the first training resident of the demo kecamatan (the demo data is generated). */
  async openSeededResident(): Promise<void> {
    await this.openSearch();
    await this.search('160205');
    const first = (await this.results())[0];
    if (!first) throw new Error('no seeded resident');
    await this.openResult(first.ref);
  }

  async emptyText(): Promise<string> {
    return this.page.getByTestId('registry-empty').innerText();
  }

  async openResult(ref: string): Promise<void> {
    await this.page.locator(`[data-testid="registry-result"][data-ref="${ref}"]`).click();
    await this.page.locator('[data-testid="resident-detail"] dd[data-field="nik"]').waitFor();
  }

  /** The detail screen as label → value, in screen order. */
  async detailFields(): Promise<Record<string, string>> {
    const detail = this.page.getByTestId('resident-detail');
    await detail.locator('dd[data-field="nik"]').waitFor();
    const labels = await detail.locator('dl.facts dt').allInnerTexts();
    const values = await detail.locator('dl.facts dd').allInnerTexts();
    return Object.fromEntries(labels.map((label, i) => [label.trim(), (values[i] ?? '').trim()]));
  }

  async openFamilyFromDetail(): Promise<void> {
    await this.page.getByTestId('resident-open-family').click();
    await this.familyRows();
  }

  async back(screen: 'resident' | 'family'): Promise<void> {
    await this.page.getByTestId(`${screen}-back`).click();
  }

  family(): Locator {
    return this.page.getByTestId('family-card');
  }

  /** Both KK tables: header cells and rows (cell texts), after the rows have loaded. */
  async familyRows(): Promise<{
    head1: string[];
    rows1: string[][];
    head2: string[];
    rows2: string[][];
  }> {
    await this.page.getByTestId('kk-row-1').first().waitFor();
    const table = async (n: 1 | 2) => {
      const t = this.page.getByTestId(`kk-table-${n}`);
      const head = (await t.locator('thead th').allInnerTexts()).map((s) => s.trim());
      const rows: string[][] = [];
      const trs = t.locator('tbody tr');
      for (let i = 0; i < (await trs.count()); i += 1) {
        rows.push((await trs.nth(i).locator('td').allInnerTexts()).map((s) => s.trim()));
      }
      return { head, rows };
    };
    const one = await table(1);
    const two = await table(2);
    return { head1: one.head, rows1: one.rows, head2: two.head, rows2: two.rows };
  }

  /** The KK header as label → value. */
  async familyHeader(): Promise<Record<string, string>> {
    const header = this.page.getByTestId('kk-header');
    await header.locator('dd').first().waitFor();
    const labels = await header.locator('dt').allInnerTexts();
    const values = await header.locator('dd').allInnerTexts();
    return Object.fromEntries(
      labels.map((label, i) => [label.replace(/\s*:\s*$/, '').trim(), (values[i] ?? '').trim()]),
    );
  }

  async openImport(): Promise<void> {
    await this.page.getByTestId('nav-import').click();
    await this.page.getByTestId('import-screen').waitFor();
    await this.page
      .getByTestId('import-row')
      .first()
      .or(this.page.getByTestId('import-history-empty'))
      .waitFor();
  }

  /** Chooses the file through the file input and starts; resolves when the run has ended. */
  async importFile(name: string, content: string): Promise<Locator> {
    await this.page
      .getByTestId('import-file')
      .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') });
    await this.page.getByTestId('import-submit').click();
    const run = this.page.getByTestId('import-run');
    await run.waitFor();
    await this.page.locator('[data-testid="import-run"][data-phase="ended"]').waitFor({
      timeout: 60_000,
    });
    return run;
  }

  async progressValues(): Promise<{ now: number; max: number; percent: string }> {
    const bar = this.page.getByTestId('import-progress').getByRole('progressbar');
    return {
      now: Number(await bar.getAttribute('aria-valuenow')),
      max: Number(await bar.getAttribute('aria-valuemax')),
      percent: (await this.page.getByTestId('import-progress').getAttribute('data-percent')) ?? '',
    };
  }

  async rejectRows(): Promise<{ line: string; code: string; text: string }[]> {
    await this.page.getByTestId('reject-row').first().waitFor();
    const rows = this.page.getByTestId('reject-row');
    const out = [];
    for (let i = 0; i < (await rows.count()); i += 1) {
      const row = rows.nth(i);
      out.push({
        line: (await row.getAttribute('data-line')) ?? '',
        code: (await row.getAttribute('data-code')) ?? '',
        text: await row.innerText(),
      });
    }
    return out;
  }

  async historyRows(): Promise<Record<string, string>[]> {
    await this.page.getByTestId('import-row').first().waitFor();
    const rows = this.page.getByTestId('import-row');
    const out: Record<string, string>[] = [];
    for (let i = 0; i < (await rows.count()); i += 1) {
      const row = rows.nth(i);
      const cell = async (col: string) =>
        (await row.locator(`[data-col="${col}"]`).innerText()).trim();
      out.push({
        id: (await row.getAttribute('data-id')) ?? '',
        status: (await row.getAttribute('data-status')) ?? '',
        read: await cell('read'),
        accepted: await cell('accepted'),
        changed: await cell('changed'),
        rejected: await cell('rejected'),
        text: await row.innerText(),
      });
    }
    return out;
  }

  async openAbout(): Promise<string> {
    await this.page.getByTestId('nav-about').click();
    const attribution = this.page.getByTestId('about-attribution');
    await attribution.waitFor();
    return attribution.innerText();
  }

  /** Serious and critical axe-core findings on the current screen. */
  accessibilityProblems(): Promise<string[]> {
    return accessibilityProblems(this.page);
  }

  /** Visible controls in the screen area smaller than the 48 px touch target. */
  smallTargets(): Promise<string[]> {
    return smallTargets(this.page);
  }
}
