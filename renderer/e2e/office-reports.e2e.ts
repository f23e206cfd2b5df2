import { describe, expect, it } from 'vitest';
import { pdfPage, pdfText } from '../../electron/testing/pdf-tools';
import { REPORT_RANGE, seedReportData } from '../../electron/testing/report-data';
import { OFFICE_VIEWPORTS, useOffice } from './office-harness';
import { accessibilityProblems } from './pages/a11y';
import { OfficeReportsPage } from './pages/office-reports';
import { OfficeShellPage } from './pages/office-shell';

/**
 * Issue 15 item 9 in Chromium over HTTPS: a pemantau (reports only) opens the reports on the
 * known data set (electron/testing/report-data.ts), reads the headline figures, the SVG bars and
 * the reasons, switches the breakdown, downloads the CSV and the A4 PDF, and meets the hub's
 * refusal of a too-long range in words. axe finds no serious or critical problem and nothing
 * scrolls sideways at 1366x768 and 1920x1080.
 */
describe('back-office reports', () => {
  const e2e = useOffice();

  it('shows, charts and downloads the district figures for a pemantau', async () => {
    await seedReportData(e2e.office.hub.db);
    const user = await e2e.office.createUser('pemantau', { displayName: 'Dewi Pemantau' });
    const { page, errors } = await e2e.open();
    const shell = new OfficeShellPage(page);
    await shell.login(user.userName, user.password, user.displayName);
    expect(await shell.navViews()).toContain('reports');
    const reports = new OfficeReportsPage(page);
    await reports.open();
    await reports.setRange(REPORT_RANGE.from, REPORT_RANGE.to);

    expect(await reports.figure('received')).toBe('8');
    expect(await reports.figure('issued')).toBe('4');
    expect(await reports.figure('median')).toBe('14 jam');
    expect(await reports.figure('p90')).toBe('40,8 jam');
    expect(await reports.figure('same-day')).toBe('25%');
    const received = await reports.bars('received-chart');
    expect(received).toContainEqual({ key: '2026-12-01', series: 'kiosk', value: 2 });
    expect(received).toContainEqual({ key: '2026-12-02', series: 'outreach', value: 1 });
    expect(received.reduce((sum, bar) => sum + bar.value, 0)).toBe(8);
    expect(await reports.bars('by-channel')).toEqual([
      { key: 'kiosk', series: null, value: 5 },
      { key: 'desk', series: null, value: 2 },
      { key: 'outreach', series: null, value: 1 },
    ]);
    expect(await reports.reasons('rejected')).toEqual([
      { reason: 'Foto KK tidak terbaca', count: 2 },
      { reason: 'Bukan penduduk OKI', count: 1 },
    ]);

    for (const viewport of OFFICE_VIEWPORTS) {
      await page.setViewportSize(viewport);
      expect(await accessibilityProblems(page), `${viewport.width}`).toEqual([]);
      expect(await shell.horizontalOverflow(), `${viewport.width}`).toEqual([]);
    }
    await page.setViewportSize(OFFICE_VIEWPORTS[0]);

    const csv = await reports.downloadCsv();
    expect(csv.fileName).toBe('laporan-layanan-2026-12-01_2026-12-03-harian.csv');
    expect(csv.text.startsWith('\uFEFFLaporan Layanan')).toBe(true);
    expect(csv.text).toContain('outreach;Jemput bola;1\r\n');
    const pdf = await reports.downloadPdf();
    expect(pdf.fileName).toBe('laporan-layanan-2026-12-01_2026-12-03-harian.pdf');
    expect(pdfPage(pdf.path)).toMatchObject({ widthPt: 595.28, heightPt: 841.89 });
    expect(pdfText(pdf.path)).toContain('Sehari langsung jadi');

    await reports.choosePeriod('week');
    await reports.setRange('2026-11-25', '2026-12-07');
    expect((await reports.bars('received-chart')).reduce((sum, bar) => sum + bar.value, 0)).toBe(
      11,
    );

    await reports.choosePeriod('day');
    await reports.setRange('2026-01-01', '2026-12-31');
    expect(await page.getByTestId('office-reports-error').innerText()).toContain(
      'Rentang terlalu panjang',
    );
    expect(errors).toEqual([]);
  });
});
