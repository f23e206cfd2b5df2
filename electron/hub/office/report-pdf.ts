import type { ReportCount, ReportReason, ReportSummary } from '../../contract/office/reports';
import type { Rgb } from './pdf';
import { inlineBar, stackedBarChart } from './pdf-charts';
import { INK, LINE, MUTED, wrapText, Layout, type TableColumn } from './pdf-layout';
import { hours, reportLines, wibTime } from './report-text';

/**
 * The printable A4 report (issue 15 item 9): title, period, the key figures, applications per
 * period (stacked by channel) and issued per period (same day or later) as vector bar charts,
 * then one table per breakdown with a bar in each row, the reasons of returns and rejections,
 * and KTP-el recordings by status. Colours are the back-office theme's (renderer theme.css).
 */

const hex = (value: string): Rgb => [
  parseInt(value.slice(1, 3), 16) / 255,
  parseInt(value.slice(3, 5), 16) / 255,
  parseInt(value.slice(5, 7), 16) / 255,
];
/** theme.css: --blue-700, --green-700, --warning, --danger, --ink-muted, --blue-600. */
const BLUE = hex('#0f4c81');
const GREEN = hex('#1d6b47');
const AMBER = hex('#f5a300');
const RED = hex('#b3261e');
const GREY = hex('#44566a');
const LIGHT_BLUE = hex('#155fa0');
const CHANNEL_COLOURS: Record<string, Rgb> = { kiosk: BLUE, desk: GREEN, outreach: AMBER };

const SHORT_CHANNEL: Record<string, string> = {
  kiosk: 'Kiosk',
  desk: 'Loket',
  outreach: 'Jemput bola',
};

