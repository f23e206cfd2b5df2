import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertDocument } from '../../db/queries/hub-updates';
import {
  applyEnrolmentAnswer,
  enrolmentRequest,
  syncTarget,
} from '../../electron/core/sync/enrolment';
import { hubFetch } from '../../electron/core/sync/hub-fetch';
import { pullUpdates } from '../../electron/core/sync/pull';
import { syncRun } from '../../electron/core/sync/run';
import { stationKeys, type StationKeys } from '../../electron/core/sync/station-keys';
import { DEFAULT_UPLOAD, type SyncTarget } from '../../electron/core/sync/upload';
import type { fixedClock } from '../../electron/core/system-ports';
import { keyId } from '../../electron/protocol/packet/keys';
import { SRI } from '../../electron/testing/desk';
import { seedRecordings, seedStation } from '../../electron/testing/office-recordings';
import { as, person, recordingArgs } from '../../electron/testing/recording';
import { createTestStation, type TestStation } from '../../electron/testing/station';
import { OFFICE_VIEWPORTS, useOffice } from './office-harness';
import { accessibilityProblems } from './pages/a11y';
import { OfficeRecordingsPage } from './pages/office-recordings';
import { OfficeShellPage } from './pages/office-shell';
import { OfficeStationsPage } from './pages/office-stations';

/**
 * Issue 15 items 6 and 7 in Chromium over HTTPS: an administrator enrols a station by uploading
 * its request file, downloads the answer and reads the district key's fingerprint; the station
 * (in this process, trusting the test CA) syncs, and the list shows its last contact, backlog,
 * offline guard and key. A verifikator marks recordings in the list and from a CSV whose bad line
 * is named by line and nothing is applied until the user confirms having seen it. A
 * penandatangan revokes an issued document; the administrator revokes the station's key and its
 * next request is refused. axe finds nothing serious or critical on these screens at 1366x768
 * and 1920x1080, and nothing scrolls sideways.
 */
const NIK = (n: number) => `160201440190${String(n).padStart(4, '0')}`;

const e2e = useOffice();
const folder = mkdtempSync(join(tmpdir(), 'lm-e2e-office-stations-'));
let station: TestStation;
let keys: StationKeys;
let target: SyncTarget;
const scans: Record<string, string[]> = {};

beforeAll(async () => {
  station = await createTestStation();
  keys = stationKeys(station.ports.keyStore);
  // The hub checks signed requests against its own (real) clock.
  const clock = station.ports.clock as ReturnType<typeof fixedClock>;
  clock.advance(Date.now() - clock.now().getTime());
});
afterAll(async () => {
  await station.dispose();
  rmSync(folder, { recursive: true, force: true });
});

const upload = () => ({ upload: { ...DEFAULT_UPLOAD, fetch: hubFetch(e2e.certificate.ca) } });

/** A back-office page signed in as a new staff member of `role`, with its console errors. */
async function signedIn(
  role: 'admin' | 'verifikator' | 'penandatangan',
): Promise<{ page: Page; errors: string[] }> {
  const user = await e2e.office.createUser(role);
  const opened = await e2e.open();
  await new OfficeShellPage(opened.page).login(user.userName, user.password, user.displayName);
  return opened;
}

/** axe (serious or critical) and sideways overflow on the screen shown, at both sizes. */
async function scan(page: Page, name: string): Promise<void> {
  const shell = new OfficeShellPage(page);
  for (const viewport of OFFICE_VIEWPORTS) {
    await page.setViewportSize(viewport);
    scans[`${name} ${viewport.width}x${viewport.height}`] = [
      ...(await accessibilityProblems(page)),
      ...(await shell.horizontalOverflow()).map((o) => `overflow ${o}`),
    ];
  }
  await page.setViewportSize(OFFICE_VIEWPORTS[0]);
}

