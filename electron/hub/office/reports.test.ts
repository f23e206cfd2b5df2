import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportArgs, ReportSummary } from '../../contract/office/reports';
import { HUB_BACKENDS, openTestHub, type TestHub } from '../../testing/hub';
import { startTestOffice, type TestOffice } from '../../testing/office';
import { pdfFile, pdfPage, pdfText, tool } from '../../testing/pdf-tools';
import {
  REPORT_DISTRICT,
  REPORT_NOW,
  REPORT_RANGE,
  seedReportData,
} from '../../testing/report-data';
import { OfficeError, type OfficeCall } from './handler';
import { reportsHandlers } from './reports';

const layoutText = (file: string): string =>
  tool('pdftotext', ['-layout', file, '-'], 'poppler-utils').toString('utf8');

/**
 * The district report on both databases from the known data set of electron/testing/
 * report-data.ts (applications either side of Jakarta midnight, issues the same WIB day and the
 * next, returns and rejections, recordings). Every figure is checked against the numbers worked
 * out by hand in the comments here.
 */

const RANGE = REPORT_RANGE;

describe.each(HUB_BACKENDS)('district reports (%s)', (backend) => {
  let test: TestHub;
  const audits: { action: string; detail: Record<string, unknown> }[] = [];
  let call: OfficeCall;

  beforeAll(async () => {
    test = await openTestHub(backend, {
      districtName: REPORT_DISTRICT,
      now: () => new Date(REPORT_NOW),
    });
    await seedReportData(test.hub.db);
    call = {
      hub: test.hub,
      user: { id: 'p1', userName: 'pantau', displayName: 'Pemantau', role: 'pemantau' },
      at: REPORT_NOW,
      audit: (action, detail) => {
        audits.push({ action, detail });
        return Promise.resolve();
      },
    };
  });
  afterAll(async () => {
    await test.close();
  });

  const summary = (args: ReportArgs): Promise<ReportSummary> =>
    reportsHandlers['reports-summary'].run(
      call,
      reportsHandlers['reports-summary'].input.parse(args),
    );

  it('counts applications by Jakarta day, service, channel, station and kecamatan', async () => {
    const report = await summary(RANGE);
    expect(report).toMatchObject({
      districtName: REPORT_DISTRICT,
      generatedAt: REPORT_NOW,
      received: 8,
    });
    expect(
      report.buckets.map((b) => [b.key, b.received, b.receivedTotal, b.issued, b.sameDay]),
    ).toEqual([
      ['2026-12-01', { kiosk: 2, desk: 1, outreach: 0 }, 3, 2, 1],
      ['2026-12-02', { kiosk: 2, desk: 0, outreach: 1 }, 3, 1, 0],
      ['2026-12-03', { kiosk: 1, desk: 1, outreach: 0 }, 2, 1, 0],
    ]);
    expect(report.buckets.map((b) => b.label)).toEqual(['1 Des', '2 Des', '3 Des']);
    expect(report.channels).toEqual([
      { key: 'kiosk', label: 'Anjungan mandiri (kiosk)', count: 5 },
      { key: 'desk', label: 'Loket petugas', count: 2 },
      { key: 'outreach', label: 'Jemput bola', count: 1 },
    ]);
    expect(report.byService).toEqual([
      { key: 'kk-baru', label: 'Kartu Keluarga baru', count: 5 },
      { key: 'akta-lahir', label: 'Akta Kelahiran', count: 3 },
    ]);
    expect(report.byStation).toEqual([
      { key: 'u1', label: 'Kios Kayuagung (KAG)', count: 5 },
      { key: 'u2', label: 'Loket Lempuing (LMP)', count: 3 },
    ]);
    expect(report.byKecamatan).toEqual([
      { key: '160205', label: 'Kayu Agung', count: 4 },
      { key: '160206', label: 'Lempuing', count: 3 },
      { key: '', label: 'Tidak diketahui', count: 1 },
    ]);
    expect(report.byOfficeStatus.map((s) => [s.key, s.count])).toEqual([
      ['baru', 2],
      ['diusulkan', 0],
      ['dikembalikan', 1],
      ['selesai', 4],
      ['ditolak', 1],
    ]);
  });

  it('measures submission to issue: median, p90 and the same Jakarta day', async () => {
    // Issued in the range: a03 1 h (next WIB day), a04 4 h (same day), a05 24 h, a10 48 h.
    // Median (4 + 24) / 2 = 14; p90 at rank 2.7: 24 + 0.7 * 24 = 40.8; same day 1 of 4.
    const report = await summary(RANGE);
    expect(report.turnaround).toEqual({
      issued: 4,
      medianHours: 14,
      p90Hours: 40.8,
      sameDay: 1,
      sameDayShare: 0.25,
    });
  });

  it('lists returns and rejections by reason, latest first, inside the range only', async () => {
    const report = await summary(RANGE);
    expect(report.rejected).toEqual({
      total: 3,
      reasons: [
        { reason: 'Foto KK tidak terbaca', count: 2, latestAt: '2026-12-03T01:00:00.000Z' },
        { reason: 'Bukan penduduk OKI', count: 1, latestAt: '2026-12-01T02:00:00.000Z' },
      ],
    });
    expect(report.returned).toEqual({
      total: 1,
      reasons: [{ reason: '=1+1; "cek" surat', count: 1, latestAt: '2026-12-02T06:00:00.000Z' }],
    });
  });

  it('counts KTP-el recordings made in the range by their status now', async () => {
    const report = await summary(RANGE);
    expect(report.recordings.total).toBe(4);
    expect(report.recordings.byStatus.map((s) => [s.key, s.count])).toEqual([
      ['direkam', 0],
      ['terkirim', 2],
      ['prr', 1],
      ['duplicate', 0],
      ['dicetak', 0],
      ['diserahkan', 1],
    ]);
  });

  it('folds days into ISO weeks and months', async () => {
    const weeks = await summary({ period: 'week', from: '2026-11-25', to: '2026-12-07' });
    expect(weeks.buckets.map((b) => [b.key, b.from, b.to, b.receivedTotal, b.issued])).toEqual([
      ['2026-W48', '2026-11-25', '2026-11-29', 1, 0],
      ['2026-W49', '2026-11-30', '2026-12-06', 10, 5],
      ['2026-W50', '2026-12-07', '2026-12-07', 0, 0],
    ]);
    const months = await summary({ period: 'month', from: '2026-11-01', to: '2026-12-31' });
    expect(months.buckets.map((b) => [b.key, b.label, b.receivedTotal, b.issued])).toEqual([
      ['2026-11', 'Nov 2026', 2, 0],
      ['2026-12', 'Des 2026', 9, 5],
    ]);
    expect(months.received).toBe(11);
  });

  it('refuses a bad range with a reason and reads nothing', async () => {
    const refusal = (args: ReportArgs) =>
      summary(args).then(
        () => null,
        (error: unknown) => (error instanceof OfficeError ? [error.status, error.reason] : error),
      );
    expect(await refusal({ period: 'day', from: '2026-12-03', to: '2026-12-01' })).toEqual([
      400,
      'REPORT_RANGE',
    ]);
    expect(await refusal({ period: 'day', from: '2026-02-30', to: '2026-03-01' })).toEqual([
      400,
      'REPORT_BAD_DAY',
    ]);
    expect(await refusal({ period: 'day', from: '2026-01-01', to: '2026-04-03' })).toEqual([
      400,
      'REPORT_RANGE_TOO_LONG',
    ]);
    expect(await refusal({ period: 'day', from: '2026-01-01', to: '2026-04-02' })).toBeNull();
    expect(await refusal({ period: 'month', from: '2024-01-01', to: '2027-01-01' })).toEqual([
      400,
      'REPORT_RANGE_TOO_LONG',
    ]);
    const input = reportsHandlers['reports-summary'].input;
    expect(input.safeParse({ ...RANGE, period: 'year' }).success).toBe(false);
    expect(input.safeParse({ ...RANGE, from: '1/12/2026' }).success).toBe(false);
    expect(input.safeParse({ ...RANGE, extra: 1 }).success).toBe(false);
  });

  it('downloads the CSV: BOM, semicolons, every section, formulas defused, audited', async () => {
    audits.length = 0;
    const answer = await reportsHandlers['reports-csv'].run(call, RANGE);
    expect(answer.fileName).toBe('laporan-layanan-2026-12-01_2026-12-03-harian.csv');
    expect(
      answer.csv.startsWith('\uFEFFLaporan Layanan Disdukcapil Kabupaten Ogan Komering Ilir\r\n'),
    ).toBe(true);
    const lines = answer.csv.slice(1).split('\r\n');
    expect(lines).toContain('Periode;1 Desember 2026 – 3 Desember 2026');
    expect(lines).toContain('1 Desember 2026;2026-12-01;2026-12-01;2;1;0;3;2;1');
    expect(lines).toContain('kk-baru;Kartu Keluarga baru;5');
    expect(lines).toContain('outreach;Jemput bola;1');
    expect(lines).toContain('u2;Loket Lempuing (LMP);3');
    expect(lines).toContain(';Tidak diketahui;1');
    expect(lines).toContain('4;14;40,8;1;25%');
    expect(lines).toContain('Foto KK tidak terbaca;2;3 Desember 2026 08.00 WIB');
    // The reason starting with = is text, not a formula; its quotes and semicolon are quoted.
    expect(lines).toContain(`"'=1+1; ""cek"" surat";1;2 Desember 2026 13.00 WIB`);
    expect(lines).toContain('terkirim;Terkirim ke Disdukcapil;2');
    expect(lines.filter((l) => l === '')).toHaveLength(11);
    expect(audits).toEqual([{ action: 'reports-csv', detail: { ...RANGE } }]);
  });

  it('prints an A4 PDF with the figures, vector bars and page numbers, audited', async () => {
    audits.length = 0;
    const answer = await reportsHandlers['reports-pdf'].run(call, RANGE);
    expect(answer.fileName).toBe('laporan-layanan-2026-12-01_2026-12-03-harian.pdf');
    const file = pdfFile(answer.pdfBase64);
    const page = pdfPage(file);
    expect([Math.round(page.widthPt), Math.round(page.heightPt)]).toEqual([595, 842]);
    const text = layoutText(file);
    expect(text).toContain('Laporan Layanan Disdukcapil Kabupaten Ogan Komering Ilir');
    expect(text).toContain('Periode: 1 Desember 2026 – 3 Desember 2026');
    // The key figures: labels on one line, values on the next.
    expect(text).toMatch(/Permohonan masuk +Dokumen terbit +Median pengajuan-terbit +P90/);
    expect(text).toMatch(/\n 8 +4 +14 jam +40,8 jam +25% \(1\)\n/);
    expect(text).toMatch(/1 Desember 2026 +2 +1 +0 +3 +2 +1\n/);
    expect(text).toMatch(/3 Desember 2026 +1 +1 +0 +2 +1 +0\n/);
    expect(text).toMatch(/Kartu Keluarga baru +kk-baru +5\n/);
    expect(text).toMatch(/Jemput bola +outreach +1\n/);
    expect(text).toMatch(/Kios Kayuagung \(KAG\) +5\n/);
    expect(text).toMatch(/Tidak diketahui +1\n/);
    expect(text).toMatch(/Selesai \(terbit\) +selesai +4\n/);
    expect(text).toMatch(/=1\+1; "cek" surat +1 +2 Desember 2026 13\.00 WIB/);
    expect(text).toMatch(/Foto KK tidak terbaca +2 +3 Desember 2026 08\.00 WIB/);
    expect(text).toContain('Dikembalikan ke stasiun: 1');
    expect(text).toContain('Ditolak: 3');
    expect(text).toContain('Perekaman KTP-el menurut status saat ini: 4');
    expect(text).toMatch(/Terkirim ke Disdukcapil +terkirim +2\n/);
    expect(text).toMatch(/Diserahkan +diserahkan +1\n/);
    expect(text).toContain(`Halaman 1 dari ${page.pages}`);
    // Bars are filled rectangles: the two charts (8 segments), the table bars (16).
    const stream = readFileSync(file, 'latin1');
    expect((stream.match(/ re f\b/g) ?? []).length).toBeGreaterThanOrEqual(24);
    // Drawn as vector paths: page 1's first chart has a kiosk bar (--blue-700) on each of the
    // three days and an outreach bar (--warning) on 2 Dec, each plus its legend swatch.
    const svg = tool('pdftocairo', ['-svg', '-f', '1', '-l', '1', file, '-'], 'poppler-utils');
    const fills = svg.toString().match(/fill:rgb\([^)]*\)/g) ?? [];
    const near = (r: number, g: number, b: number) =>
      fills.filter((f) => {
        const [fr, fg, fb] = (f.match(/[\d.]+/g) ?? []).map(Number);
        return [fr! - r, fg! - g, fb! - b].every((d) => Math.abs(d) < 0.5);
      }).length;
    expect(near(5.9, 29.8, 50.6)).toBe(4);
    expect(near(96.1, 63.9, 0)).toBe(2);
    expect(audits).toEqual([{ action: 'reports-pdf', detail: { ...RANGE } }]);
  });

  it('spreads a long report over pages, each numbered', async () => {
    const answer = await reportsHandlers['reports-pdf'].run(call, {
      period: 'day',
      from: '2026-10-01',
      to: '2026-12-31',
    });
    const file = pdfFile(answer.pdfBase64);
    const { pages } = pdfPage(file);
    expect(pages).toBeGreaterThan(2);
    const text = pdfText(file);
    for (let i = 1; i <= pages; i += 1) expect(text).toContain(`Halaman ${i} dari ${pages}`);
    expect(text).toContain('31 Desember 2026');
    expect(execFileSync('pdfinfo', [file]).toString()).toMatch(
      /Page size:\s+595\.28 x 841\.89 pts \(A4\)/,
    );
  });
});

