import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { tool } from '../../../electron/testing/pdf-tools';

export interface PairedDeviceRow {
  id: string;
  kind: string;
  desk: string;
  connected: number;
  label: string;
}

/**
 * The host's LAN screen (issue 16 item 3): the station's own certificate fingerprint, the
 * pairing QR for a desk or the queue display, the paired devices and their removal.
 */
export class LanPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-lan').click();
    await this.page.locator('[data-testid="lan-screen"][aria-busy="false"]').waitFor();
  }

  /** The fingerprint shown on screen, normalised to upper-case hex pairs joined by ':'. */
  async fingerprint(): Promise<string> {
    const shown = this.page.getByTestId('lan-fingerprint');
    await shown.waitFor();
    return (await shown.innerText()).replace(/\s+/g, '').toUpperCase();
  }

  /** Makes a pairing offer for a desk (`desk`, e.g. "meja-2") or the display; waits for its QR. */
  async offer(kind: 'desk' | 'display', desk: string | null, label: string): Promise<Locator> {
    await this.page.getByTestId('lan-pair-kind').selectOption(kind);
    if (kind === 'desk' && desk !== null) await this.page.getByTestId('lan-pair-desk').fill(desk);
    await this.page.getByTestId('lan-pair-label').fill(label);
    const before = await this.offersShown();
    await this.page.getByTestId('lan-pair-create').click();
    await this.page
      .locator(`[data-testid="lan-pair-offer"][data-offers="${before + 1}"]`)
      .waitFor();
    const qr = this.page.getByTestId('lan-pair-qr');
    await qr.waitFor();
    return qr;
  }

  async offersShown(): Promise<number> {
    const panel = this.page.getByTestId('lan-pair-offer');
    if ((await panel.count()) === 0) return 0;
    return Number((await panel.getAttribute('data-offers')) ?? '0');
  }

  /**
   * The QR on the host's screen as a camera would read it: a screenshot of the whole window,
   * decoded by zbarimg. Returns the URL it encodes.
   */
  async scanQrFromScreen(): Promise<string> {
    const file = join(mkdtempSync(join(tmpdir(), 'lm-e2e-pair-')), 'host-screen.png');
    await this.page.getByTestId('lan-pair-qr').scrollIntoViewIfNeeded();
    await this.page.screenshot({ path: file });
    return tool('zbarimg', ['--raw', '-q', file], 'zbar-tools').toString('utf8').trim();
  }

  /** The paired devices listed, as the screen shows them. */
  async devices(): Promise<PairedDeviceRow[]> {
    const rows = this.page.getByTestId('lan-device');
    return rows.evaluateAll((elements) =>
      elements.map((el) => ({
        id: el.getAttribute('data-id') ?? '',
        kind: el.getAttribute('data-kind') ?? '',
        desk: el.getAttribute('data-desk') ?? '',
        connected: Number(el.getAttribute('data-connected') ?? '0'),
        label: (el.getAttribute('data-label') ?? '').trim(),
      })),
    );
  }

  device(label: string): Locator {
    return this.page.locator(`[data-testid="lan-device"][data-label="${label}"]`);
  }

  /** Waits until the device of `label` shows `connected` open sockets. */
  async waitConnected(label: string, connected: number): Promise<void> {
    await this.page
      .locator(`[data-testid="lan-device"][data-label="${label}"][data-connected="${connected}"]`)
      .waitFor();
  }

  /** Removes the device of `label` (with the confirmation) and waits until it is gone. */
  async remove(label: string): Promise<void> {
    await this.device(label).getByTestId('lan-device-remove').click();
    await this.page.getByTestId('lan-device-remove-confirm').click();
    await this.device(label).waitFor({ state: 'detached' });
  }
}

/**
 * A browser that opened the pairing URL (https://ADDRESS:PORT/pair#CODE): the station's pairing
 * page posts the code, gets the device cookie and opens the station ('/'): a desk's kiosk home,
 * or the queue display of a display.
 */
export async function pairWith(page: Page): Promise<void> {
  await page.locator('[data-testid="kiosk-home"], [data-testid="queue-display"]').first().waitFor();
}

/** The pairing page's refusal (its Indonesian line), once it shows one. */
export async function pairRefusal(page: Page): Promise<string> {
  const refused = page.locator('#msg-id.bad');
  await refused.waitFor();
  return (await refused.innerText()).trim();
}
