import type { Page } from 'playwright-core';
import { accessibilityProblems, smallTargets } from './a11y';

/** The kiosk's idle privacy, attract screen and display choices, as a test drives them. */
export class KioskIdlePage {
  constructor(readonly page: Page) {}

  /** Types on the status-check screen's on-screen keyboard. */
  async typeReceipt(digits: string): Promise<void> {
    for (const key of digits) await this.page.locator(`[data-key="${key}"]`).click();
  }

  async receiptValue(): Promise<string> {
    return (await this.page.getByTestId('status-receipt').getAttribute('data-value')) ?? '';
  }

  /** Waits, without touching anything, for the "still there?" countdown. */
  async waitForCountdown(timeout = 15_000): Promise<string> {
    const overlay = this.page.getByTestId('idle-countdown');
    await overlay.waitFor({ timeout });
    return overlay.innerText();
  }

  async continueSession(): Promise<void> {
    await this.page.getByTestId('idle-continue').click();
    await this.page.getByTestId('idle-countdown').waitFor({ state: 'detached' });
  }

  /** Waits for the countdown to run out and the clean home screen to return. */
  async waitForWipe(timeout = 15_000): Promise<void> {
    await this.page.getByTestId('idle-countdown').waitFor({ state: 'detached', timeout });
    await this.page.getByTestId('kiosk-home').waitFor();
  }

  async waitForAttract(timeout = 15_000): Promise<string> {
    const attract = this.page.getByTestId('attract-screen');
    await attract.waitFor({ timeout });
    return attract.innerText();
  }

  async wake(): Promise<void> {
    await this.page.getByTestId('attract-screen').click();
    await this.page.getByTestId('attract-screen').waitFor({ state: 'detached' });
    await this.page.getByTestId('kiosk-home').waitFor();
  }

  /** Opens a fake camera through the app's registry (training hook); returns its track state. */
  async openCamera(): Promise<string> {
    return (await this.page.evaluate(`
      window.lmTrainingHooks.acquireCamera().then((stream) => {
        window.testStreams = [...(window.testStreams ?? []), stream];
        return stream.getVideoTracks()[0].readyState;
      })
    `)) as string;
  }

  /** States of every track the test opened, plus the registry's count of live streams. */
  async cameraState(): Promise<{ tracks: string[]; live: number }> {
    return (await this.page.evaluate(`({
      tracks: (window.testStreams ?? []).flatMap((s) => s.getTracks().map((t) => t.readyState)),
      live: window.lmTrainingHooks.liveCameraCount(),
    })`)) as { tracks: string[]; live: number };
  }

  /** Live camera streams the app holds (its camera registry, through the training hook). */
  async liveCameras(): Promise<number> {
    return (await this.page.evaluate('window.lmTrainingHooks.liveCameraCount()')) as number;
  }

  async cycleTextSize(): Promise<void> {
    await this.page.getByTestId('text-size').click();
  }

  async toggleContrast(): Promise<void> {
    await this.page.getByTestId('contrast-toggle').click();
  }

  /** What the kiosk shell currently renders with: font size, text-size setting, contrast. */
  async display(): Promise<{ fontSize: string; size: string; isHighContrast: boolean }> {
    return (await this.page.evaluate(`(() => {
      const shell = document.querySelector('.shell-kiosk');
      return {
        fontSize: getComputedStyle(shell).fontSize,
        size: shell.dataset.textSize,
        isHighContrast: shell.classList.contains('high-contrast'),
      };
    })()`)) as { fontSize: string; size: string; isHighContrast: boolean };
  }

  accessibilityProblems(): Promise<string[]> {
    return accessibilityProblems(this.page);
  }

  /** Small targets anywhere on the kiosk shell (header toggles included). */
  smallTargets(): Promise<string[]> {
    return smallTargets(this.page, '.shell-kiosk');
  }
}
