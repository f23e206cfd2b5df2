import type { Locator, Page } from 'playwright-core';

export type Role = 'card-reader' | 'scanner';

/**
 * The device layer as an officer meets it: the training panel under the training banner (any
 * mode), the status pill in the officer header, and the admin's device settings screen.
 */
export class DevicesPage {
  constructor(readonly page: Page) {}

  panel(): Locator {
    return this.page.getByTestId('training-panel');
  }

  async openPanel(): Promise<void> {
    const toggle = this.page.getByTestId('training-panel-toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await this.page.getByTestId('training-card-reader').waitFor();
  }

  async closePanel(): Promise<void> {
    const toggle = this.page.getByTestId('training-panel-toggle');
    if ((await toggle.getAttribute('aria-expanded')) === 'true') await toggle.click();
  }

  /** Plugs or unplugs a fake device from the panel and waits until the panel shows it. */
  async setPlugged(role: Role, isPlugged: boolean): Promise<void> {
    await this.openPanel();
    const device = this.page.getByTestId(`training-${role}`);
    const want = isPlugged ? 'training' : 'disconnected';
    if ((await device.getAttribute('data-state')) !== want)
      await this.page.getByTestId(`training-${role}-plug`).click();
    await this.page.locator(`[data-testid="training-${role}"][data-state="${want}"]`).waitFor();
  }

  /**
   * Taps a card on the fake reader of this screen's own desk (the panel's `data-desk`): the
   * default sample UID, or `uid`. The button is `training-card-tap` on every desk.
   */
  async tap(uid?: string): Promise<void> {
    await this.openPanel();
    if (uid !== undefined) await this.page.getByTestId('training-uid').fill(uid);
    await this.page.getByTestId('training-card-tap').click();
  }

  /** The desk whose fake devices the panel shows (a paired LAN desk's own, else meja-1). */
  async panelDesk(): Promise<string> {
    return (await this.panel().getAttribute('data-desk')) ?? '';
  }

  async scan(text: string): Promise<void> {
    await this.openPanel();
    await this.page.getByTestId('training-text').fill(text);
    await this.page.getByTestId('training-scanner-read').click();
  }

  async panelError(): Promise<string> {
    const error = this.page.getByTestId('training-error');
    await error.waitFor();
    return error.innerText();
  }

  /** The header pill's entry of one role once it shows `state`; returns its accessible label. */
  async pill(role: Role, state: string): Promise<string> {
    const item = this.page.locator(`[data-testid="device-pill-${role}"][data-state="${state}"]`);
    await item.waitFor();
    return (await item.getAttribute('aria-label')) ?? '';
  }

  async openSettings(): Promise<void> {
    await this.page.getByTestId('nav-devices').click();
    await this.page.getByTestId('device-settings').waitFor();
    await this.page.getByTestId('device-list').waitFor();
  }

  /** Refreshes the list and reads it once the station's new answer is shown (not the old one). */
  async listedIds(): Promise<string[]> {
    const list = this.page.getByTestId('device-list');
    const before = Number(await list.getAttribute('data-refreshes'));
    await this.page.getByTestId('device-list-refresh').click();
    await this.page
      .locator(`[data-testid="device-list"][data-refreshes="${before + 1}"]`)
      .waitFor();
    const entries = this.page.getByTestId('device-entry');
    return entries.evaluateAll((els) => els.map((el) => el.getAttribute('data-ids') ?? ''));
  }

  lastRead(role: Role): Locator {
    return this.page.getByTestId(`device-last-read-${role}`);
  }

  async save(): Promise<string> {
    await this.page.getByTestId('device-save').click();
    const outcome = this.page.getByTestId('device-saved').or(this.page.getByTestId('device-error'));
    await outcome.waitFor();
    return outcome.innerText();
  }
}
