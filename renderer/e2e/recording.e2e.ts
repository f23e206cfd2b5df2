import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeCameraArgs } from './fake-camera';
import {
  freshDataDir,
  launchBrowser,
  openPage,
  startStation,
  type RunningStation,
} from './harness';
import { accessibilityProblems } from './pages/a11y';
import { KioskPage } from './pages/kiosk';
import { CAMERA_TRACKER, RecordingPage } from './pages/recording';
import { writePortraitCameras, type PortraitCameras } from './portrait-frames';

/**
 * Issue 6's recording acceptance through the UI, with a fake webcam playing a real face
 * (portrait-frames.ts): the portrait passes the checks by itself and is stored as 480×640; a
 * frame with no face and a too-dark frame are refused with their reasons and never captured;
 * the wrong backdrop colour for the birth year is flagged. Each camera file is its own
 * browser (Chromium takes the fake camera at launch); one training station for all.
 */

// Demo residents are generated around today: an odd year about 40 years back has adults (red).
const FORTY_YEARS_BACK = new Date().getFullYear() - 40;
const YEAR = FORTY_YEARS_BACK % 2 === 1 ? FORTY_YEARS_BACK : FORTY_YEARS_BACK - 1;
const KECAMATAN = '160205';

let station: RunningStation;
let cameras: PortraitCameras;
let refs: string[] = [];
const browsers: Browser[] = [];

beforeAll(async () => {
  station = await startStation(freshDataDir());
  const builder = await launchBrowser();
  browsers.push(builder);
  cameras = await writePortraitCameras(builder, mkdtempSync(join(tmpdir(), 'lm-portrait-')), 'red');
  await builder.close();
});
afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close()));
  await station?.stop();
});

/** An officer at the recording screen of a browser whose webcam plays `file`. */
async function officerWith(
  file: string,
): Promise<{ page: Page; rec: RecordingPage; errors: string[]; requests: string[] }> {
  const browser = await launchBrowser(fakeCameraArgs(file));
  browsers.push(browser);
  const { page, errors } = await openPage(browser, station.url);
  await page.addInitScript(CAMERA_TRACKER);
  const requests: string[] = [];
  page.context().on('request', (request) => requests.push(request.url()));
  await page.reload();
  const kiosk = new KioskPage(page);
  await kiosk.waitForHome();
  await kiosk.enterOfficerMode();
  const rec = new RecordingPage(page);
  await rec.open();
  return { page, rec, errors, requests };
}

const isDetectorFile = (url: string) => /detector\.worker|models\/face\//.test(url);

/** Picks the index-th resident born in YEAR and opens the portrait step for them. */
async function portraitOf(rec: RecordingPage, index: number): Promise<void> {
  refs = await rec.findBornIn(KECAMATAN, YEAR);
  const ref = refs[index];
  if (!ref) throw new Error(`Only ${refs.length} residents born in ${YEAR}`);
  await rec.choose(ref);
  const e = await rec.eligibility();
  expect(e.isEligible, e.text).toBe(true);
  expect(e.background).toBe('red');
  expect(e.text).toContain(`MERAH (tahun lahir ganjil: ${YEAR})`);
  await rec.startPortrait();
}

