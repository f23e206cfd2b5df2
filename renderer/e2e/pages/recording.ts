import type { Page } from 'playwright-core';
import { RegistryPage } from './registry';

export interface CheckRow {
  passed: string;
  reason: string;
}

/**
 * Keeps every camera track the page opens, so a test can see whether the portrait step
 * stopped its camera. Installed before the app's scripts (an init script: the CSP does not
 * apply to it).
 */
export const CAMERA_TRACKER = `(() => {
  const tracks = [];
  const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    const stream = await open(constraints);
    tracks.push(...stream.getVideoTracks());
    return stream;
  };
  window.lmCameraTracks = () => ({
    opened: tracks.length,
    live: tracks.filter((t) => t.readyState === 'live').length,
  });
})()`;

/** The officer's KTP-el recording screen: resident, eligibility, portrait, signature, save. */
export class RecordingPage {
  readonly registry: RegistryPage;

  constructor(readonly page: Page) {
    this.registry = new RegistryPage(page);
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-recording').click();
    await this.page.getByTestId('recording-pick').waitFor();
  }

  /**
   * Searches the registry inside the recording screen (the registry's own search screen) for
   * `query` born in `year`, and returns the refs found.
   */
  async findBornIn(query: string, year: number): Promise<string[]> {
    await this.page.getByTestId('filter-year-from').fill(String(year));
    await this.page.getByTestId('filter-year-to').fill(String(year));
    const state = await this.registry.search(query);
    if (state !== 'results') throw new Error(`No resident for ${query} born ${year}: ${state}`);
    await this.registry.waitForArgs([`"birthYearFrom":${year}`, `"birthYearTo":${year}`]);
    return (await this.registry.results()).map((r) => r.ref);
  }

  /** Chooses a result and waits for the eligibility answer. */
  async choose(ref: string): Promise<void> {
    await this.page.locator(`[data-testid="registry-result"][data-ref="${ref}"]`).click();
    await this.page.locator('[data-testid="recording-eligibility"][data-eligible]').waitFor();
  }

  async eligibility(): Promise<{ isEligible: boolean; background: string; text: string }> {
    const panel = this.page.getByTestId('recording-eligibility');
    return {
      isEligible: (await panel.getAttribute('data-eligible')) === 'true',
      background: (await panel.getAttribute('data-background')) ?? '',
      text: await panel.innerText(),
    };
  }

  /** Camera tracks opened so far and still live (needs CAMERA_TRACKER). */
  async cameraTracks(): Promise<{ opened: number; live: number }> {
    return (await this.page.evaluate('window.lmCameraTracks()')) as {
      opened: number;
      live: number;
    };
  }

  async startPortrait(): Promise<void> {
    await this.page.getByTestId('recording-start').click();
    await this.page.getByTestId('portrait-capture').waitFor();
  }

  /**
   * Waits until the portrait step has judged at least `count` frames: a MutationObserver in the
   * page answers when the stage's `data-frames` reaches it (a string evaluation: the page's CSP
   * refuses the `new Function` that waitForFunction needs, not CDP's evaluate).
   */
  async waitForFrames(count: number): Promise<void> {
    await this.page.getByTestId('portrait-capture').waitFor();
    await this.page.evaluate(`new Promise((done) => {
      const stage = document.querySelector('[data-testid="portrait-capture"]');
      const isReached = () => Number(stage.getAttribute('data-frames')) >= ${count};
      if (isReached()) return done();
      new MutationObserver((_, observer) => {
        if (!isReached()) return;
        observer.disconnect();
        done();
      }).observe(stage, { attributes: true, attributeFilter: ['data-frames'] });
    })`);
  }

  async portraitState(): Promise<string> {
    return (await this.page.getByTestId('portrait-capture').getAttribute('data-state')) ?? '';
  }