describe('back-office stations, keys, recordings and documents', () => {
  it('1. enrols a station from its uploaded request file; the list shows what its packets report', async () => {
    const { page, errors } = await signedIn('admin');
    const stations = new OfficeStationsPage(page, folder);
    await stations.open();
    await scan(page, 'stations (empty)');
    const request = JSON.stringify(enrolmentRequest(station.deps, keys), null, 2);
    const enrolled = await stations.enrol('permintaan-stasiun.json', request);
    expect(await stations.offeredHubUrl()).toBe(e2e.office.url);
    expect(enrolled.answerFileName).toBe(`jawaban-${station.deps.unit.unit_id}.json`);
    expect(enrolled.districtKey.replaceAll(' ', '')).toBe(
      keyId(e2e.office.hub.keys.signing.publicRaw),
    );
    expect(enrolled.stationKey.replaceAll(' ', '')).toBe(keyId(keys.signing.publicRaw));
    await scan(page, 'station enrol');
    const applied = await applyEnrolmentAnswer(station.deps, JSON.parse(enrolled.answer));
    expect(applied.ok).toBe(true);
    const stored = await syncTarget(station.deps);
    if (!stored) throw new Error('the station did not take the answer');
    target = stored;

    // The station records two KTP-el recordings and syncs over HTTPS, trusting the test CA.
    for (const index of [0, 1]) {
      const resident = person(station, index, { birthDate: '1991-04-05' });
      const created = await as(station, SRI).send(
        'recording-create',
        recordingArgs({ residentRef: resident.ref }, 'red'),
      );
      if (!created.ok) throw new Error(JSON.stringify(created.error));
    }
    const sent = await syncRun(station.deps, keys, target, upload());
    expect(sent.receipted).toBeGreaterThan(0);

    await stations.open();
    const name = station.deps.unit.name;
    const health = await stations.health(name);
    expect(health).toMatchObject({ stale: 'fresh', revoked: 'no' });
    expect(health.key).toBe(keyId(keys.signing.publicRaw));
    expect(health.contact).toContain('mnt lalu');
    expect(health.backlog).toContain('catatan');
    expect(health.guard).toContain('Aman');
    // A station never heard from, and one silent for four days, stand out.
    const silent = await seedStation(e2e.office.hub.db, { name: 'Unit Desa Sepi' });
    await e2e.office.hub.db
      .insertInto('station_health')
      .values({
        unit_id: silent.unitId,
        last_contact_at: new Date(Date.now() - 4 * 86_400_000).toISOString(),
        guard_reasons: 'UNSYNCED_OLD',
        guard_level: 'block',
      })
      .execute();
    await stations.reload();
    expect(await stations.health('Unit Desa Sepi')).toMatchObject({ stale: 'lost' });
    expect((await stations.health('Unit Desa Sepi')).guard).toContain('Perekaman baru ditolak');
    await scan(page, 'stations');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('2. marks recordings in the list, and from a CSV only once its bad line was seen and confirmed', async () => {
    const other = await seedStation(e2e.office.hub.db, { name: 'Kecamatan Tanjung Lubuk' });
    const [first, second, third] = (await seedRecordings(e2e.office.hub.db, other.unitId, [
      { nik: NIK(1), name: 'AHMAD FAUZI' },
      { nik: NIK(2), name: 'SRI WAHYUNI' },
      { nik: NIK(3), name: 'JOKO SUSILO' },
    ])) as [string, string, string];
    const { page, errors } = await signedIn('verifikator');
    const recordings = new OfficeRecordingsPage(page, folder);
    await recordings.open();
    expect(await recordings.shownIds()).toEqual(expect.arrayContaining([first, second, third]));
    await scan(page, 'recordings');
    await recordings.tick(first);
    expect(await recordings.markTicked('duplicate', 'ganda dengan perekaman 2019')).toContain(
      '1 perekaman ditandai Ganda',
    );
    await recordings.tab('duplicate');
    expect(await recordings.shownIds()).toEqual([first]);

    await recordings.openCsv();
    await scan(page, 'recordings csv');
    const csv = `\uFEFFNo;Nama;NIK\r\n1;SRI;'${NIK(2)}\r\n2;SALAH KETIK;1,60201E+15\r\n3;JOKO;${NIK(3)}\r\n`;
    const check = await recordings.checkCsv('hasil-dedup.csv', csv, 'prr');
    expect(check.problems).toEqual([{ line: 3, text: 'baris 3: NIK bukan 16 angka' }]);
    expect(check.goodLines).toEqual([2, 4]);
    expect(check.summary).toContain('Belum ada yang diterapkan');
    await scan(page, 'recordings csv checked');
    const dialog = await recordings.startApply();
    expect(await recordings.canConfirm()).toBe(false);
    await scan(page, 'recordings csv confirm');
    // Nothing applied while the user has not confirmed.
    const decided = () =>
      e2e.office.hub.db
        .selectFrom('updates')
        .select('subject_id')
        .where('subject_id', 'in', [second, third])
        .execute();
    expect(await decided()).toEqual([]);
    await recordings.acceptProblems();
    expect(await recordings.canConfirm()).toBe(true);
    expect(await recordings.confirmApply()).toContain(
      '2 perekaman ditandai PRR (siap cetak); 1 baris bermasalah dilewati',
    );
    expect(await dialog.isVisible()).toBe(false);
    expect((await decided()).map((u) => u.subject_id).sort()).toEqual([second, third].sort());

    // An Excel workbook instead of a CSV is refused in words.
    await recordings.checkCsv('hasil.xlsx', Buffer.from('PK\u0003\u0004 not a csv', 'latin1'));
    expect(await recordings.csvError()).toContain('Simpan sebagai');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('3. a penandatangan revokes an issued document with a reason; the station learns it', async () => {
    const number = '1602-KK-08122026-0007';
    await insertDocument(e2e.office.hub.db, {
      document_number: number,
      unit_id: station.deps.unit.unit_id,
      kind: 'kk',
      subject_id: 'application-7',
      signed: JSON.stringify({
        document: { data: { NIK: NIK(9), NAMA_LGKP: 'RATNA SARI' }, signerName: 'Kepala Dinas' },
      }),
      issued_at: new Date().toISOString(),
      revoked_at: null,
      revoke_reason: null,
    });
    const { page, errors } = await signedIn('penandatangan');
    const documents = new OfficeStationsPage(page, folder);
    await documents.openDocuments();
    expect(await documents.searchDocuments(NIK(9))).toEqual([number]);
    await scan(page, 'documents');
    await documents.revokeDocument(number, 'Nomor KK salah ketik, diterbitkan ulang');
    await pullUpdates(station.deps, keys, target, upload().upload);
    expect(
      station.deps.sqlite
        .prepare('SELECT reason FROM revocations WHERE document_number = ?')
        .pluck()
        .get(number),
    ).toBe('Nomor KK salah ketik, diterbitkan ulang');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('4. the administrator revokes the station’s key: its next request is refused', async () => {
    const { page, errors } = await signedIn('admin');
    const stations = new OfficeStationsPage(page, folder);
    await stations.open();
    await stations.revoke(station.deps.unit.name, 'Laptop unit keliling hilang');
    expect((await stations.health(station.deps.unit.name)).revoked).toBe('yes');
    await scan(page, 'stations (revoked)');
    await expect(pullUpdates(station.deps, keys, target, upload().upload)).rejects.toMatchObject({
      reason: 'BAD_SIGNATURE',
    });
    expect(errors).toEqual([]);
    await page.close();
    expect(scans).toEqual(Object.fromEntries(Object.keys(scans).map((key) => [key, []])));
  }, 60_000);
});