describe('KTP-el recording with the portrait checks', () => {
  it('refuses a frame with no face, saying so, and never captures it', async () => {
    const { rec, errors, requests } = await officerWith(cameras.noFace);
    // The detector and its weights load with the portrait step, not with the app.
    expect(requests.filter(isDetectorFile)).toEqual([]);
    await portraitOf(rec, 0);
    await rec.waitForFrames(4);
    const detectorFiles = requests.filter(isDetectorFile).map((u) => u.replace(station.url, '/'));
    expect(detectorFiles.filter((u) => u.startsWith('/models/face/')).sort()).toEqual([
      '/models/face/face_landmark_68_model-weights_manifest.json',
      '/models/face/face_landmark_68_model.bin',
      '/models/face/tiny_face_detector_model-weights_manifest.json',
      '/models/face/tiny_face_detector_model.bin',
    ]);
    expect(detectorFiles.some((u) => /^\/assets\/detector\.worker-.+\.js$/.test(u))).toBe(true);
    // Nothing is fetched from anywhere but the station itself.
    expect(requests.filter((u) => !/^(data|blob):/.test(u) && !u.startsWith(station.url))).toEqual(
      [],
    );
    const checks = await rec.checks();
    expect(checks['one-face']).toEqual({ passed: 'false', reason: 'Tidak ada wajah terdeteksi' });
    expect(checks['eyes-open']?.passed).toBe('false');
    expect(await rec.portraitState()).toBe('live');
    expect(await rec.page.getByTestId('portrait-hint').innerText()).toMatch(/Perbaiki/);
    expect(errors).toEqual([]);
  });

  it('refuses a too-dark frame of the same face as too dark', async () => {
    const { rec, errors } = await officerWith(cameras.dark);
    await portraitOf(rec, 0);
    await rec.waitForFrames(4);
    const checks = await rec.checks();
    expect(checks['exposure']).toEqual({ passed: 'false', reason: 'Terlalu gelap' });
    expect(await rec.portraitState()).toBe('live');
    expect(errors).toEqual([]);
  });

  it('flags a blue backdrop for an odd birth year, and takes it only with a reason', async () => {
    const { rec, page, errors } = await officerWith(cameras.wrongColour);
    await portraitOf(rec, 0);
    await rec.waitForFrames(4);
    const checks = await rec.checks();
    expect(checks['background']).toEqual({
      passed: 'false',
      reason: 'Latar harus MERAH untuk tahun lahir ganjil (terbaca BIRU)',
    });
    expect(await accessibilityProblems(page)).toEqual([]);
    // The face itself is fine: only the backdrop is wrong.
    const failed = Object.entries(checks).filter(([, c]) => c.passed !== 'true');
    expect(failed.map(([code]) => code)).toEqual(['background']);
    expect(await rec.portraitState()).toBe('live');

    expect(await rec.override('kain')).toBe('Alasan minimal 10 karakter.');
    expect(await rec.override('Kain latar merah sedang dicuci, dipakai biru')).toBeNull();
    const preview = await rec.waitForPreview();
    expect(preview.isAuto).toBe(false);
    expect(await page.getByTestId('portrait-hint').innerText()).toContain('Diambil dengan alasan');
    expect(errors).toEqual([]);
  }, 120_000);

  it('records a resident: automatic portrait, signature, kit confirmation, stored 480×640', async () => {
    const { rec, page, errors } = await officerWith(cameras.good);
    await portraitOf(rec, 1);
    const first = await rec.waitForPreview();
    expect(first.isAuto).toBe(true);
    // A retake goes live again and captures again by itself.
    await page.getByTestId('portrait-retake').click();
    expect(await rec.portraitState()).toBe('live');
    const preview = await rec.waitForPreview();
    expect(preview.isAuto).toBe(true);
    expect(preview.bytes).toBeGreaterThan(10_000);
    expect(preview.bytes).toBeLessThan(2 * 1024 * 1024);
    const checks = await rec.checks();
    expect(Object.values(checks).every((c) => c.passed === 'true')).toBe(true);
    const stage = page.getByTestId('portrait-capture');
    const ms = await stage.getAttribute('data-detect-ms');
    const backend = await stage.getAttribute('data-backend');
    console.info(`portrait: one detection ${ms} ms (${backend}), JPEG ${preview.bytes} bytes`);
    expect(await rec.cameraTracks()).toEqual({ opened: 1, live: 1 });
    await rec.usePortrait();
    // Leaving the portrait step stops the camera.
    expect(await rec.cameraTracks()).toEqual({ opened: 1, live: 0 });

    expect(await rec.sign()).toBe(2);
    await page.getByTestId('signature-undo').click();
    expect(await rec.strokeCount()).toBe(1);
    await page.getByTestId('signature-redo').click();
    expect(await rec.strokeCount()).toBe(2);
    expect(await accessibilityProblems(page)).toEqual([]);
    await rec.next();
    await rec.confirmBiometrics('Siti Operator');
    expect(await page.getByTestId('review-portrait-note').innerText()).toContain('lolos');
    expect(await accessibilityProblems(page)).toEqual([]);

    expect(await rec.save()).toBeNull();
    const saved = page.getByTestId('recording-saved');
    expect(await saved.getAttribute('data-status')).toBe('direkam');
    expect(await page.getByTestId('recording-saved-banner').innerText()).toContain('Tersimpan');
    expect(await page.getByTestId('recording-saved-id').innerText()).toMatch(/^[0-9a-f-]{36}$/);
    expect(await rec.savedPortraitSize()).toEqual({ width: 480, height: 640 });
    expect(errors).toEqual([]);

    // The next person starts clean; the one just recorded is no longer eligible.
    await page.getByTestId('recording-next-person').click();
    await rec.findBornIn(KECAMATAN, YEAR);
    await rec.choose(refs[1]!);
    const again = await rec.eligibility();
    expect(again.isEligible).toBe(false);
    expect(again.text).toContain('Sudah pernah direkam');
    expect(await accessibilityProblems(page)).toEqual([]);
  }, 180_000);

  it('keeps everything on a refused save and lets the officer try again', async () => {
    // Two desks record the same resident; the second save is refused.
    const { rec, page, errors } = await officerWith(cameras.good);
    await portraitOf(rec, 2);
    await rec.waitForPreview();
    await rec.usePortrait();
    await rec.sign();
    await rec.next();
    await rec.confirmBiometrics();

    const other = new RecordingPage(await page.context().newPage());
    await other.page.goto(station.url);
    await new KioskPage(other.page).waitForHome();
    await new KioskPage(other.page).enterOfficerMode();
    await other.open();
    await portraitOf(other, 2);
    await other.waitForPreview();
    await other.usePortrait();
    await other.sign();
    await other.next();
    await other.confirmBiometrics();
    expect(await other.save()).toBeNull();

    await page.bringToFront();
    const refused = await rec.save();
    expect(refused).toContain('Perekaman belum tersimpan');
    expect(refused).toContain('Sudah pernah direkam');
    // The review is still whole: portrait, signature, kit confirmation; the button retries.
    await page.locator('[data-testid="recording-review"] img').nth(1).waitFor();
    expect(await page.locator('[data-testid="recording-review"] img').count()).toBe(2);
    expect(await page.getByTestId('recording-save').innerText()).toBe('Simpan lagi');
    expect(await rec.save()).toContain('Sudah pernah direkam');
    expect(errors).toEqual([]);
  }, 180_000);
});
