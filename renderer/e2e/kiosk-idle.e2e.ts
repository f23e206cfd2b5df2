import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freshDataDir,
  launchBrowser,
  openPage,
  startStation,
  type RunningStation,
} from './harness';
import { KioskPage } from './pages/kiosk';
import { KioskApplyPage } from './pages/kiosk-apply';
import { KioskIdlePage } from './pages/kiosk-idle';

// A training station honours ?idle=<s>: idle, countdown and attract all shortened to 4 s.
const IDLE_SECONDS = 4;
/** What a production kiosk waits before its countdown (renderer/src/lib/idle/idle.ts). */
const IDLE_PRODUCTION_MS = 60_000;
const RECEIPT = '48151623';
const NIK = '1602054107900001';
const KK = '1602051234567890';
const PHONE = '081234567890';

let browser: Browser;
let station: RunningStation;
beforeAll(async () => {
  browser = await launchBrowser([
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
  ]);
  station = await startStation(freshDataDir());
});
afterAll(async () => {
  await station?.stop();
  await browser?.close();
});

function shortIdleUrl(): string {
  const url = new URL(station.url);
  url.searchParams.set('idle', String(IDLE_SECONDS));
  return url.toString();
}

describe('kiosk idle privacy', () => {
  it('asks "still there?", keeps the session on Lanjutkan, then wipes everything at zero', async () => {
    const { page, errors } = await openPage(browser, shortIdleUrl());
    const kiosk = new KioskPage(page);
    const idle = new KioskIdlePage(page);
    await kiosk.waitForHome();
    expect(await idle.openCamera()).toBe('live');

    await kiosk.openService('cek-status');
    await idle.typeReceipt(RECEIPT);
    expect(await idle.receiptValue()).toBe(RECEIPT);
    expect(await idle.accessibilityProblems()).toEqual([]);

    // Someone still there: the countdown goes away and nothing was lost.
    expect(await idle.waitForCountdown()).toMatch(/Masih di sini\?/);
    await idle.continueSession();
    expect(await idle.receiptValue()).toBe(RECEIPT);

    const number = await kiosk.takeTicket();
    expect(number).toMatch(/^[A-Z]-\d{3}$/);
    expect(await page.content()).toContain(number);
    expect(await idle.accessibilityProblems()).toEqual([]);

    expect(await idle.waitForCountdown()).toMatch(/Lanjutkan/);
    expect(await page.content()).toContain(number);
    expect(await idle.accessibilityProblems()).toEqual([]);
    await idle.waitForWipe();

    const html = await page.content();
    expect(html).not.toContain(number);
    expect(html).not.toContain(RECEIPT);
    expect(await idle.cameraState()).toEqual({ tracks: ['ended'], live: 0 });

    // Nothing kept in state either: the status check starts empty.
    await kiosk.openService('cek-status');
    expect(await idle.receiptValue()).toBe('');
    expect(await page.content()).not.toContain(RECEIPT);
    await page.getByTestId('service-back').click();
    await kiosk.waitForHome();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('wipes a wizard left half done: answers, photos and the open camera', async () => {
    const { page, errors } = await openPage(browser, shortIdleUrl());
    const kiosk = new KioskPage(page);
    const apply = new KioskApplyPage(page);
    const idle = new KioskIdlePage(page);
    await kiosk.waitForHome();
    await apply.openService('ktp-el', 'ktp-el-hilang');
    await apply.start();
    await apply.identify(NIK, KK);
    await apply.next();
    await apply.expectField('pemohon-telepon');
    await apply.keys(PHONE);
    await apply.next();
    await page.getByTestId('step-photos').waitFor();
    // Chromium's default fake camera moves all the time: the photo is taken by tap.
    await page.getByTestId('photo-take-kk').click();
    await page.getByTestId('photo-shoot').click();
    await page.getByTestId('photo-use').click();
    await page.locator('[data-testid="photo-row-kk"][data-has-photo="true"]').waitFor();
    expect(await page.locator('img[src^="blob:"]').count()).toBe(1);
    await page.getByTestId('photo-take-surat-kehilangan-polisi').click();
    await expect.poll(() => idle.liveCameras()).toBe(1);

    expect(await idle.waitForCountdown()).toMatch(/Masih di sini\?/);
    await idle.waitForWipe();
    const html = await page.content();
    for (const trace of [NIK, KK, PHONE, NIK.match(/.{4}/g)?.join(' ') ?? NIK]) {
      expect(html).not.toContain(trace);
    }
    expect(await page.locator('img[src^="blob:"], video').count()).toBe(0);
    expect(await idle.liveCameras()).toBe(0);
    expect(await page.getByTestId('wizard').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the attract screen on an untouched home; a tap brings home back', async () => {
    const { page, errors } = await openPage(browser, shortIdleUrl());
    const kiosk = new KioskPage(page);
    const idle = new KioskIdlePage(page);
    await kiosk.waitForHome();
    expect(await idle.accessibilityProblems()).toEqual([]);
    expect(await idle.smallTargets()).toEqual([]);

    const attract = await idle.waitForAttract();
    expect(attract).toMatch(/Sentuh layar untuk memulai/);
    expect(attract).toMatch(/LAYANAN GRATIS/);
    expect(await kiosk.trainingBannerText()).toMatch(/MODE PELATIHAN/);
    expect(await idle.accessibilityProblems()).toEqual([]);
    await idle.wake();
    expect(await page.getByTestId('attract-screen').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('changes text size and contrast on every screen, and the idle wipe resets both', async () => {
    const { page, errors } = await openPage(browser, shortIdleUrl());
    const kiosk = new KioskPage(page);
    const idle = new KioskIdlePage(page);
    await kiosk.waitForHome();
    expect(await idle.display()).toEqual({
      fontSize: '24px',
      size: 'normal',
      isHighContrast: false,
    });

    await idle.cycleTextSize();
    expect((await idle.display()).fontSize).toBe('30px');
    await idle.cycleTextSize();
    expect(await idle.display()).toMatchObject({ fontSize: '36px', size: 'xlarge' });
    await idle.toggleContrast();
    expect((await idle.display()).isHighContrast).toBe(true);
    expect(await page.getByTestId('contrast-toggle').getAttribute('aria-pressed')).toBe('true');
    expect(await idle.accessibilityProblems()).toEqual([]);
    expect(await idle.smallTargets()).toEqual([]);

    // The choice follows the person to the next screen.
    await kiosk.openService('kk');
    expect(await idle.display()).toEqual({
      fontSize: '36px',
      size: 'xlarge',
      isHighContrast: true,
    });
    expect(await idle.accessibilityProblems()).toEqual([]);
    await page.getByTestId('service-back').click();
    await kiosk.waitForHome();

    // Left on home with changed settings still counts as a session: countdown, then defaults.
    await idle.waitForCountdown();
    await idle.waitForWipe();
    expect(await idle.display()).toEqual({
      fontSize: '24px',
      size: 'normal',
      isHighContrast: false,
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('ignores ?idle= on a production station: a citizen cannot shorten or disable it', async () => {
    const production = await startStation(freshDataDir(), []);
    const url = new URL(production.url);
    url.searchParams.set('idle', '1');
    const { page, errors } = await openPage(browser, url.toString());
    const kiosk = new KioskPage(page);
    await kiosk.waitForHome();
    expect(await page.getByTestId('training-banner').count()).toBe(0);
    // The page's timers run on a paused test clock from here (an hour ahead, so no timer armed
    // before the pause is still due): the idle timer the service screen arms moves only when the
    // test moves the clock, however slow the machine.
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 3_600_000);
    await kiosk.openService('kk');
    // One second short of the production idle time (far beyond ?idle=1): no countdown.
    await page.clock.fastForward(IDLE_PRODUCTION_MS - 1_000);
    expect(await page.getByTestId('idle-countdown').count()).toBe(0);
    expect(await page.getByTestId('service-screen').count()).toBe(1);
    // The production idle time itself: the countdown comes, so the timer was armed and ran.
    await page.clock.fastForward(2_000);
    await new KioskIdlePage(page).waitForCountdown();
    expect(await page.evaluate('typeof window.lmTrainingHooks')).toBe('undefined');
    expect(errors).toEqual([]);
    await page.close();
    await production.stop();
  });
});
