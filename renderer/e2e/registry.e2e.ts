import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freshDataDir,
  launchBrowser,
  openPage,
  startStation,
  type RunningStation,
} from './harness';
import { KioskPage } from './pages/kiosk';
import { OfficerPage } from './pages/officer';
import { RegistryPage } from './pages/registry';

/**
 * Registry slice through the station server (issue 3): CSV import with progress and rejects,
 * search (misspelt name, NIK prefix), resident detail, family card, About. One training
 * station for the file; the tests run in order and the later ones use the imported family.
 */

const KK = '1602051506209901';
const HEAD_NIK = '1602051203759901';

// The layout of docs/registry-import.md: SIAK-like column names, one row per resident.
const COLUMNS = [
  'NO_KK', 'NIK', 'NAMA_LGKP', 'JENIS_KLMIN', 'TMPT_LHR', 'TGL_LHR', 'GOL_DRH', 'AGAMA',
  'STAT_KWN', 'TGL_KWN', 'STAT_HBKEL', 'PDDK_AKH', 'JENIS_PKRJN', 'NAMA_LGKP_AYAH',
  'NAMA_LGKP_IBU', 'KWRNGRN', 'ALAMAT', 'NO_RT', 'NO_RW', 'DUSUN', 'KODE_POS', 'NO_PROP',
  'NO_KAB', 'NO_KEC', 'NO_KEL', 'TGL_KELUAR_KK',
]; // prettier-ignore
const FAMILY = [KK];
const PLACE = [
  'WNI',
  'JL. LINTAS TIMUR NO. 12',
  '3',
  '1',
  'DUSUN II',
  '30618',
  '16',
  '02',
  '05',
  '2011',
  '15-06-2020',
];
const ROWS = [
  [...FAMILY, HEAD_NIK, 'JUMADI SUGONDO', '1', 'KAYUAGUNG', '12-03-1975', '4', '1', '2', '10-06-2000', '1', '5', '9', 'KARTO SUGONDO', 'SITI AMINAH', ...PLACE],
  [...FAMILY, '1602055708789901', 'RATNA KUSUMAWATI', '2', 'PALEMBANG', '1978-08-17', '1', 'ISLAM', 'KAWIN', '2000-06-10', 'ISTRI', '4', '2', 'HARUN', 'MARYAM', ...PLACE],
  [...FAMILY, '1602050502059901', 'ARIF SUGONDO', 'L', 'KAYUAGUNG', '05-02-2005', '13', '1', '1', '', '4', '5', '3', 'JUMADI SUGONDO', 'RATNA KUSUMAWATI', ...PLACE],
  // Month 13 in the NIK: a hard NIK error, so this row (line 5) is rejected with its reason.
  [...FAMILY, '1602051013999901', 'SALAH BULAN', '1', 'KAYUAGUNG', '10-01-1999', '4', '1', '1', '', '4', '5', '3', 'JUMADI SUGONDO', 'RATNA KUSUMAWATI', ...PLACE],
]; // prettier-ignore
const CSV = [COLUMNS, ...ROWS]
  .map((row) => row.map((v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(','))
  .join('\r\n');

/** A synthetic extract of `count` valid rows (families of four), big enough to take a while. */
function bigExtract(count: number): string {
  const letters = (n: number) =>
    Array.from({ length: 4 }, (_, i) =>
      String.fromCharCode(65 + (Math.floor(n / 26 ** i) % 26)),
    ).join('');
  const lines = [COLUMNS.join(',')];
  for (let i = 0; i < count; i += 1) {
    const dd = String(1 + (i % 28)).padStart(2, '0');
    const mm = String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0');
    const yy = String(50 + (Math.floor(i / 336) % 40));
    const nik = `160205${dd}${mm}${yy}${9000 + Math.floor(i / 13_440)}`;
    const kk = `160205${String(Math.floor(i / 4)).padStart(10, '0')}`;
    const isHead = i % 4 === 0;
    lines.push(
      [kk, nik, `UJI ${letters(i)}`, '1', 'KAYUAGUNG', `${dd}-${mm}-19${yy}`, '4', '1',
        isHead ? '2' : '1', '', isHead ? '1' : '4', '5', '9', 'AYAH UJI', 'IBU UJI', ...PLACE,
      ].join(','),
    ); // prettier-ignore
  }
  return lines.join('\n');
}

let browser: Browser;
let station: RunningStation;
let page: Page;
let errors: string[];
let registry: RegistryPage;

beforeAll(async () => {
  browser = await launchBrowser();
  station = await startStation(freshDataDir());
  ({ page, errors } = await openPage(browser, station.url));
  const kiosk = new KioskPage(page);
  await kiosk.waitForHome();
  await kiosk.enterOfficerMode();
  await page.getByTestId('officer-user').waitFor();
  registry = new RegistryPage(page);
});
afterAll(async () => {
  await page?.close();
  await station?.stop();
  await browser?.close();
});

describe('resident registry in the officer shell', () => {
  it('imports a CSV with progress, reports the bad row, and a second run changes nothing', async () => {
    await registry.openImport();
    const run = await registry.importFile('kijang-ulu.csv', CSV);
    expect(await run.getAttribute('data-status')).toBe('done');
    // Progress came as pushes for this import and ended full.
    expect(Number(await run.getAttribute('data-push-count'))).toBeGreaterThan(0);
    const bar = await registry.progressValues();
    expect(bar.max).toBeGreaterThan(0);
    expect(bar.now).toBe(bar.max);
    expect(bar.percent).toBe('100');
    expect(await page.getByTestId('import-result').innerText()).toMatch(
      /4 baris dibaca, 3 diterima \(3 .*\), 1 ditolak/,
    );

    const rejects = await registry.rejectRows();
    expect(rejects).toHaveLength(1);
    expect(rejects[0]).toMatchObject({ line: '5', code: 'NIK_MONTH' });
    expect(rejects[0]?.text).toMatch(/Bulan lahir 13/);
    // The NIK as given, masked like every list (domain §6.3).
    expect(rejects[0]?.text).toContain('160205********01');
    expect(rejects[0]?.text).not.toContain('1602051013999901');
    expect(await page.getByTestId('rejects-range').innerText()).toMatch(/1–1 dari 1/);
    expect(await registry.accessibilityProblems()).toEqual([]);
    expect(await registry.smallTargets()).toEqual([]);

    const [first] = await registry.historyRows();
    expect(first).toMatchObject({ status: 'done', read: '4', accepted: '3', changed: '3' });
    expect(first?.rejected).toBe('1');

    // The same file again: every row is known, nothing changes, the same row is rejected.
    const again = await registry.importFile('kijang-ulu.csv', CSV);
    expect(await again.getAttribute('data-status')).toBe('done');
    expect(await page.getByTestId('import-result').innerText()).toMatch(
      /4 baris dibaca, 3 diterima \(0 .*\), 1 ditolak/,
    );
    await page.locator(`[data-testid="import-row"]:not([data-id="${first?.id}"])`).waitFor();
    const history = await registry.historyRows();
    expect(history).toHaveLength(2);
    expect(history.find((row) => row.id !== first?.id)).toMatchObject({
      status: 'done',
      accepted: '3',
      changed: '0',
      rejected: '1',
    });
    expect(errors).toEqual([]);
  });

  it('finds the imported head by old spelling, a typo and NIK prefix; filters narrow the search', async () => {
    await registry.openSearch();
    expect(await registry.search('1602')).toBe('hint');
    expect(await page.getByTestId('registry-hint').innerText()).toMatch(/minimal 6 angka/);
    expect(await registry.search('budi 2')).toBe('hint');
    expect(await page.getByTestId('registry-hint').innerText()).toMatch(/Jangan dicampur/);

    expect(await registry.search('djoemadi soegondo')).toBe('results');
    const byName = await registry.results();
    const head = byName.find((r) => r.text.includes('JUMADI SUGONDO'));
    expect(head).toBeDefined();
    // Lists mask the numbers: kecamatan prefix and the last two digits only.
    expect(head?.text).toContain('NIK 160205********01');
    expect(head?.text).toContain('KK 160205********01');
    expect(head?.text).not.toContain(HEAD_NIK);
    expect(head?.text).toMatch(/KEPALA KELUARGA/);
    expect(head?.text).toMatch(/12-03-1975/);
    expect(await page.getByTestId('registry-took').innerText()).toMatch(/\d+ ms/);
    expect(await registry.accessibilityProblems()).toEqual([]);
    expect(await registry.smallTargets()).toEqual([]);

    // A typing slip (two letters swapped) still finds him, ranked as a similar name.
    expect(await registry.search('jumadi sugnodo')).toBe('results');
    const typo = (await registry.results()).find((r) => r.ref === head?.ref);
    expect(typo?.matchedBy).toBe('name-fuzzy');
    expect(typo?.text).toMatch(/Nama mirip/);

    // Filters narrow the same name search: birth years, sex, the unit's village, a region code.
    expect(await registry.search('sugondo')).toBe('results');
    expect((await registry.results()).some((r) => r.text.includes('ARIF SUGONDO'))).toBe(true);
    await page.getByTestId('filter-year-from').fill('1975');
    await page.getByTestId('filter-year-to').fill('1975');
    expect(await registry.waitForArgs(['"birthYearFrom":1975', '"birthYearTo":1975'])).toBe(
      'results',
    );
    const born1975 = await registry.results();
    expect(born1975.some((r) => r.text.includes('JUMADI SUGONDO'))).toBe(true);
    expect(born1975.every((r) => r.text.includes('-1975'))).toBe(true);
    await page.getByTestId('filter-sex').selectOption('2');
    await registry.waitForArgs(['"birthYearTo":1975', '"sex":2']);
    const women = await registry.results();
    expect(women.every((r) => r.text.includes('PEREMPUAN') && !r.text.includes('JUMADI'))).toBe(
      true,
    );
    await page.getByTestId('filter-sex').selectOption('');
    await page.getByTestId('filter-year-from').fill('');
    await page.getByTestId('filter-year-to').fill('');
    await page.getByTestId('filter-area').selectOption('village');
    expect(await registry.waitForArgs(['"villageCode":"1602052011"'])).toBe('results');
    const inVillage = await registry.results();
    expect(inVillage.some((r) => r.text.includes('ARIF SUGONDO'))).toBe(true);
    expect(inVillage.every((r) => r.text.includes('Kijang Ulu'))).toBe(true);
    await page.getByTestId('filter-area').selectOption('code');
    await page.getByTestId('filter-code').fill('16.02.02');
    await registry.waitForArgs(['"districtCode":"160202"']);
    expect((await registry.results()).some((r) => r.text.includes('SUGONDO'))).toBe(false);
    await registry.openSearch(); // a nav tap starts a fresh search without filters

    expect(await registry.search('1602051203759')).toBe('results');
    const byPrefix = await registry.results();
    expect(byPrefix.find((r) => r.ref === head?.ref)?.matchedBy).toBe('nik-prefix');
    expect(byPrefix.every((r) => /NIK 160205\*{8}\d{2}/.test(r.text))).toBe(true);

    expect(await registry.search('zzqxw vbnmk')).toBe('empty');
    expect(await registry.emptyText()).toMatch(/Tidak ada penduduk yang cocok/);

    // Keyboard: ↓ from the field to the first result, Enter opens it.
    await registry.search('1602051203759901');
    await page.getByTestId('registry-query').press('ArrowDown');
    await page.keyboard.press('Enter');
    const fields = await registry.detailFields();
    expect(fields).toMatchObject({
      NIK: HEAD_NIK,
      'Nama Lengkap': 'JUMADI SUGONDO',
      'Jenis Kelamin': 'LAKI-LAKI',
      'Tempat Lahir': 'KAYUAGUNG',
      Agama: 'ISLAM',
      Pendidikan: 'SLTA/SEDERAJAT',
      'Jenis Pekerjaan': 'PETANI/PEKEBUN',
      'Status Perkawinan': 'KAWIN TERCATAT',
      'Tanggal Perkawinan': '10-06-2000',
      'Status Hubungan Dalam Keluarga': 'KEPALA KELUARGA',
      Kewarganegaraan: 'WNI',
      'Golongan Darah': 'O',
      'Nama Ayah': 'KARTO SUGONDO',
      'Nama Ibu': 'SITI AMINAH',
      'RT/RW': '003/001',
    });
    expect(fields['Tanggal Lahir']).toMatch(/^12-03-1975 \(\d+ tahun\)$/);
    expect(await page.getByTestId('resident-kk').innerText()).toBe(KK);
    expect(await registry.accessibilityProblems()).toEqual([]);
    expect(await registry.smallTargets()).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('shows the family card in the KK layout, marked as a registry view', async () => {
    await registry.openFamilyFromDetail();
    const card = registry.family();
    expect(await page.getByTestId('kk-notice').innerText()).toMatch(/BUKAN DOKUMEN RESMI/);
    expect(await card.locator('h2').first().innerText()).toMatch(/KARTU KELUARGA/);
    expect(await page.getByTestId('kk-number').innerText()).toBe(KK);
    const header = await registry.familyHeader();
    expect(Object.keys(header)).toEqual([
      'Nama Kepala Keluarga', 'Alamat', 'RT/RW', 'Desa/Kelurahan',
      'Kecamatan', 'Kabupaten/Kota', 'Kode Pos', 'Provinsi',
    ]); // prettier-ignore
    expect(header['Nama Kepala Keluarga']).toBe('JUMADI SUGONDO');
    expect(header['Alamat']).toMatch(/JL\. LINTAS TIMUR NO\. 12/i);
    expect(header['RT/RW']).toBe('003/001');
    expect(header['Desa/Kelurahan']).toMatch(/KIJANG ULU.*16\.02\.05\.2011/i);
    expect(header['Kecamatan']).toMatch(/KAYU AGUNG/i);
    expect(header['Kabupaten/Kota']).toMatch(/OGAN KOMERING ILIR/i);
    expect(header['Kode Pos']).toBe('30618');
    expect(header['Provinsi']).toMatch(/SUMATERA SELATAN/i);

    const kk = await registry.familyRows();
    expect(kk.head1.map((h) => h.toUpperCase())).toEqual([
      'NO', 'NAMA LENGKAP', 'NIK', 'JENIS KELAMIN', 'TEMPAT LAHIR', 'TANGGAL LAHIR', 'AGAMA',
      'PENDIDIKAN', 'JENIS PEKERJAAN', 'GOLONGAN DARAH',
    ]); // prettier-ignore
    expect(kk.head2.map((h) => h.toUpperCase())).toEqual([
      'NO', 'STATUS PERKAWINAN', 'TANGGAL PERKAWINAN', 'STATUS HUBUNGAN DALAM KELUARGA',
      'KEWARGANEGARAAN', 'DOKUMEN IMIGRASI', 'NAMA ORANG TUA', 'NO. PASPOR', 'NO. KITAP', 'AYAH',
      'IBU',
    ]); // prettier-ignore
    // Three members: the rejected row is not one of them, and the second import added nobody.
    expect(kk.rows1.map((r) => r[1])).toHaveLength(3);
    expect(kk.rows1.map((r) => r[1]).sort()).toEqual([
      'ARIF SUGONDO',
      'JUMADI SUGONDO',
      'RATNA KUSUMAWATI',
    ]);
    expect(kk.rows1[0]).toEqual([
      '1', 'JUMADI SUGONDO', HEAD_NIK, 'LAKI-LAKI', 'KAYUAGUNG', '12-03-1975', 'ISLAM',
      'SLTA/SEDERAJAT', 'PETANI/PEKEBUN', 'O',
    ]); // prettier-ignore
    const wife = kk.rows1.findIndex((r) => r[1] === 'RATNA KUSUMAWATI');
    expect(kk.rows1[wife]?.slice(2)).toEqual([
      '1602055708789901', 'PEREMPUAN', 'PALEMBANG', '17-08-1978', 'ISLAM', 'SLTP/SEDERAJAT',
      'MENGURUS RUMAH TANGGA', 'A',
    ]); // prettier-ignore
    expect(kk.rows2[0]).toEqual([
      '1', 'KAWIN TERCATAT', '10-06-2000', 'KEPALA KELUARGA', 'WNI', '—', '—', 'KARTO SUGONDO',
      'SITI AMINAH',
    ]); // prettier-ignore
    const child = kk.rows2.find((r) => r[8] === 'RATNA KUSUMAWATI');
    expect(child?.slice(1, 5)).toEqual(['BELUM KAWIN', '—', 'ANAK', 'WNI']);
    expect(await page.getByTestId('kk-footer').innerText()).toMatch(
      /Dikeluarkan tanggal: 15-06-2020/,
    );
    await page.getByTestId('kk-history').waitFor();
    expect(await registry.accessibilityProblems()).toEqual([]);
    expect(await registry.smallTargets()).toEqual([]);

    // A member's name opens that member; back returns to the card, then to the search.
    await card.getByTestId('kk-member').filter({ hasText: 'ARIF SUGONDO' }).click();
    expect((await registry.detailFields())['Nama Lengkap']).toBe('ARIF SUGONDO');
    await registry.back('resident');
    await page.getByTestId('kk-number').waitFor();
    await registry.back('family');
    await registry.back('resident');
    expect(await page.getByTestId('registry-query').inputValue()).toBe('1602051203759901');
    expect(errors).toEqual([]);
  });

  it('finds a seeded training resident by NIK prefix and a misspelt name', async () => {
    await registry.openSearch();
    expect(await registry.search('160205')).toBe('results');
    const imported = ['JUMADI SUGONDO', 'RATNA KUSUMAWATI', 'ARIF SUGONDO'];
    const seeded = (await registry.results()).filter(
      (r) => !imported.some((name) => r.text.includes(name)),
    );
    expect(seeded.length).toBeGreaterThan(0);
    // A name with a U or a J has an old-spelling variant (oe for u, dj for j).
    let target: { ref: string; nik: string; name: string; kk: string } | null = null;
    for (const row of seeded.slice(0, 10)) {
      await registry.openResult(row.ref);
      const fields = await registry.detailFields();
      const name = fields['Nama Lengkap'] ?? '';
      const nik = fields['NIK'] ?? '';
      const kk = await page.getByTestId('resident-kk').innerText();
      await registry.back('resident');
      await registry.waitForOutcome('160205');
      if (/[UJ]/.test(name)) {
        target = { ref: row.ref, nik, name, kk };
        break;
      }
    }
    expect(target).not.toBeNull();
    if (!target) return;

    expect(await registry.search(target.nik.slice(0, 10))).toBe('results');
    expect((await registry.results()).some((r) => r.ref === target.ref)).toBe(true);

    const variant = target.name
      .toLowerCase()
      .replace('u', 'oe')
      .replace(/(?<!d)j/, 'dj');
    expect(variant).not.toBe(target.name.toLowerCase());
    expect(await registry.search(variant)).toBe('results');
    const found = (await registry.results()).find((r) => r.ref === target.ref);
    expect(found).toBeDefined();

    await registry.openResult(target.ref);
    await registry.openFamilyFromDetail();
    expect(await page.getByTestId('kk-number').innerText()).toBe(target.kk);
    const kk = await registry.familyRows();
    expect(kk.rows1.some((r) => r[2] === target.nik && r[1] === target.name)).toBe(true);
    expect(kk.rows1.map((r) => r[0])).toEqual(kk.rows1.map((_, i) => String(i + 1)));
    expect(kk.rows2).toHaveLength(kk.rows1.length);
    expect(errors).toEqual([]);
  });

  it('credits the region data (ODbL) on the About screen, from the shell and from status', async () => {
    const officer = new OfficerPage(page);
    const attribution = await registry.openAbout();
    expect(attribution).toBe(
      'Data wilayah: idn-area-data 4.0.1 (fityannugroho), Kepmendagri 300.2.2-2138/2025, lisensi ODbL 1.0',
    );
    await page
      .getByTestId('about-version')
      .filter({ hasText: /\d+\.\d+\.\d+/ })
      .waitFor();
    expect(await registry.accessibilityProblems()).toEqual([]);
    expect(await registry.smallTargets()).toEqual([]);
    await page.getByTestId('lang-toggle').click();
    expect(await page.getByTestId('about-attribution').innerText()).toMatch(
      /^Region data: idn-area-data 4\.0\.1 \(fityannugroho\).*ODbL 1\.0$/,
    );
    await page.getByTestId('lang-toggle').click();
    await officer.openStatus();
    await page.getByTestId('status-about').click();
    expect(await page.getByTestId('about-attribution').innerText()).toMatch(/ODbL 1\.0/);
    expect(await page.getByTestId('training-banner').innerText()).toMatch(/MODE PELATIHAN/);
    expect(errors).toEqual([]);
  });
  it('pages through the rejected rows of a file with many bad rows', async () => {
    // 22 rows whose NIK has month 13: nothing is accepted, every row is reported.
    const bad = Array.from({ length: 22 }, (_, i) =>
      [...ROWS[3]!].map((v, col) =>
        col === 1 ? `16020510139998${String(i).padStart(2, '0')}` : col === 2 ? `SALAH ${i}` : v,
      ),
    );
    const csv = [COLUMNS, ...bad].map((row) => row.join(',')).join('\n');
    await registry.openImport();
    const run = await registry.importFile('banyak-salah.csv', csv);
    expect(await run.getAttribute('data-status')).toBe('done');
    expect(await page.getByTestId('import-result').innerText()).toMatch(
      /22 baris dibaca, 0 diterima \(0 .*\), 22 ditolak/,
    );
    const first = await registry.rejectRows();
    expect(first.map((r) => r.line)).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 2)));
    expect(await page.getByTestId('rejects-range').innerText()).toBe('Baris 1–20 dari 22');
    expect(await page.getByTestId('rejects-prev').isDisabled()).toBe(true);
    await page.getByTestId('rejects-next').click();
    await page.locator('[data-testid="reject-row"][data-line="23"]').waitFor();
    const second = await registry.rejectRows();
    expect(second.map((r) => r.line)).toEqual(['22', '23']);
    expect(second.every((r) => r.code === 'NIK_MONTH' && r.text.includes('160205********'))).toBe(
      true,
    );
    expect(await page.getByTestId('rejects-range').innerText()).toBe('Baris 21–22 dari 22');
    expect(await page.getByTestId('rejects-next').isDisabled()).toBe(true);
    await page.getByTestId('rejects-prev').click();
    await page.locator('[data-testid="reject-row"][data-line="2"]').waitFor();
    expect(errors).toEqual([]);
  });
  it('cancels a running import and rolls its rows back', async () => {
    const csv = bigExtract(60_000);
    await registry.openImport();
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'besar.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-submit').click();
    // Cancel once rows are being written (the first progress push has arrived).
    await page
      .locator('[data-testid="import-run"][data-phase="running"]:not([data-push-count="0"])')
      .waitFor();
    await page.getByTestId('import-cancel').click();
    await page
      .locator('[data-testid="import-run"][data-phase="ended"]')
      .waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-run').getAttribute('data-status')).toBe('cancelled');
    expect(await page.getByTestId('import-result').innerText()).toMatch(/Dibatalkan/);
    const [latest] = await registry.historyRows();
    expect(latest?.status).toBe('cancelled');
    expect(latest?.text).toMatch(/besar\.csv/);
    // Nothing of the file stays in the registry.
    await registry.openSearch();
    expect(await registry.search('uji aaaa')).toBe('empty');
    expect(await registry.search('1602050101509000')).toBe('empty');
    expect(errors).toEqual([]);
  });
});

