import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

/**
 * The back-office stations screens (renderer/src/office/features/stations): the station list,
 * enrolment from a request file, key revocation and the issued documents.
 */
export class OfficeStationsPage {
  constructor(
    readonly page: Page,
    /** Where request files to upload are written. */
    readonly folder: string,
  ) {}

  /** Opens the station list from the nav and waits for its answer. */
  async open(): Promise<void> {
    await this.page.getByTestId('office-nav-stations').click();
    await this.settled();
  }

  async reload(): Promise<void> {
    await this.page.getByTestId('stations-refresh').click();
    await this.settled();
  }

  async settled(): Promise<void> {
    await this.page
      .locator('[data-testid="stations-screen"][aria-busy="false"]')
      .locator('[data-testid="stations-row"], [data-testid="stations-empty"]')
      .first()
      .waitFor();
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid="stations-row"][data-name="${name}"]`);
  }

  /** One row's health cells as shown. */
  async health(name: string): Promise<{
    contact: string;
    backlog: string;
    guard: string;
    key: string;
    stale: string;
    revoked: string;
  }> {
    const row = this.row(name);
    return {
      contact: await row.getByTestId('stations-contact').innerText(),
      backlog: await row.getByTestId('stations-backlog').innerText(),
      guard: await row.getByTestId('stations-guard').innerText(),
      key: await row.getByTestId('stations-key').innerText(),
      stale: (await row.getAttribute('data-stale')) ?? '',
      revoked: (await row.getAttribute('data-revoked')) ?? '',
    };
  }

  /**
   * Enrols from a request file (written to the folder and chosen with the file picker): the
   * answer file downloaded and the fingerprints as shown.
   */
  async enrol(
    fileName: string,
    requestJson: string,
    hubUrl?: string,
  ): Promise<{ answerFileName: string; answer: string; districtKey: string; stationKey: string }> {
    await this.page.getByTestId('stations-enrol-open').click();
    await this.page.getByTestId('station-enrol-screen').waitFor();
    const path = join(this.folder, fileName);
    writeFileSync(path, requestJson);
    await this.page.getByTestId('station-enrol-file').setInputFiles(path);
    await this.page.getByTestId('station-enrol-chosen').filter({ hasText: fileName }).waitFor();
    if (hubUrl) await this.page.getByTestId('station-enrol-url').fill(hubUrl);
    await this.page.locator('[data-testid="station-enrol-submit"]:not([disabled])').click();
    await this.page
      .getByTestId('station-enrol-result')
      .or(this.page.getByTestId('station-enrol-error'))
      .first()
      .waitFor();
    const error = this.page.getByTestId('station-enrol-error');
    if ((await error.count()) > 0) throw new Error(`enrolment refused: ${await error.innerText()}`);
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByTestId('station-enrol-download').click(),
    ]);
    const saved = await download.path();
    if (!saved) throw new Error('the answer download failed');
    return {
      answerFileName: download.suggestedFilename(),
      answer: readFileSync(saved, 'utf8'),
      districtKey: await this.page.getByTestId('station-enrol-district-key').innerText(),
      stationKey: await this.page.getByTestId('station-enrol-station-key').innerText(),
    };
  }

  /** The hub's address the enrol screen offers (the page's own origin). */
  async offeredHubUrl(): Promise<string> {
    return this.page.getByTestId('station-enrol-url').inputValue();
  }

  /** Revokes a station's key with a reason, through the reason dialog. */
  async revoke(name: string, reason: string): Promise<void> {
    await this.row(name).getByTestId('stations-revoke').click();
    const dialog = this.page.getByTestId('stations-revoke-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('stations-revoke-dialog-text').fill(reason);
    await dialog.getByTestId('stations-revoke-dialog-confirm').click();
    await this.page
      .locator(`[data-testid="stations-row"][data-name="${name}"][data-revoked="yes"]`)
      .waitFor();
  }

  // ---- issued documents ----------------------------------------------------------------------

  async openDocuments(): Promise<void> {
    await this.page.getByTestId('office-nav-documents').click();
    await this.documentsSettled();
  }

  async documentsSettled(): Promise<void> {
    await this.page
      .locator('[data-testid="documents-screen"][aria-busy="false"]')
      .locator('[data-testid="documents-row"], [data-testid="documents-empty"]')
      .first()
      .waitFor();
  }

  async searchDocuments(text: string): Promise<string[]> {
    await this.page.getByTestId('documents-filter-text').fill(text);
    await this.page.getByTestId('documents-search').click();
    await this.documentsSettled();
    return this.page
      .locator('[data-testid="documents-row"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number') ?? ''));
  }

  document(number: string): Locator {
    return this.page.locator(`[data-testid="documents-row"][data-number="${number}"]`);
  }

  /** Revokes an issued document with a reason; waits until its row says so. */
  async revokeDocument(number: string, reason: string): Promise<void> {
    await this.document(number).getByTestId('documents-revoke').click();
    const dialog = this.page.getByTestId('documents-revoke-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('documents-revoke-dialog-text').fill(reason);
    await dialog.getByTestId('documents-revoke-dialog-confirm').click();
    await this.page
      .locator(`[data-testid="documents-row"][data-number="${number}"][data-revoked="yes"]`)
      .waitFor();
  }
}
