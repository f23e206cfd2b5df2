import type { Page } from 'playwright-core';
import { accessibilityProblems } from './a11y';

/** The desk intake ("Permohonan di loket"), driven as an officer at a physical keyboard. */
export class DeskIntakePage {
  readonly scans: Record<string, string[]> = {};

  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-intake').click();
    await this.page.getByTestId('intake-search').waitFor();
  }

  /** Types part of a service name in the focused search box and starts it with Enter. */
  async startService(query: string): Promise<void> {
    await this.page.keyboard.type(query);
    await this.page.keyboard.press('Enter');
    await this.page.locator('[data-testid="wizard"][data-mode="desk"]').waitFor();
  }

  async index(): Promise<string> {
    return (await this.page.getByTestId('wizard').getAttribute('data-index')) ?? '';
  }

  /** Enter, then waits until the wizard shows another step (or refuses, see `error`). */
  async enter(): Promise<void> {
    const before = await this.index();
    await this.page.keyboard.press('Enter');
    await this.page.locator(`[data-testid="wizard"]:not([data-index="${before}"])`).waitFor();
  }

  async expectField(field: string): Promise<void> {
    await this.page.locator(`[data-testid="step-field"][data-field="${field}"]`).waitFor();
  }

  async expectStep(kind: string): Promise<void> {
    await this.page.locator(`[data-testid="wizard"][data-step="${kind}"]`).waitFor();
  }

  /** Types into whatever has the focus: the step's own input takes it when it opens. */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  /**
   * The village step shows a spinner until the regency's villages are loaded; its search box
   * mounts and takes the focus after that, so typing waits for the focus, not for the step.
   */
  async searchVillage(text: string): Promise<void> {
    await this.page.locator('[data-testid="village-search"]:focus').waitFor();
    await this.page.keyboard.type(text);
  }

  async error(): Promise<string> {
    const banner = this.page.getByTestId('wizard-error');
    await banner.waitFor();
    return banner.innerText();
  }

  /** Digit key N opens the camera for the Nth document; the fake camera is steady, Enter keeps. */
  async photograph(position: number, requirement: string): Promise<void> {
    await this.page.keyboard.press(String(position));
    await this.page
      .locator('[data-testid="document-camera"][data-state="preview"]')
      .waitFor({ timeout: 20_000 });
    await this.page.keyboard.press('Enter');
    await this.page
      .locator(`[data-testid="photo-row-${requirement}"][data-has-photo="true"]`)
      .waitFor();
  }

  /** Enter on the review sends it; returns the number shown on the done screen. */
  async submit(): Promise<string> {
    await this.page.keyboard.press('Enter');
    const outcome = this.page.locator('[data-testid="intake-done"], [data-testid="wizard-error"]');
    await outcome.first().waitFor();
    if ((await this.page.getByTestId('intake-done').count()) === 0)
      throw new Error(`submit refused: ${await this.page.getByTestId('wizard-error').innerText()}`);
    return (await this.page.getByTestId('application-number').innerText()).trim();
  }

  async scan(name: string): Promise<void> {
    this.scans[name] = await accessibilityProblems(this.page);
  }
}
