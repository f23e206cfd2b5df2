import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';

export interface SendCounts {
  built: number;
  receipted: number;
  exported: number;
  rejected: number;
  pulled: number;
}

export interface Verdict {
  status: string;
  problem: string;
  word: string;
  explanation: string;
  number: string | null;
  kind: string | null;
  name: string | null;
  revokeReason: string | null;
}

/** The sync screen, the station enrolment screen and the document verify screen. */
export class SyncPage {
  constructor(readonly page: Page) {}

  async openSync(): Promise<void> {
    await this.page.getByTestId('nav-sync').click();
    await this.page.locator('[data-testid="sync-screen"][aria-busy="false"]').waitFor();
  }

  async openEnrolment(): Promise<void> {
    await this.page.getByTestId('nav-enrolment').click();
    await this.page.locator('[data-testid="enrolment-screen"][aria-busy="false"]').waitFor();
  }

  async openVerify(): Promise<void> {
    await this.page.getByTestId('nav-verify').click();
    await this.page.getByTestId('verify-screen').waitFor();
  }

  /** Downloads the enrolment request file from its link, as an administrator would. */
  async downloadRequest(): Promise<{ fileName: string; json: string }> {
    const link = this.page.getByTestId('enrol-download');
    await link.waitFor();
    const [download]: [Download, void] = await Promise.all([
      this.page.waitForEvent('download'),
      link.click(),
    ]);
    const path = await download.path();
    if (!path) throw new Error(`request download failed: ${await download.failure()}`);
    return { fileName: download.suggestedFilename(), json: readFileSync(path, 'utf8') };
  }

  /** Pastes an answer and applies it; returns the refusal text, or null once enrolled. */
  async pasteAnswer(json: string): Promise<string | null> {
    await this.page.getByTestId('enrol-answer-text').fill(json);
    return this.applyAnswer();
  }

  /** Chooses the answer file in the file picker and applies what it read. */
  async chooseAnswer(name: string, json: string): Promise<string | null> {
    await this.page.getByTestId('enrol-answer-file').setInputFiles({
      name,
      mimeType: 'application/json',
      buffer: Buffer.from(json, 'utf8'),
    });
    await this.page.getByTestId('enrol-answer').getByText(name).waitFor();
    return this.applyAnswer();
  }

  /** Presses "Terapkan jawaban"; returns the refusal text, or null once enrolled. */
  async applyAnswer(): Promise<string | null> {
    const form = this.page.getByTestId('enrol-answer');
    const before = Number(await form.getAttribute('data-answers'));
    await this.page.getByTestId('enrol-apply').click();
    await this.page
      .locator(
        `[data-testid="enrol-done"], [data-testid="enrol-answer"][data-answers="${before + 1}"]`,
      )
      .first()
      .waitFor();
    if ((await this.page.getByTestId('enrol-error').count()) > 0)
      return (await this.page.getByTestId('enrol-error').innerText()).trim();
    await this.page.getByTestId('enrol-done').waitFor();
    return null;
  }

  /** Types sync settings and saves; returns the field problems shown (none: saved). */
  async saveSettings(values: Record<string, string>): Promise<Record<string, string>> {
    const form = this.page.getByTestId('sync-settings');
    for (const [field, value] of Object.entries(values))
      await this.page.getByTestId(`sync-setting-${field}`).fill(value);
    const before = Number(await form.getAttribute('data-answers'));
    await this.page.getByTestId('sync-settings-save').click();
    await this.page
      .locator(`[data-testid="sync-settings"][data-answers="${before + 1}"]`)
      .waitFor();
    const found: Record<string, string> = {};
    for (const item of await form.locator('p[data-testid^="sync-setting-"]').all()) {
      const testid = (await item.getAttribute('data-testid')) ?? '';
      found[testid.replace(/^sync-setting-/, '').replace(/-problem$/, '')] = (
        await item.innerText()
      ).trim();
    }
    return found;
  }

  async pendingRecords(): Promise<number> {
    return Number(await this.page.getByTestId('sync-pending-records').getAttribute('data-value'));
  }