describe.each(HUB_BACKENDS)('district reports over HTTP (%s)', (backend) => {
  let office: TestOffice;
  beforeAll(async () => {
    office = await startTestOffice({ backend, now: () => new Date(REPORT_NOW) });
    await seedReportData(office.hub.db);
  });
  afterAll(async () => {
    await office.close();
  });

  it('answers a pemantau, refuses bad input by reason, audits a download', async () => {
    const pemantau = await office.signInAs('pemantau');
    const entries = async () =>
      (await office.hub.db.selectFrom('office_audit').select('seq').execute()).length;
    const signedIn = await entries();
    const ok = await pemantau.call('reports-summary', RANGE);
    expect(ok.status).toBe(200);
    expect((ok.body as ReportSummary).received).toBe(8);
    const long = await pemantau.call('reports-summary', {
      ...RANGE,
      to: '2026-12-31',
      from: '2026-01-01',
    });
    expect([long.status, (long.body as { reason: string }).reason]).toEqual([
      400,
      'REPORT_RANGE_TOO_LONG',
    ]);
    const bad = await pemantau.call('reports-summary', { ...RANGE, period: 'year' });
    expect(bad.status).toBe(400);
    // Reading the figures leaves no audit entry (and a refusal changes nothing).
    expect(await entries()).toBe(signedIn);
    const csv = await pemantau.call('reports-csv', RANGE);
    expect(csv.status).toBe(200);
    const audit = await office.hub.db
      .selectFrom('office_audit')
      .select(['action', 'user_name', 'role', 'detail'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      action: 'reports-csv',
      user_name: pemantau.user.userName,
      role: 'pemantau',
    });
    expect(JSON.parse(audit.detail)).toEqual({ ...RANGE });
    expect(await entries()).toBe(signedIn + 1);
  });
});