/** A bucket in the table: the day or month by name, a week by its number and dates. */
function periodText(b: ReportSummary['buckets'][number]): string {
  if (!b.key.includes('W')) return b.title;
  const short = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}`;
  return `${b.label} (${short(b.from)}–${short(b.to)}/${b.to.slice(0, 4)})`;
}

export function channelColour(key: string): Rgb {
  return CHANNEL_COLOURS[key] ?? GREY;
}

export function reportPdf(report: ReportSummary): Buffer {
  const layout = new Layout();
  const text = reportLines(report);
  for (const line of wrapText(text.title, 'Helvetica-Bold', 16, layout.width))
    layout.line(line, { font: 'Helvetica-Bold', size: 16, color: INK });
  layout.y += 2;
  for (const [key, value] of text.meta)
    layout.line(`${key}: ${value}`, { size: 9.5, color: MUTED });
  keyFigures(layout, report, text.sameDayPercent);

  layout.heading('Permohonan masuk per periode, menurut kanal');
  stackedBarChart(layout, {
    categories: report.buckets.map((b) => b.label),
    series: report.channels.map((c) => ({
      label: c.label,
      color: channelColour(c.key),
      values: report.buckets.map((b) => b.received[c.key] ?? 0),
    })),
  });
  layout.heading('Dokumen terbit per periode: hari yang sama dan setelahnya');
  stackedBarChart(layout, {
    categories: report.buckets.map((b) => b.label),
    series: [
      {
        label: 'Terbit hari yang sama',
        color: GREEN,
        values: report.buckets.map((b) => b.sameDay),
      },
      {
        label: 'Terbit setelahnya',
        color: LIGHT_BLUE,
        values: report.buckets.map((b) => b.issued - b.sameDay),
      },
    ],
  });

  layout.heading('Rincian per periode');
  const channelWidth = 64;
  type Bucket = ReportSummary['buckets'][number];
  layout.table<Bucket>(
    [
      {
        title: 'Periode',
        width: layout.width - 160 - channelWidth * report.channels.length,
        text: periodText,
      },
      ...report.channels.map((c): TableColumn<Bucket> => ({
        title: SHORT_CHANNEL[c.key] ?? c.label,
        width: channelWidth,
        align: 'right',
        text: (b) => String(b.received[c.key] ?? 0),
      })),
      { title: 'Jumlah', width: 50, align: 'right', text: (b) => String(b.receivedTotal) },
      { title: 'Terbit', width: 50, align: 'right', text: (b) => String(b.issued) },
      { title: 'Hari sama', width: 60, align: 'right', text: (b) => String(b.sameDay) },
    ],
    report.buckets,
  );

  countSection(layout, 'Permohonan per layanan', 'Layanan', report.byService, BLUE);
  countSection(layout, 'Permohonan per kanal', 'Kanal', report.channels, AMBER);
  countSection(layout, 'Permohonan per stasiun', 'Stasiun', report.byStation, GREEN, false);
  countSection(layout, 'Permohonan per kecamatan', 'Kecamatan', report.byKecamatan, LIGHT_BLUE);
  countSection(layout, 'Status permohonan di Disdukcapil', 'Status', report.byOfficeStatus, GREY);
  reasonSection(
    layout,
    `Dikembalikan ke stasiun: ${report.returned.total}`,
    report.returned.reasons,
  );
  reasonSection(layout, `Ditolak: ${report.rejected.total}`, report.rejected.reasons);
  countSection(
    layout,
    `Perekaman KTP-el menurut status saat ini: ${report.recordings.total}`,
    'Status',
    report.recordings.byStatus,
    RED,
  );
  layout.footers(`${text.title} · ${text.meta[0]?.[1] ?? ''}`);
  return layout.doc.bytes({ title: text.title, createdAt: report.generatedAt });
}

/** A row of boxed key figures under the title. */
function keyFigures(layout: Layout, report: ReportSummary, sameDayPercent: string): void {
  const t = report.turnaround;
  const figures: [string, string][] = [
    ['Permohonan masuk', String(report.received)],
    ['Dokumen terbit', String(t.issued)],
    ['Median pengajuan-terbit', hours(t.medianHours)],
    ['P90 pengajuan-terbit', hours(t.p90Hours)],
    ['Sehari langsung jadi', `${sameDayPercent} (${t.sameDay})`],
  ];
  layout.y += 10;
  layout.ensure(46);
  const gap = 6;
  const width = (layout.width - gap * (figures.length - 1)) / figures.length;
  figures.forEach(([label, value], i) => {
    const x = layout.left + i * (width + gap);
    layout.page.rect(x, layout.y, width, 42, { stroke: LINE, lineWidth: 0.8 });
    layout.page.text(x + 6, layout.y + 13, label, { size: 7.5, color: MUTED });
    layout.page.text(x + 6, layout.y + 32, value, { font: 'Helvetica-Bold', size: 13, color: INK });
  });
  layout.y += 46;
}

/** A "by ..." table with a bar per row; `withKey` adds the code column (not for unit ids). */
function countSection(
  layout: Layout,
  title: string,
  what: string,
  rows: ReportCount[],
  colour: Rgb,
  withKey = true,
): void {
  layout.heading(title);
  const max = Math.max(0, ...rows.map((r) => r.count));
  const labelWidth = withKey ? 230 : 310;
  const columns: TableColumn<ReportCount>[] = [
    { title: what, width: labelWidth, text: (r) => r.label },
    ...(withKey ? [{ title: 'Kode', width: 80, text: (r: ReportCount) => r.key }] : []),
    {
      title: '',
      width: layout.width - 310 - 60,
      draw: inlineBar((r) => r.count, max, colour),
    },
    { title: 'Jumlah', width: 60, align: 'right', text: (r) => String(r.count) },
  ];
  layout.table(columns, rows);
}

function reasonSection(layout: Layout, title: string, rows: ReportReason[]): void {
  layout.heading(title);
  layout.table(
    [
      { title: 'Alasan', width: layout.width - 60 - 150, text: (r) => r.reason },
      { title: 'Jumlah', width: 60, align: 'right', text: (r) => String(r.count) },
      { title: 'Terakhir', width: 150, text: (r) => wibTime(r.latestAt) },
    ],
    rows,
  );
}
