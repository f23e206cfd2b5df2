import type { Locator, Page } from 'playwright-core';
import { OfficeShellPage } from './office-shell';

/**
 * The decision panel on the back-office application page and the admin's numbering screen
 * (renderer/src/office/features/decision). Test ids: decision-panel (data-status), decision-line
 * (data-code, data-state) with decision-line-sesuai|kurang|tidak-sesuai, decision-line-note and
 * decision-line-save; the verifikator's proposal form (decision-propose-issue|reject radios,
 * decision-propose-kind, decision-propose-note, decision-propose-submit); decision-issue (opens
 * decision-issue-form: decision-issue-kind, decision-issue-date, decision-issue-number,
 * decision-issue-pdf, decision-issue-submit); decision-reject and decision-return (ReasonDialogs
 * decision-reject-dialog and decision-return-dialog); decision-proposal, decision-outcome
 * (data-number); refusals in decision-error. Every step waits for what the page announces.
 * renderer/e2e/pages/office-flow-decision.ts drives the same ids for the issue-15 flow.
 */
export class OfficeDecisionPage {
  readonly shell: OfficeShellPage;

  constructor(readonly page: Page) {
    this.shell = new OfficeShellPage(page);
  }

  panel(): Locator {
    return this.page.getByTestId('decision-panel');
  }

  /** The office status the panel shows (baru, diusulkan, selesai, ditolak, dikembalikan). */
  async status(): Promise<string> {
    await this.panel().waitFor();
    return (await this.panel().getAttribute('data-status')) ?? '';
  }

  /** A refusal the panel shows, or null. */
  async error(): Promise<string | null> {
    const error = this.page.getByTestId('decision-error');
    return (await error.count()) > 0 ? (await error.innerText()).trim() : null;
  }

  line(code: string): Locator {
    return this.page.locator(`[data-testid="decision-line"][data-code="${code}"]`);
  }

  /** Marks one requirement line; kurang and tidak-sesuai with their note. */
  async mark(code: string, state: 'sesuai' | 'kurang' | 'tidak-sesuai', note = ''): Promise<void> {
    await this.line(code).getByTestId(`decision-line-${state}`).click();
    if (state !== 'sesuai') {
      await this.page.getByTestId('decision-line-note').fill(note);
      await this.page.getByTestId('decision-line-save').click();
    }
    await this.waitFor(`[data-testid="decision-line"][data-code="${code}"][data-state="${state}"]`);
  }

  /** The verifikator's proposal; waits until the panel says diusulkan (or shows a refusal). */
  async propose(
    proposal: 'issue' | 'reject',
    options: { kind?: string; note?: string } = {},
  ): Promise<void> {
    await this.page.getByTestId(`decision-propose-${proposal}`).check();
    if (options.kind)
      await this.page.getByTestId('decision-propose-kind').selectOption(options.kind);
    if (options.note) await this.page.getByTestId('decision-propose-note').fill(options.note);
    await this.page.getByTestId('decision-propose-submit').click();
    await this.settled('diusulkan');
  }

  /** Opens the penandatangan's issue form (its number is pre-filled once suggested). */
  async openIssue(): Promise<Locator> {
    await this.page.getByTestId('decision-issue').click();
    const form = this.page.getByTestId('decision-issue-form');
    await form.waitFor();
    await this.page.waitForFunction(
      `(document.querySelector('[data-testid="decision-issue-number"]')?.value ?? '') !== ''`,
    );
    return form;
  }

  /** Issues with the suggested (or a given) number and an optional SIAK PDF; returns the number. */
  async issue(
    options: { number?: string; pdf?: { name: string; bytes: Buffer } } = {},
  ): Promise<string> {
    const form = await this.openIssue();
    const number = form.getByTestId('decision-issue-number');
    if (options.number) await number.fill(options.number);
    const documentNumber = (await number.inputValue()).trim();
    if (options.pdf) {
      await form.getByTestId('decision-issue-pdf').setInputFiles({
        name: options.pdf.name,
        mimeType: 'application/pdf',
        buffer: options.pdf.bytes,
      });
      await form.getByTestId('decision-issue-pdf-chosen').getByText(options.pdf.name).waitFor();
    }
    await form.getByTestId('decision-issue-submit').click();
    await this.settled('selesai');
    return documentNumber;
  }

  async reject(reason: string): Promise<void> {
    await this.withReason('decision-reject', reason);
    await this.settled('ditolak');
  }

  async returnToStation(note: string): Promise<void> {
    await this.withReason('decision-return', note);
    await this.settled('dikembalikan');
  }

  /** The document number of the outcome shown ('' when none). */
  async outcomeNumber(): Promise<string> {
    return (await this.page.getByTestId('decision-outcome').getAttribute('data-number')) ?? '';
  }

  // ---- numbering (admin) -------------------------------------------------------------------

  async openNumbering(): Promise<void> {
    await this.shell.open('numbering');
    await this.page.getByTestId('numbering-row').first().waitFor();
  }

  /** Sets a kind's numbering; returns the example the screen shows afterwards. */
  async setNumbering(
    kind: string,
    rule: { pattern: string; width: number; reset: 'daily' | 'yearly' | 'never' },
  ): Promise<string> {
    const row = this.page.locator(`[data-testid="numbering-row"][data-kind="${kind}"]`);
    await row.getByTestId('numbering-edit').click();
    await this.page.getByTestId('numbering-pattern').fill(rule.pattern);
    await this.page.getByTestId('numbering-width').fill(String(rule.width));
    await this.page.getByTestId('numbering-reset').selectOption(rule.reset);
    await this.page.getByTestId('numbering-save').click();
    // Saved: the form closes; refused: it stays with its error.
    await this.page.waitForFunction(
      `!document.querySelector('[data-testid="numbering-form"]') || !!document.querySelector('[data-testid="numbering-error"]')`,
    );
    return (await row.getByTestId('numbering-example').innerText()).trim();
  }

  /** Waits for the panel in `status`, or throws with the refusal it shows. */
  private async settled(status: string): Promise<void> {
    await this.waitFor(
      `[data-testid="decision-panel"][data-status="${status}"], [data-testid="decision-error"]`,
    );
    const refused = await this.error();
    if (refused) throw new Error(`the hub refused: ${refused}`);
  }

  private async waitFor(selector: string): Promise<void> {
    await this.page.locator(selector).first().waitFor();
  }

  private async withReason(testid: string, text: string): Promise<void> {
    await this.page.getByTestId(testid).click();
    const dialog = this.page.getByTestId(`${testid}-dialog`);
    await dialog.waitFor();
    await dialog.getByTestId(`${testid}-dialog-text`).fill(text);
    await dialog.getByTestId(`${testid}-dialog-confirm`).click();
  }
}
