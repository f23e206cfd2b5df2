import type { Page } from 'playwright-core';

/** The citizen's kiosk, as a person at the touch screen sees it. */
export class KioskPage {
  constructor(readonly page: Page) {}

  async waitForHome(): Promise<void> {
    await this.page.getByTestId('kiosk-home').waitFor();
  }

  async openService(code: string): Promise<void> {
    await this.page.getByTestId(`service-${code}`).click();
    await this.page.getByTestId('service-screen').waitFor();
  }

  /** Takes a queue ticket for the open service and returns its number as shown. */
  async takeTicket(): Promise<string> {
    await this.page.getByTestId('take-ticket').click();
    await this.page.getByTestId('ticket-screen').waitFor();
    return (await this.page.getByTestId('ticket-number').innerText()).trim();
  }

  async trainingBannerText(): Promise<string> {
    return this.page.getByTestId('training-banner').innerText();
  }

  async enterOfficerMode(): Promise<void> {
    await this.page.getByTestId('officer-entry').click();
    await this.page.getByTestId('officer-login').waitFor();
    await this.page.getByTestId('demo-login').click();
  }
}
