import { beforeAll, describe, expect, it } from 'vitest';
import { documentCamera, fakeCameraArgs } from './fake-camera';
import { useStation } from './harness';
import { createOfficer, login, logout, setupFirstAdmin } from './pages/accounts';
import { DeskIntakePage } from './pages/desk-intake';
import { KioskPage } from './pages/kiosk';
import { OfficerPage } from './pages/officer';
import { RegistryPage } from './pages/registry';
import { readPrinted } from './printed';

/**
 * Issue 5: an operator takes an application at the desk with a physical keyboard (type and
 * Enter only), one requirement photographed by the (fake) webcam; the audit names the operator.
 */
const { file: documentY4m } = documentCamera('lm-e2e-desk-');

const ADMIN = { username: 'rina.admin', name: 'Rina Marlina', pin: 'kijang-2026' };
const OPERATOR = { username: 'dedi.op', name: 'Dedi Kurniawan', pin: 'loket-7319' };

/**
 * Runs in the page: records the text of every step error banner as it is added to the DOM, so a
 * test can tell that none ever appeared without sampling the page at a guessed moment.
 */
const STEP_ERROR_RECORDER = `
  window.lmStepErrors = [];
  new MutationObserver((mutations) => {
    for (const mutation of mutations)
      for (const node of mutation.addedNodes) {
        if (!(node instanceof Element)) continue;
        const found = node.matches('[data-testid="wizard-error"]')
          ? [node]
          : [...node.querySelectorAll('[data-testid="wizard-error"]')];
        for (const banner of found) window.lmStepErrors.push(banner.textContent.trim());
      }
  }).observe(document.body, { childList: true, subtree: true });
`;

const e2e = useStation(fakeCameraArgs(documentY4m));
let resident: { nik: string; kk: string };
beforeAll(async () => {
  resident = await setUpStation();
});

/** First administrator, the operator's account, and a training resident found in the registry. */
async function setUpStation(): Promise<{ nik: string; kk: string }> {
  const { page } = await e2e.open();
  await new KioskPage(page).waitForHome();
  await setupFirstAdmin(page, ADMIN);
  const registry = new RegistryPage(page);
  await registry.openSeededResident();
  const nik = (await registry.detailFields())['NIK'] ?? '';
  const kk = (await page.getByTestId('resident-kk').innerText()).replace(/\D/g, '');
  await createOfficer(page, { ...OPERATOR, role: 'operator' });
  await page.close();
  return { nik, kk };
}

