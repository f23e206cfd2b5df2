import type { Download, Page } from 'playwright-core';
import { accessibilityProblems } from './a11y';

/** The kiosk's application wizard, driven as a citizen drives it: by touch only. */
export class KioskApplyPage {
  /** axe findings collected on every screen the test passed through, by screen name. */
  readonly scans: Record<string, string[]> = {};
  /** Captures the camera screen refused as the same picture as another document's photo. */
  duplicatesRefused = 0;

  constructor(readonly page: Page) {}

  async openService(group: string, service: string): Promise<void> {
    await this.page.getByTestId(`service-${group}`).click();
    await this.page.getByTestId(`service-option-${service}`).click();
    await this.page.getByTestId('service-detail').waitFor();
  }

  async start(): Promise<void> {
    await this.page.getByTestId('start-application').click();
    await this.page.getByTestId('wizard').waitFor();
  }

  async step(): Promise<{ kind: string; field: string | null }> {
    const wizard = this.page.getByTestId('wizard');
    const kind = (await wizard.getAttribute('data-step')) ?? '';
    const field =
      kind === 'field'
        ? await this.page.getByTestId('step-field').getAttribute('data-field')
        : null;
    return { kind, field };
  }

  /** Presses on-screen keys; the keyboard names every key by what it types. */
  async keys(text: string): Promise<void> {
    for (const ch of text) {
      const key = ch === ' ' ? 'SPACE' : ch;
      await this.page.locator(`[data-testid="osk"] [data-key="${key}"]`).click();
    }
  }

  async identify(nik: string, kk: string): Promise<void> {
    await this.page.getByTestId('identify-nik').click();
    await this.keys(nik);
    // A complete NIK moves the keyboard on to the KK box by itself.
    await this.page.locator('[data-testid="identify-kk"][aria-pressed="true"]').waitFor();
    await this.keys(kk);
  }

  async next(): Promise<void> {
    const before = await this.page.getByTestId('wizard').getAttribute('data-index');
    await this.page.getByTestId('wizard-next').click();
    await this.page.locator(`[data-testid="wizard"]:not([data-index="${before}"])`).waitFor();
  }

  async skip(): Promise<void> {
    await this.page.getByTestId('wizard-skip').click();
  }

  /** Waits for the current question to be `field`, then answers it. */
  async expectField(field: string): Promise<void> {
    await this.page.locator(`[data-testid="step-field"][data-field="${field}"]`).waitFor();
  }

  async choose(value: string): Promise<void> {
    await this.page.getByTestId(`option-${value}`).click();
  }

  async error(): Promise<string> {
    const banner = this.page.getByTestId('wizard-error');
    await banner.waitFor();
    return banner.innerText();
  }

  /**
   * Opens the camera for a requirement and takes the photo: by itself once the picture is steady
   * and sharp, or (`byTap`) with the button while the check is still counting steady frames. A
   * photo identical to one already kept is refused on the spot; the citizen (here: the test)
   * retakes it.
   */
  async photograph(requirement: string, byTap = false): Promise<number> {
    await this.page.getByTestId(`photo-take-${requirement}`).click();
    const camera = (state: string) =>
      this.page.locator(`[data-testid="document-camera"][data-state="${state}"]`);
    for (let attempt = 0; ; attempt++) {
      if (byTap) {
        await camera('steady').waitFor({ timeout: 20_000 });
        await this.page.getByTestId('photo-shoot').click();
      }
      await camera('preview').waitFor({ timeout: 20_000 });
      if ((await this.page.getByTestId('photo-duplicate').count()) === 0) break;
      if (attempt === 5) throw new Error(`every photo of ${requirement} was a duplicate`);
      this.duplicatesRefused += 1;
      await this.page.getByTestId('photo-retry').click();
    }
    const bytes = Number(await this.page.getByTestId('photo-preview').getAttribute('data-bytes'));
    await this.scan(`camera preview ${requirement}`);
    await this.page.getByTestId('photo-use').click();
    await this.page
      .locator(`[data-testid="photo-row-${requirement}"][data-has-photo="true"]`)
      .waitFor();
    return bytes;
  }

  async acceptConsent(): Promise<void> {
    await this.page.getByTestId('consent-text').waitFor();
    await this.page.getByTestId('consent-accept').click();
  }

  async submit(): Promise<{ number: string; check: string }> {
    await this.page.getByTestId('wizard-submit').click();
    const outcome = this.page.locator('[data-testid="wizard-done"], [data-testid="wizard-error"]');
    await outcome.first().waitFor();
    if ((await this.page.getByTestId('wizard-done').count()) === 0)
      throw new Error(`submit refused: ${await this.page.getByTestId('wizard-error').innerText()}`);
    return {
      number: (await this.page.getByTestId('application-number').innerText()).trim(),
      check: (await this.page.getByTestId('application-check').innerText()).trim(),
    };
  }

  /**
   * A whole application from the kiosk home: a replacement KK for this resident, the optional
   * questions skipped, two photos; back at the home tiles, returns the application number.
   */
  async applyForReplacementKk(resident: { nik: string; kk: string }): Promise<string> {
    await this.openService('kk', 'kk-hilang-rusak');
    await this.start();
    await this.identify(resident.nik, resident.kk);
    await this.next();
    // Every remaining question of this service is optional.
    while ((await this.step()).kind === 'field') {
      const before = await this.page.getByTestId('wizard').getAttribute('data-index');
      await this.skip();
      await this.page.locator(`[data-testid="wizard"]:not([data-index="${before}"])`).waitFor();
    }
    await this.page.getByTestId('step-photos').waitFor();
    await this.photograph('ktp-el');
    await this.photograph('surat-kehilangan-polisi');
    await this.next();
    await this.acceptConsent();
    await this.next();
    await this.page.getByTestId('step-review').waitFor();
    const { number } = await this.submit();
    await this.page.getByTestId('wizard-finish').click();
    await this.page.getByTestId('kiosk-home').waitFor();
    return number;
  }

  /** The station server hands the receipt back as a PDF download; returns its path. */
  async download(testid: string): Promise<string> {
    const link = this.page.getByTestId(testid);
    await link.waitFor({ timeout: 30_000 });
    const [download]: [Download, void] = await Promise.all([
      this.page.waitForEvent('download'),
      link.click(),
    ]);
    const path = await download.path();
    if (!path) throw new Error(`download ${testid} failed: ${await download.failure()}`);
    return path;
  }

  async cancel(): Promise<void> {
    await this.page.getByTestId('wizard-cancel').click();
    await this.page.getByTestId('wizard-cancel-confirm').click();
    await this.page.getByTestId('service-detail').waitFor();
  }

  /** From a service's requirements back to the home tiles. */
  async home(): Promise<void> {
    await this.page.getByTestId('detail-back').click();
    await this.page.getByTestId('service-back').click();
    await this.page.getByTestId('kiosk-home').waitFor();
  }

  /** Runs axe on the current screen and files the result under `name`. */
  async scan(name: string): Promise<void> {
    this.scans[name] = await accessibilityProblems(this.page);
  }
}