  async checks(): Promise<Record<string, CheckRow>> {
    const rows = this.page.getByTestId('portrait-check');
    const out: Record<string, CheckRow> = {};
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      out[(await row.getAttribute('data-code')) ?? ''] = {
        passed: (await row.getAttribute('data-passed')) ?? '',
        reason: (await row.getByTestId('portrait-reason').innerText()).trim(),
      };
    }
    return out;
  }

  async waitForPreview(timeout = 60_000): Promise<{ isAuto: boolean; bytes: number }> {
    const stage = this.page.locator('[data-testid="portrait-capture"][data-state="preview"]');
    await stage.waitFor({ timeout });
    const bytes = await this.page.getByTestId('portrait-preview').getAttribute('data-bytes');
    return { isAuto: (await stage.getAttribute('data-auto')) === 'true', bytes: Number(bytes) };
  }

  /** Opens the override dialog and confirms `reason`; returns the dialog's refusal, if any. */
  async override(reason: string): Promise<string | null> {
    if (!(await this.page.getByTestId('portrait-override').isVisible())) {
      await this.page.getByTestId('portrait-override-open').click();
    }
    await this.page.getByTestId('portrait-override-text').fill(reason);
    await this.page.getByTestId('portrait-override-confirm').click();
    const error = this.page.getByTestId('portrait-override-error');
    if (await error.isVisible()) return (await error.innerText()).trim();
    return null;
  }

  async usePortrait(): Promise<void> {
    await this.page.getByTestId('portrait-use').click();
    await this.page.getByTestId('recording-signature').waitFor();
  }

  /** Signs with the mouse: a loop and a stroke, as a resident would with a finger. */
  async sign(): Promise<number> {
    // The mouse draws at viewport coordinates: bring the pad into view first (the officer nav is
    // taller than an 800 px window since issue 16, so the page may have scrolled past it).
    const canvas = this.page.getByTestId('signature-canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    if (!box) throw new Error('No signature pad on screen');
    const { mouse } = this.page;
    const at = (fx: number, fy: number) => [box.x + box.width * fx, box.y + box.height * fy];
    const strokes = [
      Array.from({ length: 24 }, (_, i) =>
        at(0.15 + 0.25 * (i / 23), 0.5 + 0.25 * Math.sin(i / 3)),
      ),
      Array.from({ length: 12 }, (_, i) => at(0.45 + 0.35 * (i / 11), 0.7 - 0.4 * (i / 11))),
    ];
    for (const stroke of strokes) {
      const [first, ...rest] = stroke;
      await mouse.move(first![0]!, first![1]!);
      await mouse.down();
      for (const [x, y] of rest) await mouse.move(x!, y!, { steps: 2 });
      await mouse.up();
    }
    return Number(await this.page.getByTestId('signature-pad').getAttribute('data-strokes'));
  }

  async strokeCount(): Promise<number> {
    return Number(await this.page.getByTestId('signature-pad').getAttribute('data-strokes'));
  }

  async next(): Promise<void> {
    await this.page.getByTestId('recording-next').click();
  }

  async confirmBiometrics(operator = ''): Promise<void> {
    await this.page.getByTestId('recording-biometrics').waitFor();
    await this.page.getByTestId('bio-fingerprints').check();
    await this.page.getByTestId('bio-iris').check();
    if (operator) await this.page.getByTestId('bio-operator').fill(operator);
    await this.next();
    await this.page.getByTestId('recording-review').waitFor();
  }

  /** Saves; returns the refusal shown, or null once "Tersimpan" is on screen. */
  async save(): Promise<string | null> {
    await this.page.getByTestId('recording-save').click();
    const outcome = this.page.locator(
      '[data-testid="recording-saved"], [data-testid="recording-save-error"]',
    );
    await outcome.first().waitFor();
    const error = this.page.getByTestId('recording-save-error');
    if (await error.isVisible()) return (await error.innerText()).trim();
    return null;
  }

  /** The stored portrait read back through recording-portrait, decoded by the browser. */
  async savedPortraitSize(): Promise<{ width: number; height: number }> {
    await this.page.getByTestId('recording-saved-portrait').waitFor();
    return (await this.page.evaluate(`(async () => {
      const img = document.querySelector('[data-testid="recording-saved-portrait"]');
      await img.decode();
      return { width: img.naturalWidth, height: img.naturalHeight };
    })()`)) as { width: number; height: number };
  }
}