describe('desk intake', () => {
  it('takes a KIA application by keyboard, prints its receipt, and audits the operator', async () => {
    const { page, errors } = await e2e.open();
    const { nik, kk } = resident;
    expect(nik).toMatch(/^\d{16}$/);
    await new KioskPage(page).waitForHome();
    await login(page, OPERATOR);

    const desk = new DeskIntakePage(page);
    await desk.open();
    await desk.scan('service search');
    // Every step error the page shows from here on is recorded as it appears (not sampled later).
    await page.evaluate(STEP_ERROR_RECORDER);
    await desk.startService('kia baru');
    await desk.expectStep('identify');
    expect(await page.getByTestId('osk').count()).toBe(0);
    await desk.type(nik);
    // A complete NIK moves the cursor to the KK box.
    await expect
      .poll(() => page.evaluate('document.activeElement?.getAttribute("data-testid")'))
      .toBe('identify-kk');
    await desk.type(kk);
    await desk.scan('identify');
    await desk.enter();
    expect(await page.getByTestId('wizard-greeting').getAttribute('data-known')).toBe('true');
    // The Enter that started the wizard was not also its first Lanjut: by now the page has handled
    // that Enter and every key after it, and no "NIK wajib diisi" ever appeared.
    expect(await page.evaluate('window.lmStepErrors')).toEqual([]);

    await desk.expectField('anak-nik');
    // The child's NIK: same area, born 15 January 2024.
    await desk.type(`${nik.slice(0, 6)}1501240907`);
    await desk.enter();
    await desk.expectField('anak-nama');
    await desk.type('PUTRA BUNGSU');
    await desk.scan('text question');
    await desk.enter();
    await desk.expectField('tanggal-lahir');
    // Escape goes back, and the answer typed there is kept.
    await page.keyboard.press('Escape');
    await desk.expectField('anak-nama');
    expect(await page.getByTestId('field-value').inputValue()).toBe('PUTRA BUNGSU');
    await desk.enter();
    await desk.expectField('tanggal-lahir');
    await desk.type('31022024');
    await page.keyboard.press('Enter');
    expect(await desk.error()).toMatch(/kalender/);
    for (let i = 0; i < 8; i++) await page.keyboard.press('Backspace');
    await desk.type('15012024');
    await desk.enter();
    // The phone number is optional: Enter on an empty answer skips it.
    await desk.expectField('pemohon-telepon');
    await desk.enter();

    await desk.expectStep('photos');
    await desk.photograph(2, 'kk');
    await desk.scan('photos');
    await desk.enter();

    await desk.expectStep('consent');
    await page.getByTestId('consent-text').waitFor();
    await page.keyboard.press('Enter');
    expect(await desk.error()).toMatch(/menyetujui/);
    await page.keyboard.press('Space');
    await desk.scan('consent');
    await desk.enter();

    await desk.expectStep('review');
    expect(await page.getByTestId('review-anak-nama').innerText()).toContain('PUTRA BUNGSU');
    expect(await page.getByTestId('review-tanggal-lahir').innerText()).toContain('15 Januari 2024');
    const number = await desk.submit();
    expect(number).toMatch(/^OKI-\d{6}[0-9A-Z]{3}-\d{8}-0001$/);
    await desk.scan('done');

    // The receipt is the kiosk's (number + check code), printed when the officer asks.
    await page.getByTestId('intake-print-receipt').click();
    const link = page.getByTestId('receipt-print-pdf');
    await link.waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const receipt = readPrinted((await download.path()) ?? '');
    expect(receipt.text).toContain(number);
    expect(receipt.text).not.toContain(nik);

    // Straight to the new application in the inbox.
    await page.getByTestId('intake-open-inbox').click();
    await page.getByTestId('application-screen').filter({ hasText: number }).waitFor();
    await logout(page);

    // The audit (supervisor and up) shows the submission by the operator's name.
    await login(page, ADMIN);
    const officer = new OfficerPage(page);
    await officer.openAudit();
    const rows = (await officer.auditRows()).filter((r) =>
      r.includes('desk.application-submitted'),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(OPERATOR.name);
    expect(rows[0]).toContain(number);

    expect(desk.scans).toEqual(Object.fromEntries(Object.keys(desk.scans).map((k) => [k, []])));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('picks answers with the arrow keys and a village by typing; a cancel stores nothing', async () => {
    const { page, errors } = await e2e.open();
    await new KioskPage(page).waitForHome();
    await login(page, OPERATOR);
    const desk = new DeskIntakePage(page);
    await desk.open();
    // Arrows move through the matches of "pindah" (Pisah KK says "tanpa pindah rumah"), Enter
    // starts the highlighted one.
    await desk.type('pindah');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    const highlighted = page.locator('[data-testid^="intake-service-"][aria-selected="true"]');
    expect(await highlighted.getAttribute('data-testid')).toBe('intake-service-pindah-keluar');
    await page.keyboard.press('Enter');
    await desk.expectStep('identify');
    expect(await page.getByTestId('wizard').locator('h1').innerText()).toContain('Pindah keluar');
    await desk.type(resident.nik);
    await desk.type(resident.kk);
    await desk.enter();

    await desk.expectField('pindah-klasifikasi');
    // The first answer has the focus; the arrow picks the next one.
    await page.keyboard.press('ArrowDown');
    expect(await page.getByTestId('option-antar-desa').isChecked()).toBe(true);
    await desk.scan('choice question');
    await desk.enter();
    await desk.expectField('pindah-alasan');
    await page.keyboard.press('Space');
    expect(await page.getByTestId('option-pekerjaan').isChecked()).toBe(true);
    await desk.enter();

    await desk.expectField('alamat-wilayah');
    await desk.searchVillage('kijang ulu');
    expect(await page.getByTestId('village-chosen').innerText()).toMatch(/Kijang Ulu/);
    await desk.scan('village question');
    await desk.enter();
    await desk.expectField('alamat-jalan');
    await desk.type('JL. MERDEKA NO. 5');
    // Escape walks back with every answer kept.
    for (const field of ['alamat-wilayah', 'pindah-alasan', 'pindah-klasifikasi']) {
      await page.keyboard.press('Escape');
      await desk.expectField(field);
    }
    expect(await page.getByTestId('option-antar-desa').isChecked()).toBe(true);

    await page.getByTestId('wizard-cancel').click();
    await page.getByTestId('wizard-cancel-confirm').click();
    await page.getByTestId('intake-search').waitFor();
    expect(await page.content()).not.toContain('MERDEKA');
    await logout(page);

    await login(page, ADMIN);
    const officer = new OfficerPage(page);
    await officer.openAudit();
    const submitted = (await officer.auditRows()).filter((r) =>
      r.includes('application-submitted'),
    );
    // Only the first test's KIA application.
    expect(submitted).toHaveLength(1);
    expect(desk.scans).toEqual(Object.fromEntries(Object.keys(desk.scans).map((k) => [k, []])));
    expect(errors).toEqual([]);
    await page.close();
  });
});
