import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { documentCamera, fakeCameraArgs } from './fake-camera';
import { useStation } from './harness';
import { accessibilityProblems } from './pages/a11y';
import { createOfficer, login, logout, setupFirstAdmin } from './pages/accounts';
import { DeskPage } from './pages/desk';
import { KioskApplyPage } from './pages/kiosk-apply';
import { RegistryPage } from './pages/registry';
import { readPrinted } from './printed';

/**
 * Issue 5's desk acceptance: a kiosk application is claimed, checked and approved by an operator;
 * its draft KK prints to a PDF with every family member and the watermark; the print log shows
 * it; a reprint needs a reason; a second operator cannot act on the claimed application.
 */
const { file: documentY4m } = documentCamera('lm-e2e-desk-');

const ADMIN = { username: 'rina.admin', name: 'Rina Marlina', pin: 'kijang-2026' };
const DEWI = { username: 'dewi.op', name: 'Dewi Lestari', pin: 'loket-5821' };
const BAYU = { username: 'bayu.op', name: 'Bayu Saputra', pin: 'loket-9264' };
const SARI = { username: 'sari.spv', name: 'Sari Wulandari', pin: 'periksa-4826' };

const e2e = useStation(fakeCameraArgs(documentY4m));

interface Family {
  nik: string;
  kk: string;
  names: string[];
}

/** A training resident and the names on their family card, read as an officer reads them. */
async function seededFamily(page: Page): Promise<Family> {
  const registry = new RegistryPage(page);
  await registry.openSeededResident();
  const nik = (await registry.detailFields())['NIK'] ?? '';
  const kk = (await page.getByTestId('resident-kk').innerText()).replace(/\D/g, '');
  // The registry's own print buttons: biodata here, the KK on the family card.
  await page.getByTestId('print-open-biodata').waitFor();
  await registry.openFamilyFromDetail();
  const { head1, rows1 } = await registry.familyRows();
  const column = head1.findIndex((h) => /nama lengkap/i.test(h));
  const names = rows1.map((row) => row[column] ?? '').filter((name) => name.length > 0);
  await page.getByTestId('print-open-kk').waitFor();
  return { nik, kk, names };
}