describe('an import cut off by a station restart', () => {
  it('is listed as interrupted after the restart and resumes to the end', async () => {
    const dataDir = freshDataDir();
    let running = await startStation(dataDir);
    let opened = await openPage(browser, running.url);
    let kiosk = new KioskPage(opened.page);
    await kiosk.waitForHome();
    await kiosk.enterOfficerMode();
    let screen = new RegistryPage(opened.page);
    await screen.openImport();
    await opened.page.getByTestId('import-file').setInputFiles({
      name: 'terputus.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(bigExtract(120_000)),
    });
    await opened.page.getByTestId('import-submit').click();
    await opened.page
      .locator('[data-testid="import-run"][data-phase="running"]:not([data-push-count="0"])')
      .waitFor({ timeout: 60_000 });
    expect(opened.errors).toEqual([]);
    // The page goes first, so its reconnect attempts do not count as errors; then the station.
    await opened.page.close();
    expect(await running.stop()).toBe(0);

    running = await startStation(dataDir);
    opened = await openPage(browser, running.url);
    kiosk = new KioskPage(opened.page);
    await kiosk.waitForHome();
    await kiosk.enterOfficerMode();
    screen = new RegistryPage(opened.page);
    await screen.openImport();
    const [cut] = await screen.historyRows();
    expect(cut?.status).toBe('interrupted');
    expect(Number(cut?.read)).toBeLessThan(120_000);
    await opened.page.getByTestId('import-resume').click();
    await opened.page
      .locator('[data-testid="import-run"][data-phase="ended"]')
      .waitFor({ timeout: 120_000 });
    expect(await opened.page.getByTestId('import-run').getAttribute('data-status')).toBe('done');
    expect((await screen.progressValues()).percent).toBe('100');
    await opened.page.locator('[data-testid="import-row"][data-status="done"]').waitFor();
    const [done] = await screen.historyRows();
    expect(done).toMatchObject({ id: cut?.id, status: 'done', read: '120000', accepted: '120000' });
    expect(done?.rejected).toBe('0');
    expect(opened.errors).toEqual([]);
    await opened.page.close();
    await running.stop();
  });
});
