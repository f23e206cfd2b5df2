import type { Locator, Page } from 'playwright-core';
import { OfficeShellPage } from './office-shell';

/**
 * The back-office work queue and application page (renderer/src/office/features/queue): filters,
 * status tabs and paging of the queue; one application's claim bar, answers, registry lines,
 * timeline and photo viewer. Every action waits for what the screen announces (aria-busy, the
 * data-* attributes), never for a time.
 */
export type QueueFilter = 'station' | 'kecamatan' | 'village' | 'service' | 'channel' | 'age';

export class OfficeQueuePage {
  readonly shell: OfficeShellPage;

  constructor(readonly page: Page) {
    this.shell = new OfficeShellPage(page);
  }

  private screen(): Locator {
    return this.page.getByTestId('queue-screen');
  }

  /** Waits until the queue's last request has answered. */
  async settled(): Promise<void> {
    await this.page.locator('[data-testid="queue-screen"][aria-busy="false"]').waitFor();
  }

  /** Opens the work queue from the nav and waits for its first answer. */
  async open(): Promise<void> {
    await this.shell.open('queue');
    await this.settled();
  }

  /** Picks a status tab ('' = all) and waits for its answer. */
  async tab(status: string): Promise<void> {
    await this.page.getByTestId(`queue-tab-${status || 'all'}`).click();
    await this.page
      .locator(`[data-testid="queue-tab-${status || 'all'}"][aria-pressed="true"]`)
      .waitFor();
    await this.settled();
  }

  /** The count a status tab shows. */
  async count(status: string): Promise<number> {
    return Number(
      await this.page.getByTestId(`queue-tab-${status || 'all'}`).getAttribute('data-count'),
    );
  }

  /** Chooses a filter select's value ('' = all) and waits for the new page. */
  async filter(which: QueueFilter, value: string): Promise<void> {
    await this.page.getByTestId(`queue-filter-${which}`).selectOption(value);
    await this.settled();
  }

  /** Submission days (YYYY-MM-DD; '' clears). */
  async submitted(from: string, to: string): Promise<void> {
    await this.page.getByTestId('queue-filter-from').fill(from);
    await this.settled();
    await this.page.getByTestId('queue-filter-to').fill(to);
    await this.settled();
  }

  /** Searches by number, NIK, No. KK or name (Enter in the box). */
  async search(text: string): Promise<void> {
    await this.page.getByTestId('queue-filter-text').fill(text);
    await this.page.getByTestId('queue-filter-text').press('Enter');
    await this.settled();
  }

  async clearFilters(): Promise<void> {
    await this.page.getByTestId('queue-filter-reset').click();
    await this.settled();
  }

  row(number: string): Locator {
    return this.page.locator(`[data-testid="queue-row"][data-number="${number}"]`);
  }

