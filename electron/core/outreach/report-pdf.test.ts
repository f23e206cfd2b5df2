import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RINA } from '../../testing/desk';
import {
  REPORT_EVENT_COUNTS,
  REPORT_EVENT_ID,
  REPORT_VISITS,
  seedReportEvent,
} from '../../testing/outreach-report';
import { printWithChromium } from '../../testing/outreach-print';
import { valueOf } from '../../testing/outreach-plan';
import { pdfFile, pdfPage, pdfText, tool } from '../../testing/pdf-tools';
import { as } from '../../testing/recording';
import { createTestStation, type TestStation } from '../../testing/station';
import { barChartSvg, BAR_FILL, stackedBarChartSvg } from './report-charts';

/** pdftocairo writes fills as rgb(percent,percent,percent) with six decimals. */
function cairoFill(hex: string): RegExp {
  const parts = [1, 3, 5].map((i) => (parseInt(hex.slice(i, i + 2), 16) / 255) * 100);
  const pattern = parts.map((p) => `${Math.floor(p)}(\\.\\d+)?%`).join(',');
  return new RegExp(`<path[^>]*fill:rgb\\(${pattern}\\)`, 'g');
}

describe('the report charts as SVG text', () => {
  it('escape every text and draw one bar per item', () => {
    const svg = barChartSvg('Judul <b>', [
      { label: '</svg><script>alert(1)</script>', value: 3 },
      { label: 'KIA & "anak"', value: 0 },
    ]);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;/svg&gt;&lt;script&gt;');
    expect(svg).toContain('KIA &amp; &quot;anak&quot;');
    expect(svg.match(new RegExp(`fill="${BAR_FILL}"`, 'g'))).toHaveLength(2);
    const stacked = stackedBarChartSvg(
      'S',
      ['A', 'B'],
      [
        { label: 'L', values: [1, 0] },
        { label: 'P', values: [2, 5] },
      ],
    );
    // Three non-empty segments and two legend squares.
    expect(stacked.match(/<rect /g)).toHaveLength(5);
  });
});

describe('the report PDF (Chromium, A4)', () => {
  let station: TestStation;
  let file: string;
  beforeAll(async () => {
    station = printWithChromium(await createTestStation());
    seedReportEvent(station);
    // An attacker's texts: an event name and a pending reason that look like markup.
    station.deps.sqlite
      .prepare('UPDATE outreach_events SET name = ? WHERE id = ?')
      .run('Kijang Ulu <script>document.title=1</script></svg>', REPORT_EVENT_ID);
    station.deps.sqlite
      .prepare(`UPDATE outreach_visit_services SET reason = ? WHERE status = 'follow-up'`)
      .run('Akta <b>belum</b> ada & "KUA" tutup');
    const pdf = valueOf(
      await as(station, RINA).send('outreach-report-pdf', {
        eventId: REPORT_EVENT_ID,
        scope: 'event',
      }),
    );
    expect(pdf.fileName).toBe('laporan-kijang-ulu-script-document-title-1-scrip-event.pdf');
    file = pdfFile(pdf.base64);
  }, 120_000);
  afterAll(() => station.dispose());

  it('shows the counts the database holds, as text', () => {
    const text = pdfText(file).replace(/\s+/g, ' ');
    const one = (query: string) =>
      station.deps.sqlite.prepare(query).pluck().get(REPORT_EVENT_ID) as number;
    const served = one(
      `SELECT count(*) FROM outreach_visits WHERE event_id = ? AND status = 'done'`,
    );
    const visitors = one(`SELECT count(*) FROM outreach_visits WHERE event_id = ?`);
    const asked = one(
      `SELECT count(*) FROM outreach_visit_services s JOIN outreach_visits v ON v.id = s.visit_id
       WHERE v.event_id = ? AND s.status <> 'cancelled'`,
    );
    const done = one(
      `SELECT count(*) FROM outreach_visit_services s JOIN outreach_visits v ON v.id = s.visit_id
       WHERE v.event_id = ? AND s.status = 'done'`,
    );
    expect([served, visitors, asked, done]).toEqual([
      REPORT_EVENT_COUNTS.peopleServed,
      REPORT_EVENT_COUNTS.visitors,
      REPORT_EVENT_COUNTS.asked,
      REPORT_EVENT_COUNTS.done,
    ]);
    expect(text).toContain(`Pengunjung ${visitors}`);
    expect(text).toContain(`Orang dilayani ${served}`);
    expect(text).toContain(`Layanan diminta ${asked}`);
    expect(text).toContain(`Layanan selesai ${done}`);
    expect(text).toContain('Selesai hari yang sama 50%');
    expect(text).toContain(`Perekaman pertama (16–17 th) ${REPORT_EVENT_COUNTS.firstTime}`);
    expect(text).toContain(`Cetakan ${REPORT_EVENT_COUNTS.prints}`);
    // The blanks row: carried 20, used 3, spoiled 1, returned 0, left 16.
    expect(text).toContain('Blanko KTP-el 20 3 1 0 16');
    expect(text).toContain('DRAF – belum dikonfirmasi ketua tim');
    // Escaped, printed as text.
    expect(text).toContain('Kijang Ulu <script>document.title=1</script></svg>');
    expect(text).toContain('Akta <b>belum</b> ada & "KUA" tutup');
    for (const visit of REPORT_VISITS) expect(text).not.toContain(visit.name);
  });

  it('is A4 and draws its charts as vector paths, not images', () => {
    const page = pdfPage(file);
    expect([Math.round(page.widthPt), Math.round(page.heightPt)]).toEqual([595, 842]);
    const svg = Array.from({ length: page.pages }, (_, i) =>
      tool(
        'pdftocairo',
        ['-svg', '-f', String(i + 1), '-l', String(i + 1), file, '-'],
        'poppler-utils',
      ).toString('utf8'),
    ).join('\n');
    // Bar chart: three services with requests; stacked charts: their first series and legends.
    expect((svg.match(cairoFill(BAR_FILL)) ?? []).length).toBeGreaterThanOrEqual(3 + 2);
    expect(svg).not.toMatch(/<image/);
  });
});
