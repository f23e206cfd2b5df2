import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileKeyStore } from '../../electron/protocol/key-store.file';
import { signDocument } from '../../electron/protocol/canonical';
import { keyId, keyPairFromSeed } from '../../electron/protocol/packet/keys';
import { decideApplication, revokeDocument } from '../../electron/hub/decisions';
import { Hub } from '../../electron/hub/hub';
import { startHubServer, type HubServer } from '../../electron/hub/server';
import { documentCamera, fakeCameraArgs } from './fake-camera';
import { useStation } from './harness';
import { accessibilityProblems } from './pages/a11y';
import { createOfficer, login, logout, setupFirstAdmin } from './pages/accounts';
import { DeskPage } from './pages/desk';
import { KioskApplyPage } from './pages/kiosk-apply';
import { RegistryPage } from './pages/registry';
import { SyncPage } from './pages/sync';
import { readPrinted } from './printed';

/**
 * Issue 7 through the screens: an administrator enrols the station at a real district hub (its
 * own encrypted database, HTTP on 127.0.0.1); a kiosk application goes to the hub with "Kirim
 * sekarang", is issued there and comes back; the issued KK prints with a QR the verify screen
 * accepts, and shows as revoked after the hub revokes it. Then the USB round trip.
 */
const { folder, file: documentY4m } = documentCamera('lm-e2e-sync-');

const ADMIN = { username: 'rina.admin', name: 'Rina Marlina', pin: 'kijang-2026' };
const DEWI = { username: 'dewi.op', name: 'Dewi Lestari', pin: 'loket-5821' };
const SIGNER = {
  signerName: 'Drs. H. Contoh, M.Si',
  signerTitle: 'Kepala Dinas Kependudukan dan Pencatatan Sipil',
};
const DISTRICT = 'Disdukcapil Kabupaten Ogan Komering Ilir';

const e2e = useStation(fakeCameraArgs(documentY4m));
let hub: Hub;
let hubServer: HubServer;
const scans: Record<string, string[]> = {};