  /** "Kirim sekarang": waits for the result and returns its counts (throws on a refusal). */
  async sendNow(): Promise<SendCounts> {
    await this.page.locator('[data-testid="sync-send"]:not([disabled])').click();
    await this.page
      .locator(
        '[data-testid="sync-send-panel"][data-state="idle"] :is([data-testid="sync-send-result"], [data-testid="sync-send-error"])',
      )
      .first()
      .waitFor({ timeout: 60_000 });
    if ((await this.page.getByTestId('sync-send-error').count()) > 0)
      throw new Error(
        `send refused: ${await this.page.getByTestId('sync-send-error').innerText()}`,
      );
    const counts = this.page.getByTestId('sync-send-counts');
    const read = async (name: string) => Number(await counts.getAttribute(`data-${name}`));
    return {
      built: await read('built'),
      receipted: await read('receipted'),
      exported: await read('exported'),
      rejected: await read('rejected'),
      pulled: await read('pulled'),
    };
  }

  async typeDrivePath(path: string): Promise<void> {
    await this.page.getByTestId('sync-usb-path').fill(path);
  }

  /** Copies pending packets to the typed folder; returns the result banner's counts. */
  async usbExport(): Promise<{ built: number; written: number; text: string }> {
    await this.page.getByTestId('sync-usb-export').click();
    const outcome = this.page.locator(
      '[data-testid="sync-usb-exported"], [data-testid="sync-usb-error"]',
    );
    await outcome.first().waitFor({ timeout: 60_000 });
    if ((await this.page.getByTestId('sync-usb-error').count()) > 0)
      throw new Error(
        `export refused: ${await this.page.getByTestId('sync-usb-error').innerText()}`,
      );
    const banner = this.page.locator('[data-testid="sync-usb-exported"] [data-written]');
    return {
      built: Number(await banner.getAttribute('data-built')),
      written: Number(await banner.getAttribute('data-written')),
      text: (await banner.innerText()).trim(),
    };
  }

  /** Reads receipts from the typed folder; returns the counts and the refused files named. */
  async usbImport(): Promise<{ receipts: number; exported: number; refused: string[] }> {
    await this.page.getByTestId('sync-usb-import').click();
    await this.page
      .locator('[data-testid="sync-usb-imported"], [data-testid="sync-usb-error"]')
      .first()
      .waitFor({ timeout: 60_000 });
    if ((await this.page.getByTestId('sync-usb-error').count()) > 0)
      throw new Error(
        `import refused: ${await this.page.getByTestId('sync-usb-error').innerText()}`,
      );
    const banner = this.page.locator('[data-testid="sync-usb-imported"] [data-receipts]');
    return {
      receipts: Number(await banner.getAttribute('data-receipts')),
      exported: Number(await banner.getAttribute('data-exported')),
      refused: await this.page.locator('[data-testid="sync-usb-refused"] li').allInnerTexts(),
    };
  }

  /** Pastes a QR text into the verify screen and reads the verdict shown. */
  async verify(text: string): Promise<Verdict> {
    if ((await this.page.getByTestId('verify-again').count()) > 0)
      await this.page.getByTestId('verify-again').click();
    await this.page.getByTestId('verify-text').fill(text);
    await this.page.getByTestId('verify-check').click();
    const result = this.page.getByTestId('verify-result');
    await result.waitFor();
    const optional = async (testid: string) =>
      (await this.page.getByTestId(testid).count()) > 0
        ? (await this.page.getByTestId(testid).innerText()).trim()
        : null;
    return {
      status: (await result.getAttribute('data-status')) ?? '',
      problem: (await result.getAttribute('data-problem')) ?? '',
      word: (await this.page.getByTestId('verify-word').innerText()).trim(),
      explanation: (await this.page.getByTestId('verify-explanation').innerText()).trim(),
      number: await optional('verify-number'),
      kind: await optional('verify-kind'),
      name: await optional('verify-name'),
      revokeReason: await optional('verify-revoke-reason'),
    };
  }
}
