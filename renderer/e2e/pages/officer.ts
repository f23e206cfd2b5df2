import type { Page } from 'playwright-core';

/** The officer shell (reached through the training switch until real logins exist). */
export class OfficerPage {
  constructor(readonly page: Page) {}

  async openAudit(): Promise<void> {
    await this.page.getByTestId('nav-audit').click();
    await this.page.getByTestId('audit-screen').waitFor();
  }

  async auditRows(): Promise<string[]> {
    await this.page.getByTestId('audit-row').first().waitFor();
    return this.page.getByTestId('audit-row').allInnerTexts();
  }

  async verifyChain(): Promise<string> {
    await this.page.getByTestId('audit-verify').click();
    const result = this.page.getByTestId('audit-verify-result');
    await result.waitFor();
    return result.innerText();
  }

  async openStatus(): Promise<void> {
    await this.page.getByTestId('nav-status').click();
    await this.page.getByTestId('station-status').waitFor();
  }

  async openQueue(): Promise<void> {
    await this.page.getByTestId('nav-queue').click();
    await this.page.getByTestId('queue-screen').waitFor();
  }

  /** Waits for the list to load (Playwright's innerText does not wait for content). */
  async queueRows(): Promise<string[]> {
    await this.page.getByTestId('queue-row').first().waitFor();
    return this.page.getByTestId('queue-row').allInnerTexts();
  }

  async backToKiosk(): Promise<void> {
    await this.page.getByTestId('nav-kiosk').click();
    await this.page.getByTestId('kiosk-home').waitFor();
  }
}