beforeAll(async () => {
  const hubDir = join(folder, 'hub');
  hub = await Hub.open({
    dataDir: hubDir,
    keyStore: new FileKeyStore(join(hubDir, 'keys')),
    districtName: DISTRICT,
  });
  hubServer = await startHubServer(hub);
});
afterAll(async () => {
  await hubServer?.close();
  await hub?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** A training resident's NIK and KK number, found in the registry as an officer finds them. */
async function seededResident(page: Page): Promise<{ nik: string; kk: string }> {
  const registry = new RegistryPage(page);
  await registry.openSeededResident();
  const nik = (await registry.detailFields())['NIK'] ?? '';
  const kk = (await page.getByTestId('resident-kk').innerText()).replace(/\D/g, '');
  return { nik, kk };
}

/** The hub's id of the application with this number (as district staff find it). */
async function hubApplicationId(number: string): Promise<string> {
  const rows = await hub.db
    .selectFrom('records')
    .select(['aggregate_id', 'data'])
    .where('aggregate', '=', 'application')
    .execute();
  const row = rows.find((r) => (JSON.parse(r.data) as { number?: string }).number === number);
  if (!row) throw new Error(`application ${number} is not at the hub`);
  return row.aggregate_id;
}

async function hubCount(table: 'records' | 'packets' | 'refusals'): Promise<number> {
  const row = await hub.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The guard level the core must report for this free space and minimum (status.ts's rule). */
function expectedDiskLevel(minFreeMb: number): 'ok' | 'warn' | 'block' {
  const stats = statfsSync(e2e.station.dataDir);
  const free = Number(stats.bavail) * Number(stats.bsize);
  const min = minFreeMb * 1024 * 1024;
  return free < min ? 'block' : free < 2 * min ? 'warn' : 'ok';
}

describe('district sync through the screens', () => {
  it('enrols the station: request file and QR, refused answers named, settings checked', async () => {
    const { page, errors } = await e2e.open();
    await page.getByTestId('kiosk-home').waitFor();
    await setupFirstAdmin(page, ADMIN);
    await createOfficer(page, { ...DEWI, role: 'operator' });
    const sync = new SyncPage(page);

    // Not enrolled: the sync screen says the station works offline; the verify screen cannot check.
    await sync.openSync();
    expect(await page.getByTestId('sync-screen').getAttribute('data-enrolled')).toBe('false');
    expect(await page.getByTestId('sync-not-enrolled').innerText()).toMatch(
      /tetap bekerja offline.*Administrator/s,
    );
    expect(await page.getByTestId('sync-send').count()).toBe(0);
    scans['sync (not enrolled)'] = await accessibilityProblems(page);
    await sync.openVerify();
    const early = await sync.verify('LMV1.abc.def');
    expect(early.status).toBe('not-enrolled');
    expect(early.word).toBe('STASIUN BELUM TERDAFTAR');

    await sync.openEnrolment();
    const qr = page.getByTestId('enrol-qr');
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const stationKey = await page.getByTestId('enrol-station-key').getAttribute('data-value');
    expect(stationKey).toMatch(/^[0-9a-f]{16}$/);
    scans['enrolment request'] = await accessibilityProblems(page);
    const request = await sync.downloadRequest();
    expect(request.fileName).toMatch(/^pendaftaran-.+\.json$/);
    const parsed = JSON.parse(request.json) as { unitId: string; signingPublicKey: string };
    expect(keyId(Buffer.from(parsed.signingPublicKey, 'base64'))).toBe(stationKey);

    // District staff register the request and hand back the answer file.
    const answer = await hub.enrol(parsed, hubServer.url);
    const answerJson = JSON.stringify(answer, null, 2);

    // Wrong files first: each refusal in plain words, and the station stays unenrolled.
    expect(await sync.pasteAnswer('{"bukan": "jawaban"}')).toBe(
      'Ini bukan berkas jawaban pendaftaran dari Disdukcapil. Periksa berkasnya, lalu coba lagi.',
    );
    expect(
      await sync.pasteAnswer(JSON.stringify({ ...answer, hubUrl: 'http://10.0.0.9:1' })),
    ).toMatch(/^Tanda tangan pada berkas jawaban tidak cocok/);
    expect(await sync.pasteAnswer('   ')).toBe('Pilih berkas jawaban atau tempel isinya dulu.');
    // A genuine answer, but for another station the district enrolled.
    const other = keyPairFromSeed('ed25519', randomBytes(32));
    const unsigned = JSON.parse(request.json) as Record<string, unknown>;
    delete unsigned['signature'];
    const otherRequest = signDocument(other.privateKey, {
      ...unsigned,
      unitId: '01900000-0000-7000-8000-00000000abcd',
      signingPublicKey: other.publicRaw.toString('base64'),
    });
    const otherAnswer = await hub.enrol(otherRequest, hubServer.url);
    expect(await sync.pasteAnswer(JSON.stringify(otherAnswer))).toBe(
      `Berkas jawaban ini untuk stasiun lain. Minta Disdukcapil membuat jawaban untuk stasiun ini (kode unit ${parsed.unitId}).`,
    );
    expect(await page.getByTestId('enrol-done').count()).toBe(0);
    await sync.openSync();
    expect(await page.getByTestId('sync-screen').getAttribute('data-enrolled')).toBe('false');

    await sync.openEnrolment();
    expect(await sync.chooseAnswer('jawaban-pendaftaran.json', answerJson)).toBeNull();
    expect(await page.getByTestId('enrol-applied').innerText()).toContain(DISTRICT);
    expect(await page.getByTestId('enrol-district').innerText()).toBe(DISTRICT);
    expect(await page.getByTestId('enrol-hub').innerText()).toBe(hubServer.url);
    expect(await page.getByTestId('enrol-district-key').getAttribute('data-value')).toBe(
      keyId(hub.keys.signing.publicRaw),
    );
    scans['enrolment done'] = await accessibilityProblems(page);

    // Settings: a block limit before the warning limit and a fraction are refused, field by field.
    expect(await sync.saveSettings({ warnDays: '10', blockDays: '5', minFreeMb: '1,5' })).toEqual({
      blockDays: 'Tidak boleh lebih kecil dari batas peringatan.',
      minFreeMb: 'Isi bilangan bulat, tanpa koma atau titik.',
    });
    expect(await sync.saveSettings({ warnDays: '3', blockDays: '7', minFreeMb: '50' })).toEqual({
      minFreeMb: 'Isi angka dari 100 sampai 100000.',
    });
    // The disk guard, with limits around this machine's free space: a banner on every screen.
    const freeMb =
      (Number(statfsSync(e2e.station.dataDir).bavail) *
        Number(statfsSync(e2e.station.dataDir).bsize)) /
      1024 /
      1024;
    for (const minFreeMb of [Math.min(100_000, Math.floor(freeMb * 0.75)), 100_000]) {
      expect(await sync.saveSettings({ minFreeMb: String(minFreeMb) })).toEqual({});
      const level = expectedDiskLevel(minFreeMb);
      if (level === 'ok') {
        await page.getByTestId('guard-banner').waitFor({ state: 'detached' });
        continue;
      }
      const banner = page.locator(`[data-testid="guard-banner"][data-level="${level}"]`);
      await banner.waitFor();
      expect(await banner.getAttribute('data-reasons')).toBe('DISK_LOW');
      expect(await banner.innerText()).toMatch(
        level === 'block' ? /Perekaman KTP-el baru ditolak/ : /Segera kirim data ke Disdukcapil/,
      );
      scans[`guard ${level}`] = await accessibilityProblems(page);
      // On another screen too, and its button leads to the sync screen.
      await page.getByTestId('nav-inbox').click();
      await banner.waitFor();
      await page.getByTestId('guard-open-sync').click();
      await page.getByTestId('sync-screen').waitFor();
      await sync.openEnrolment();
    }
    expect(await sync.saveSettings({ minFreeMb: '100' })).toEqual({});
    await page.getByTestId('guard-banner').waitFor({ state: 'detached' });
    expect(await page.getByTestId('sync-settings-outcome').innerText()).toBe(
      'Pengaturan disimpan.',
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sends an application, brings it back issued, prints its QR, verifies it, then revoked', async () => {
    const { page, errors } = await e2e.open();
    await page.getByTestId('kiosk-home').waitFor();
    await login(page, ADMIN);
    const resident = await seededResident(page);
    await logout(page);
    const number = await new KioskApplyPage(page).applyForReplacementKk(resident);

    await login(page, DEWI);
    const sync = new SyncPage(page);
    await sync.openSync();
    expect(await page.getByTestId('sync-district').innerText()).toContain(DISTRICT);
    const pending = await sync.pendingRecords();
    expect(pending).toBeGreaterThan(0);
    expect(await page.getByTestId('sync-last-success').getAttribute('data-value')).toBe('');
    scans['sync (pending)'] = await accessibilityProblems(page);

    const first = await sync.sendNow();
    expect(first.built).toBeGreaterThanOrEqual(1);
    expect(first.receipted).toBe(first.built);
    expect(first.exported).toBe(pending);
    expect(first.rejected).toBe(0);
    expect(
      Number(await page.getByTestId('sync-send-panel').getAttribute('data-push-count')),
    ).toBeGreaterThan(0);
    expect(await page.getByTestId('sync-send-result').innerText()).toMatch(/^Pengiriman selesai\./);
    await expect.poll(() => sync.pendingRecords()).toBe(0);
    expect(await page.getByTestId('sync-last-success').getAttribute('data-value')).not.toBe('');
    expect(await hubCount('records')).toBe(pending);
    scans['sync (sent)'] = await accessibilityProblems(page);

    // The district issues the KK; the station's long-poll brings it back within seconds, or
    // "Kirim sekarang" does (pulls never overlap, so after it the KK is there either way).
    const applicationId = await hubApplicationId(number);
    const issued = await decideApplication(
      hub,
      { applicationId, decision: 'issue', kind: 'kk', ...SIGNER },
      hub.at(),
    );
    if (!issued.ok) throw new Error(issued.problem);
    await sync.sendNow();

    const desk = new DeskPage(page);
    await desk.openInbox();
    await desk.tab('');
    await desk.openApplication(number);
    expect(await desk.status()).toMatch(/^Selesai/);

    // The issued KK: no draft mark, and its QR is the district's, readable from the paper.
    await desk.openPrint('kk');
    expect(await page.getByTestId('print-draft').count()).toBe(0);
    expect(await desk.print()).toBeNull();
    const printed = readPrinted(await desk.downloadPdf());
    expect(printed.text).not.toContain('BUKAN DOKUMEN RESMI');
    expect(printed.text).not.toMatch(/\bDRAF\b/);
    expect(printed.text).toContain(issued.documentNumber ?? '');
    expect(printed.qr).toMatch(/^LMV1\./);
    // The very code the district signed, read back from the paper.
    const atHub = await hub.db
      .selectFrom('documents')
      .select('signed')
      .where('document_number', '=', issued.documentNumber ?? '')
      .executeTakeFirstOrThrow();
    expect(printed.qr).toBe((JSON.parse(atHub.signed) as { qr: string }).qr);
    await desk.closePrint();

    await sync.openVerify();
    scans['verify'] = await accessibilityProblems(page);
    const genuine = await sync.verify(printed.qr);
    expect(genuine).toMatchObject({
      status: 'valid',
      word: 'ASLI',
      number: issued.documentNumber,
      kind: 'Kartu Keluarga',
    });
    expect(genuine.explanation).toMatch(/diterbitkan dan ditandatangani Disdukcapil/);
    scans['verify (valid)'] = await accessibilityProblems(page);

    // Not ours, and a QR whose document number was edited: both TIDAK SAH, with the reason.
    const notOurs = await sync.verify('https://contoh.go.id/dokumen/123');
    expect(notOurs).toMatchObject({ status: 'invalid', problem: 'NOT_OURS', word: 'TIDAK SAH' });
    const [prefix, body, signature] = printed.qr.split('.');
    const forged = JSON.parse(Buffer.from(body ?? '', 'base64url').toString()) as { n: string };
    forged.n = `${forged.n.slice(0, -4)}9999`;
    const forgedText = `${prefix}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`;
    const tampered = await sync.verify(forgedText);
    expect(tampered).toMatchObject({
      status: 'invalid',
      problem: 'BAD_SIGNATURE',
      word: 'TIDAK SAH',
    });
    expect(tampered.explanation).toMatch(/diubah atau dipalsukan/);

    // The district revokes it; after the next send (or sooner) the same paper shows DICABUT.
    const revoked = await revokeDocument(
      hub,
      { documentNumber: issued.documentNumber ?? '', reason: 'Data salah cetak' },
      hub.at(),
    );
    if (!revoked.ok) throw new Error(revoked.problem);
    await sync.openSync();
    await sync.sendNow();
    await sync.openVerify();
    const withdrawn = await sync.verify(printed.qr);
    expect(withdrawn).toMatchObject({
      status: 'revoked',
      word: 'DICABUT',
      number: issued.documentNumber,
      revokeReason: 'Data salah cetak',
    });
    scans['verify (revoked)'] = await accessibilityProblems(page);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('USB round trip: bad folders named, export, import at the hub, receipts back', async () => {
    const { page, errors } = await e2e.open();
    await page.getByTestId('kiosk-home').waitFor();
    await login(page, DEWI);
    // New work to send: blank forms received at the station are a record for the district.
    await page.getByTestId('nav-stock').click();
    await page.getByTestId('stock-move-count').fill('50');
    await page.getByTestId('stock-move-note').fill('Kiriman blangko dari Disdukcapil');
    await page.getByTestId('stock-move-submit').click();
    await page.getByTestId('stock-move-saved').waitFor();

    const sync = new SyncPage(page);
    await sync.openSync();
    const pending = await sync.pendingRecords();
    expect(pending).toBeGreaterThan(0);
    const hubRecords = await hubCount('records');

    // A relative path and a missing folder: refused with what to do, nothing written.
    await sync.typeDrivePath('flashdisk');
    await page.getByTestId('sync-usb-export').click();
    expect(await page.getByTestId('sync-usb-error').innerText()).toMatch(
      /^Tulis alamat folder lengkap, dimulai dengan \//,
    );
    await sync.typeDrivePath(join(folder, 'tidak-ada'));
    await page.getByTestId('sync-usb-export').click();
    await page
      .locator('[data-testid="sync-usb-error"] [data-reason="FOLDER_UNAVAILABLE"]')
      .waitFor();
    expect(await page.getByTestId('sync-usb-error').innerText()).toMatch(
      /Folder tidak ditemukan atau tidak dapat ditulisi/,
    );

    const drive = join(folder, 'flashdisk');
    mkdirSync(drive);
    await sync.typeDrivePath(drive);
    const exported = await sync.usbExport();
    expect(exported.written).toBeGreaterThanOrEqual(1);
    expect(
      Number(await page.getByTestId('sync-usb').getAttribute('data-push-count')),
    ).toBeGreaterThan(0);
    expect(exported.text).toContain(drive);
    // Nothing counts as sent before the district's receipt.
    expect(await sync.pendingRecords()).toBe(pending);
    scans['sync (usb exported)'] = await accessibilityProblems(page);

    // At the district office: the hub imports the drive and writes receipts onto it.
    const imports = await hub.importDrive(drive);
    expect(imports.length).toBe(exported.written);
    expect(imports.every((i) => i.ok)).toBe(true);
    expect(await hubCount('records')).toBe(hubRecords + pending);
    // A stray receipt for a packet this station never made is named, not used.
    const unitDir = join(
      drive,
      'lakon-mandira',
      readdirSync(join(drive, 'lakon-mandira'))[0] ?? '',
    );
    const stray = '01900000-0000-7000-8000-000000000000.json';
    writeFileSync(join(unitDir, 'receipts', stray), '{}');

    const back = await sync.usbImport();
    expect(back.receipts).toBe(exported.written);
    expect(back.exported).toBe(pending);
    expect(back.refused).toHaveLength(1);
    expect(back.refused[0]).toContain(stray);
    expect(back.refused[0]).toMatch(/tidak dikenal stasiun ini/);
    await expect.poll(() => sync.pendingRecords()).toBe(0);
    scans['sync (usb imported)'] = await accessibilityProblems(page);

    console.log('axe scans:', scans);
    expect(scans).toEqual(Object.fromEntries(Object.keys(scans).map((k) => [k, []])));
    expect(errors).toEqual([]);
    await page.close();
  });
});