  /** The application numbers on the page shown, in order. */
  async numbers(): Promise<string[]> {
    return this.page
      .getByTestId('queue-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number') ?? ''));
  }

  /** "21–40 dari 60" as shown under the table. */
  async range(): Promise<string> {
    return (await this.page.getByTestId('queue-range').innerText()).trim();
  }

  async nextPage(): Promise<void> {
    const before = await this.range();
    await this.page.getByTestId('queue-page-next').click();
    const exactly = new RegExp(`^\\s*${before.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
    await this.page.getByTestId('queue-range').filter({ hasNotText: exactly }).waitFor();
    await this.settled();
  }

  /** Opens an application from its row (the number is a button: keyboard users press Enter). */
  async openApplication(number: string): Promise<void> {
    await this.row(number).getByTestId('queue-open').click();
    await this.page.locator('[data-testid="application-screen"][data-status]').waitFor();
    await this.page.getByTestId('application-claim').waitFor();
  }

  /** The same from the keyboard: focus the number's button and press Enter. */
  async openApplicationByKeyboard(number: string): Promise<void> {
    await this.row(number).getByTestId('queue-open').focus();
    await this.page.keyboard.press('Enter');
    await this.page.locator('[data-testid="application-screen"][data-status]').waitFor();
  }

  async back(): Promise<void> {
    await this.page.getByTestId('application-back').click();
    await this.settled();
  }

  // ---- the application page -----------------------------------------------------------------

  claimBar(): Locator {
    return this.page.getByTestId('application-claim');
  }

  /** Who holds it, as the claim bar's data says ('' = nobody). */
  async holder(): Promise<string> {
    return (await this.claimBar().getAttribute('data-holder')) ?? '';
  }

  /** "Kerjakan": waits until the bar says this user holds it. */
  async claim(): Promise<void> {
    await this.page.getByTestId('application-claim-button').click();
    await this.page.locator('[data-testid="application-claim"][data-mine="true"]').waitFor();
  }

  /** "Kerjakan" when someone else got there first: returns the refusal as shown. */
  async claimRefused(): Promise<string> {
    await this.page.getByTestId('application-claim-button').click();
    const error = this.page.getByTestId('application-claim-error');
    await error.waitFor();
    return (await error.innerText()).trim();
  }

  /** Releases one's own claim. */
  async release(): Promise<void> {
    await this.page.getByTestId('application-release').click();
    await this.page.locator('[data-testid="application-claim"][data-holder=""]').waitFor();
  }

  /** A penandatangan releases another's claim with a reason. */
  async forceRelease(reason: string): Promise<void> {
    await this.page.getByTestId('application-force-release').click();
    const dialog = this.page.getByTestId('application-force-release-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('application-force-release-dialog-text').fill(reason);
    await dialog.getByTestId('application-force-release-dialog-confirm').click();
    await this.page.locator('[data-testid="application-claim"][data-holder=""]').waitFor();
  }

  /** The registry's current -> proposed line of a SIAK element (NO_KK, NAMA_KEL, ...). */
  registryLine(element: string): Locator {
    return this.page.locator(`[data-testid="registry-line"][data-element="${element}"]`);
  }

  /** The elements the application would change. */
  async changedElements(): Promise<string[]> {
    return this.page
      .locator('[data-testid="registry-line"][data-changed="true"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-element') ?? ''));
  }

  /** The timeline's steps as `source:status`, in order. */
  async timeline(): Promise<string[]> {
    return this.page
      .getByTestId('timeline-step')
      .evaluateAll((steps) =>
        steps.map(
          (s) => `${s.getAttribute('data-source') ?? ''}:${s.getAttribute('data-status') ?? ''}`,
        ),
      );
  }

  /** Opens another application of the same NIK from the page. */
  async openEarlier(applicationId: string): Promise<void> {
    await this.page
      .locator(`[data-testid="application-earlier-item"][data-id="${applicationId}"]`)
      .getByTestId('application-earlier-open')
      .click();
    await this.page
      .locator(`[data-testid="application-screen"][data-id="${applicationId}"][data-status]`)
      .waitFor();
  }

  // ---- the photo viewer ---------------------------------------------------------------------

  /** Opens photo `index` in the viewer and waits until its bytes have loaded. */
  async openPhoto(index: number): Promise<Locator> {
    await this.page.getByTestId('photo-open').nth(index).click();
    const viewer = this.page.locator('[data-testid="photo-viewer"][data-loaded="true"]');
    await viewer.waitFor();
    return viewer;
  }

  /** One press of a viewer tool; waits until the viewer shows the new `attribute` value. */
  async viewerTool(
    tool:
      | 'photo-zoom-in'
      | 'photo-zoom-out'
      | 'photo-rotate'
      | 'photo-next'
      | 'photo-prev'
      | 'photo-fit',
    attribute: 'data-zoom' | 'data-rotation' | 'data-index',
  ): Promise<string> {
    const viewer = this.page.getByTestId('photo-viewer');
    const before = (await viewer.getAttribute(attribute)) ?? '';
    await this.page.getByTestId(tool).click();
    const changed = this.page.locator(
      `[data-testid="photo-viewer"]:not([${attribute}="${before}"])`,
    );
    await changed.waitFor();
    return (await changed.getAttribute(attribute)) ?? '';
  }

  /** Zooms in once; returns the zoom shown (1 = fitted, at most 4). */
  async zoomIn(): Promise<number> {
    return Number(await this.viewerTool('photo-zoom-in', 'data-zoom'));
  }

  /** Turns a quarter clockwise; returns the rotation in degrees. */
  async rotate(): Promise<number> {
    return Number(await this.viewerTool('photo-rotate', 'data-rotation'));
  }

  /** The width and height the photo is drawn at now (its transform applied). */
  async drawnBox(): Promise<{ width: number; height: number }> {
    const box = await this.page.getByTestId('photo-image').boundingBox();
    if (!box) throw new Error('the photo is not drawn');
    return { width: box.width, height: box.height };
  }

  async closePhoto(): Promise<void> {
    await this.page.getByTestId('photo-close').click();
    await this.page.getByTestId('photo-viewer').waitFor({ state: 'detached' });
  }

  /** Whether the queue screen is on the page (e.g. after a role change). */
  async isShown(): Promise<boolean> {
    return (await this.screen().count()) > 0;
  }
}
