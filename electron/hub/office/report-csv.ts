import type { ReportCount, ReportSummary } from '../../contract/office/reports';
import { reportLines } from './report-text';

/**
 * The report as CSV for Excel in an Indonesian locale: UTF-8 with a BOM (so Excel reads it as
 * UTF-8), semicolons between cells and decimal commas (id-ID uses the comma for decimals and the
 * semicolon as its list separator), CRLF line ends, one section per table with a blank line
 * between. A cell that starts with = + - @ (or a tab or carriage return) gets a leading
 * apostrophe so no spreadsheet runs it as a formula (CSV injection).
 */
const SEPARATOR = ';';
const BOM = '\uFEFF';

export function csvCell(value: string | number): string {
  let text = typeof value === 'number' ? decimal(value) : value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** 12.5 -> '12,5' (integers as they are). */
export function decimal(value: number): string {
  return String(value).replace('.', ',');
}

function section(title: string, head: string[], rows: (string | number)[][]): string[] {
  return [title, head, ...rows].map((row) =>
    (Array.isArray(row) ? row : [row]).map(csvCell).join(SEPARATOR),
  );
}

const countRows = (rows: ReportCount[]): (string | number)[][] =>
  rows.map((r) => [r.key, r.label, r.count]);

export function reportCsv(report: ReportSummary): string {
  const text = reportLines(report);
  const channels = report.channels;
  const t = report.turnaround;
  const sections: string[][] = [
    [csvCell(text.title), ...text.meta.map(([k, v]) => [k, v].map(csvCell).join(SEPARATOR))],
    section(
      'Permohonan per periode (menurut tanggal pengajuan; terbit menurut tanggal terbit)',
      [
        'Periode',
        'Dari',
        'Sampai',
        ...channels.map((c) => c.label),
        'Jumlah',
        'Terbit',
        'Terbit hari yang sama',
      ],
      report.buckets.map((b) => [
        b.title,
        b.from,
        b.to,
        ...channels.map((c) => b.received[c.key] ?? 0),
        b.receivedTotal,
        b.issued,
        b.sameDay,
      ]),
    ),
    section('Permohonan per layanan', ['Kode', 'Layanan', 'Jumlah'], countRows(report.byService)),
    section('Permohonan per kanal', ['Kode', 'Kanal', 'Jumlah'], countRows(channels)),
    section('Permohonan per stasiun', ['Unit', 'Stasiun', 'Jumlah'], countRows(report.byStation)),
    section(
      'Permohonan per kecamatan',
      ['Kode', 'Kecamatan', 'Jumlah'],
      countRows(report.byKecamatan),
    ),
    section(
      'Status permohonan di Disdukcapil',
      ['Kode', 'Status', 'Jumlah'],
      countRows(report.byOfficeStatus),
    ),
    section(
      'Waktu dari pengajuan sampai terbit',
      ['Terbit', 'Median (jam)', 'P90 (jam)', 'Terbit hari yang sama', 'Persentase hari yang sama'],
      [[t.issued, t.medianHours ?? '', t.p90Hours ?? '', t.sameDay, text.sameDayPercent]],
    ),
    section(
      'Dikembalikan ke stasiun, per alasan (terbaru dahulu)',
      ['Alasan', 'Jumlah', 'Terakhir (WIB)'],
      report.returned.reasons.map((r) => [r.reason, r.count, text.when(r.latestAt)]),
    ),
    section(
      'Ditolak, per alasan (terbaru dahulu)',
      ['Alasan', 'Jumlah', 'Terakhir (WIB)'],
      report.rejected.reasons.map((r) => [r.reason, r.count, text.when(r.latestAt)]),
    ),
    section(
      'Perekaman KTP-el per status',
      ['Kode', 'Status', 'Jumlah'],
      countRows(report.recordings.byStatus),
    ),
  ];
  return BOM + sections.map((lines) => lines.join('\r\n')).join('\r\n\r\n') + '\r\n';
}