describe('officer desk', () => {
  it('claims, checks, approves, prints the draft KK, logs the print and sums up the day', async () => {
    const scans: Record<string, string[]> = {};
    const { page, errors } = await e2e.open();
    await page.getByTestId('kiosk-home').waitFor();
    await setupFirstAdmin(page, ADMIN);
    await createOfficer(page, { ...DEWI, role: 'operator' });
    await createOfficer(page, { ...BAYU, role: 'operator' });
    const family = await seededFamily(page);
    expect(family.names.length).toBeGreaterThan(0);
    await logout(page);
    const number = await new KioskApplyPage(page).applyForReplacementKk(family);

    // Dewi's desk opens on the inbox; the new application waits there, unclaimed.
    await login(page, DEWI);
    const desk = new DeskPage(page);
    await page.getByTestId('inbox-screen').waitFor();
    await desk.row(number).waitFor();
    expect(await desk.row(number).getByTestId('inbox-holder').innerText()).toMatch(/Belum diambil/);
    expect(Number(await page.getByTestId('inbox-tab-diajukan').getAttribute('data-count'))).toBe(1);
    scans['inbox'] = await accessibilityProblems(page);
    await desk.openApplication(number);
    expect(await desk.status()).toBe('Diajukan');

    // Bayu, at a second desk, opens the same application while nobody holds it.
    const second = await e2e.open();
    await second.page.getByTestId('kiosk-home').waitFor();
    await login(second.page, BAYU);
    const bayu = new DeskPage(second.page);
    await bayu.row(number).waitFor();
    await bayu.openApplication(number);
    await second.page.getByTestId('claim').waitFor();

    // Dewi claims first; Bayu's claim is refused and names her.
    await desk.claim();
    await page.locator('[data-testid="claim-bar"][data-mine="true"]').waitFor();
    scans['application'] = await accessibilityProblems(page);
    await bayu.claim();
    expect(await bayu.actionError()).toBe(`Permohonan ini sedang dikerjakan oleh ${DEWI.name}.`);
    await second.page
      .locator(`[data-testid="claim-bar"][data-holder="${DEWI.name}"][data-mine="false"]`)
      .waitFor();
    // Nothing left for Bayu to do: no claim, no checklist, no decision.
    expect(await second.page.getByTestId('claim').count()).toBe(0);
    expect(await second.page.getByTestId('decision-bar').count()).toBe(0);
    await second.page.getByTestId('checklist-locked').waitFor();
    const codes = await bayu.requirementCodes();
    expect(codes).toContain('ktp-el');
    for (const code of codes) {
      expect(await second.page.getByTestId(`check-${code}-ok`).isDisabled()).toBe(true);
    }
    await bayu.back();
    // The list reloads on the way back; the claim shows there too.
    await expect
      .poll(() => bayu.row(number).getByTestId('inbox-holder').innerText())
      .toBe(DEWI.name);
    expect(second.errors).toEqual([]);
    await second.page.context().close();

    // The photo viewer: zoom changes the drawn scale; the bytes go when it closes.
    await desk.openPhoto(0);
    const fit = await desk.viewerScale();
    expect(await desk.drawnScale()).toBeCloseTo(fit, 2);
    await page.getByTestId('viewer-zoom-in').click();
    const zoomed = await desk.viewerScale();
    expect(zoomed).toBeCloseTo(fit * 1.25, 2);
    expect(await desk.drawnScale()).toBeCloseTo(zoomed, 2);
    await page.keyboard.press('-');
    expect(await desk.viewerScale()).toBeCloseTo(fit, 2);
    await page.getByTestId('viewer-stage').hover();
    await page.mouse.wheel(0, -200);
    await expect.poll(() => desk.viewerScale()).toBeGreaterThan(fit * 1.4);
    await page.getByTestId('viewer-actual').click();
    expect(await desk.viewerScale()).toBe(1);
    await page.getByTestId('viewer-rotate').click();
    expect(await desk.viewer().getAttribute('data-rotation')).toBe('90');
    await page.getByTestId('viewer-next').click();
    expect(await desk.viewer().getAttribute('data-index')).toBe('1');
    await page.getByTestId('viewer-image').waitFor();
    await page.keyboard.press('Escape');
    await desk.viewer().waitFor({ state: 'detached' });
    expect(await page.locator('dialog img[src^="data:"]').count()).toBe(0);

    // Approval waits for the checklist: the refusal names what is missing.
    await page.getByTestId('decide-approve').click();
    expect(await desk.actionError()).toMatch(/^Belum dapat disetujui/);
    for (const code of codes) await desk.check(code, 'ok');
    await page.getByTestId('decide-approve').click();
    await desk.waitForStatus('diverifikasi');
    expect(await desk.status()).toMatch(/^Diverifikasi/);
    expect(await page.getByTestId('timeline-step').count()).toBeGreaterThanOrEqual(2);

    // The draft KK of this application: preview, DRAF badge, PDF with the family and watermark.
    await desk.openPrint('kk');
    expect(await page.getByTestId('print-draft').innerText()).toBe('DRAF');
    expect(await page.getByTestId('print-printer').innerText()).toMatch(/peramban/);
    const frame = page.frameLocator('[data-testid="print-preview"]');
    await frame.locator('body').getByText('KARTU KELUARGA').first().waitFor();
    scans['print dialog'] = await accessibilityProblems(page);
    expect(await desk.print()).toBeNull();
    expect(await page.getByTestId('print-result').getAttribute('data-copies')).toBe('1');
    const printed = readPrinted(await desk.downloadPdf());
    for (const name of family.names) expect(printed.text).toContain(name);
    expect(printed.text).toContain('BUKAN DOKUMEN RESMI');

    // Printing it again: without a reason refused, with one logged as copy 2.
    await page.getByTestId('print-reprint-reason').waitFor();
    expect(await desk.print()).toBe(
      'Dokumen ini sudah pernah dicetak. Isi alasan cetak ulang (minimal 5 huruf).',
    );
    await page.getByTestId('print-reprint-reason').fill('Kertas macet di printer');
    expect(await desk.print()).toBeNull();
    expect(await page.getByTestId('print-result').getAttribute('data-copies')).toBe('2');
    await desk.closePrint();
    await page.locator('[data-testid="print-open-kk"][data-copies="2"]').waitFor();

    await desk.openPrintLog();
    const rows = await desk.printLogRows();
    scans['print log'] = await accessibilityProblems(page);
    expect(rows.map((r) => [r.kind, r.copy, r.isReprint])).toEqual([
      ['kk', 2, true],
      ['kk', 1, false],
    ]);
    expect(rows[0]?.reason).toBe('Kertas macet di printer');
    expect(rows[1]?.text).toContain(DEWI.name);
    expect(rows[1]?.text).toContain(number);
    expect(rows[1]?.text).toContain('DRAF');
    // The day filter: a day without prints is empty; all days shows them again.
    await page.getByTestId('print-log-day').fill('2020-01-01');
    await page.getByTestId('print-log-empty').waitFor();
    await page.getByTestId('print-log-all').click();
    expect(await desk.printLogRows()).toHaveLength(2);

    await desk.openSummary();
    const totals = await desk.summaryTotals();
    scans['summary'] = await accessibilityProblems(page);
    expect(totals['received']).toBe(1);
    expect(totals['verified']).toBe(1);
    expect(totals['printed']).toBeGreaterThanOrEqual(1);

    console.log('axe scans:', scans);
    expect(scans).toEqual(Object.fromEntries(Object.keys(scans).map((k) => [k, []])));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("lets a supervisor release another officer's claim with a reason, then return it", async () => {
    const { page, errors } = await e2e.open();
    await page.getByTestId('kiosk-home').waitFor();
    await login(page, ADMIN);
    await createOfficer(page, { ...SARI, role: 'supervisor' });
    const family = await seededFamily(page);
    await logout(page);
    const number = await new KioskApplyPage(page).applyForReplacementKk(family);
    const desk = new DeskPage(page);

    await login(page, DEWI);
    await desk.openApplication(number);
    await desk.claim();
    await page.locator('[data-testid="claim-bar"][data-mine="true"]').waitFor();
    await logout(page);

    await login(page, SARI);
    await desk.row(number).waitFor();
    await desk.openApplication(number);
    await page.locator(`[data-testid="claim-bar"][data-holder="${DEWI.name}"]`).waitFor();
    await page.getByTestId('release').click();
    await page.getByTestId('release-dialog').waitFor();
    const scans = { 'reason dialog': await accessibilityProblems(page) };
    await page.getByTestId('release-dialog-confirm').click();
    expect(await page.getByTestId('release-dialog-error').innerText()).toBe(
      'Alasan wajib diisi, minimal 5 huruf.',
    );
    await page.getByTestId('release-dialog-text').fill('Petugas sedang cuti');
    await page.getByTestId('release-dialog-confirm').click();
    await page.locator('[data-testid="claim-bar"][data-holder=""]').waitFor();

    await desk.claim();
    await page.locator('[data-testid="claim-bar"][data-mine="true"]').waitFor();
    await page.getByTestId('decide-return').click();
    await page.getByTestId('return-dialog-text').fill('Foto KTP-el buram, mohon foto ulang');
    await page.getByTestId('return-dialog-confirm').click();
    await desk.waitForStatus('berkas-kurang');
    await page.getByTestId('return-dialog').waitFor({ state: 'detached' });
    const timeline = await page.getByTestId('timeline').innerText();
    expect(timeline).toContain('Foto KTP-el buram, mohon foto ulang');
    expect(timeline).toContain(SARI.name);

    expect(scans).toEqual({ 'reason dialog': [] });
    expect(errors).toEqual([]);
    await page.close();
  });
});
