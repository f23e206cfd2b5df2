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
import { RecordingPage } from './pages/recording';

/**
 * Issue 6 item 3: "pick the resident from the registry (or a new person with a biodata
 * application)". A biodata-baru application is submitted as a kiosk would (over the page's own
 * WebSocket, the kiosk role), then the officer finds it on the recording screen and the
 * eligibility is judged from its answers.
 */
let station: RunningStation;
let browser: Browser;

beforeAll(async () => {
  station = await startStation(freshDataDir());
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await station?.stop();
});

const BORN = `${new Date().getFullYear() - 30}-03-14`;
const IS_ODD = Number(BORN.slice(0, 4)) % 2 === 1;

/** Calls one handler on a fresh socket of the page's origin (a new connection is a kiosk). */
const SUBMIT = (born: string) => `(async () => {
  const ws = new WebSocket(location.origin.replace(/^http/, 'ws') + '/ws');
  await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
  let id = 0;
  const call = (name, args) => new Promise((resolve) => {
    const mine = ++id;
    ws.addEventListener('message', (event) => {
      const message = JSON.parse(event.data);
      if (message.kind === 'reply' && message.id === mine) resolve(message.result);
    });
    ws.send(JSON.stringify({ kind: 'call', id: mine, name, args }));
  });
  const consent = await call('applications-consent-get', {});
  const villages = await call('kiosk-villages', {});
  const village = villages.value.villages[0].code;
  // Two different photos: the core refuses the same photo sent twice.
  const photo = (requirementCode, fill) => {
    const bytes = new Uint8Array(3000).fill(fill);
    bytes.set([0xff, 0xd8, 0xff, 0xe0]);
    bytes.set([0xff, 0xd9], 2998);
    return {
      requirementCode,
      dataBase64: btoa(String.fromCharCode(...bytes)),
      width: 1200,
      height: 900,
      takenAt: new Date().toISOString(),
    };
  };
  const result = await call('applications-submit', {
    serviceCode: 'biodata-baru',
    fields: {
      'pemohon-nama': 'RATNA SARI DEWI',
      'jenis-kelamin': '2',
      'tempat-lahir': 'KAYUAGUNG',
      'tanggal-lahir': '${born}',
      agama: '1',
      pendidikan: '5',
      pekerjaan: '1',
      'status-perkawinan': '1',
      kewarganegaraan: 'WNI',
      'ayah-nama': 'AHMAD',
      'ibu-nama': 'SITI',
      'alamat-wilayah': village,
      'alamat-jalan': 'JL. LINTAS TIMUR',
      'alamat-rt': '1',
      'alamat-rw': '2',
    },
    photos: [photo('surat-pengantar-rt-rw', 7), photo('bukti-peristiwa-penting', 9)],
    consent: { isAccepted: true, version: consent.value.version, language: 'id' },
  });
  ws.close();
  return result;
})()`;

describe('recording a new person from a biodata application', () => {
  it('lists the application on the recording screen and judges it from its answers', async () => {
    const { page, errors } = await openPage(browser, station.url);
    const kiosk = new KioskPage(page);
    await kiosk.waitForHome();
    const submitted = (await page.evaluate(SUBMIT(BORN))) as {
      ok: boolean;
      value?: { number: string };
      error?: unknown;
    };
    expect(submitted.ok, JSON.stringify(submitted.error)).toBe(true);
    const number = submitted.value?.number ?? '';

    await kiosk.enterOfficerMode();
    const rec = new RecordingPage(page);
    await rec.open();
    const item = page.locator(`[data-testid="recording-new-person-item"][data-number="${number}"]`);
    await item.waitFor();
    expect(await item.innerText()).toContain('RATNA SARI DEWI');
    await page.getByTestId(`recording-new-person-pick-${number}`).click();
    await page.locator('[data-testid="recording-eligibility"][data-eligible]').waitFor();
    const eligibility = await rec.eligibility();
    expect(eligibility.isEligible, eligibility.text).toBe(true);
    expect(eligibility.text).toContain('RATNA SARI DEWI');
    expect(eligibility.background).toBe(IS_ODD ? 'red' : 'blue');
    expect(errors).toEqual([]);
  }, 120_000);
});
