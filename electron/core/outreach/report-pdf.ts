import type { OutreachReportFigures } from '../../contract';
import { getRegion } from '../../../db/queries/regions';
import type { OutreachEventRow } from '../../../db/queries/outreach-report';
import { escapeHtml } from '../common/html';
import { formatJakarta, longDay } from '../common/jakarta';
import type { CoreDeps } from '../deps';
import { AGE_BANDS, eventDays, UNKNOWN_BAND } from './report';
import { barChartSvg, stackedBarChartSvg } from './report-charts';

/**
 * The report as an A4 document (issue 16 item 6): HTML with the charts as inline SVG
 * (report-charts.ts), printed to PDF by the station's printer port (Chromium: the bars stay
 * vector paths). Every text from the database is escaped.
 */

/** What the report says about its event: names of its places, its days. */
export interface ReportEventInfo {
  name: string;
  venue: string;
  villages: { code: string; name: string }[];
  kecamatan: { code: string; name: string };
  days: string[];
  status: string;
  isTraining: boolean;
  startedAt: string | null;
  closedAt: string | null;
  unitName: string;
}

export async function reportEventInfo(
  deps: CoreDeps,
  event: OutreachEventRow,
): Promise<ReportEventInfo> {
  let codes: string[] = [];
  try {
    const parsed = JSON.parse(event.village_codes) as unknown;
    if (Array.isArray(parsed)) codes = parsed.filter((c): c is string => typeof c === 'string');
  } catch {
    codes = [];
  }
  const villages = [];
  for (const code of codes)
    villages.push({ code, name: (await getRegion(deps.db, code))?.name ?? code });
  const kecamatan = await getRegion(deps.db, event.kecamatan_code);
  return {
    name: event.name,
    venue: event.venue,
    villages,
    kecamatan: { code: event.kecamatan_code, name: kecamatan?.name ?? event.kecamatan_code },
    days: eventDays(event),
    status: event.status,
    isTraining: event.is_training === 1,
    startedAt: event.started_at,
    closedAt: event.closed_at,
    unitName: deps.unit.name,
  };
}

export function scopeTitle(scope: string, days: readonly string[]): string {
  if (scope !== 'event') return `Hari ${longDay(scope)}`;
  if (days.length === 0) return 'Seluruh kegiatan';
  const first = days[0] as string;
  const last = days[days.length - 1] as string;
  return days.length === 1
    ? `Seluruh kegiatan (${longDay(first)})`
    : `Seluruh kegiatan (${longDay(first)} – ${longDay(last)}, ${days.length} hari)`;
}

const n = (value: number): string => new Intl.NumberFormat('id-ID').format(value);
const share = (value: number | null): string =>
  value === null
    ? '–'
    : `${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format(value * 100)}%`;
const minutes = (value: number | null): string =>
  value === null
    ? '–'
    : `${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format(value)} mnt`;
const e = escapeHtml;

const STATUS_ID: Record<string, string> = {
  waiting: 'Menunggu',
  'in-progress': 'Sedang dikerjakan',
  'follow-up': 'Ditindaklanjuti',
};
const ITEM_ID: Record<string, string> = {
  'blanko-ktp-el': 'Blanko KTP-el',
  'blanko-kia': 'Blanko KIA',
  ribbon: 'Pita (ribbon)',
};

export interface ConfirmationMark {
  version: number;
  confirmedBy: string;
  confirmedAt: string;
}

/** The whole report as one HTML document (A4 portrait). */
export function reportHtml(
  info: ReportEventInfo,
  figures: OutreachReportFigures,
  confirmation: ConfirmationMark | null,
): string {
  const asked = figures.services.reduce((sum, s) => sum + s.total, 0);
  const done = figures.services.reduce((sum, s) => sum + s.done, 0);
  const bands = [
    ...AGE_BANDS,
    ...(figures.services.some((s) => (s.byAgeBand[UNKNOWN_BAND] ?? 0) > 0) ? [UNKNOWN_BAND] : []),
  ];
  const labels = figures.services.map((s) => s.title.id);
  const bar = barChartSvg(
    'Layanan per jenis (diminta)',
    figures.services.map((s) => ({ label: s.title.id, value: s.total })),
  );
  const bySex = stackedBarChartSvg('Layanan menurut jenis kelamin', labels, [
    { label: 'Laki-laki', values: figures.services.map((s) => s.male) },
    { label: 'Perempuan', values: figures.services.map((s) => s.female) },
    {
      label: 'Tidak diketahui',
      values: figures.services.map((s) => s.total - s.male - s.female),
    },
  ]);
  const byAge = stackedBarChartSvg(
    'Layanan menurut kelompok umur',
    labels,
    bands.map((band) => ({
      label: band === UNKNOWN_BAND ? 'Umur tidak diketahui' : `${band} th`,
      values: figures.services.map((s) => s.byAgeBand[band] ?? 0),
    })),
  );
  const places = info.villages.map((v) => v.name).join(', ');
  const key: [string, string, string][] = [
    ['fig-visitors', 'Pengunjung', n(figures.visitors)],
    ['fig-served', 'Orang dilayani', n(figures.peopleServed)],
    ['fig-asked', 'Layanan diminta', n(asked)],
    ['fig-done', 'Layanan selesai', n(done)],
    ['fig-same-day', 'Selesai hari yang sama', share(figures.sameDayShare)],
    ['fig-first', 'Perekaman pertama (16–17 th)', n(figures.firstTimeRecordings)],
    ['fig-prints', 'Cetakan', n(figures.prints)],
  ];
  const serviceRows = figures.services
    .map(
      (s) => `<tr><th scope="row">${e(s.title.id)}</th><td>${n(s.total)}</td><td>${n(s.done)}</td>
        <td>${n(s.male)}</td><td>${n(s.female)}</td>${bands.map((b) => `<td>${n(s.byAgeBand[b] ?? 0)}</td>`).join('')}
        <td>${minutes(s.medianMinutes)}</td><td>${n(s.sameDay)}</td></tr>`,
    )
    .join('');
  const blankRows = figures.blanks.items
    .map(
      (
        b,
      ) => `<tr><th scope="row">${e(ITEM_ID[b.item] ?? b.item)}</th><td>${n(b.out)}</td><td>${n(b.used)}</td>
        <td>${n(b.spoiled)}</td><td>${n(b.returned)}</td><td>${n(b.left)}</td></tr>`,
    )
    .join('');
  const titleOf = new Map(figures.services.map((s) => [s.serviceCode, s.title.id]));
  const pendingRows = figures.pending
    .map(
      (
        p,
      ) => `<tr><td>${e(longDay(p.day))}</td><td>${e(p.number)}</td><td>${e(titleOf.get(p.serviceCode) ?? p.serviceCode)}</td>
        <td>${e(STATUS_ID[p.status] ?? p.status)}</td><td>${e(p.reason || '–')}</td></tr>`,
    )
    .join('');
  const mark = confirmation
    ? `Dikonfirmasi oleh ${e(confirmation.confirmedBy)}, ${e(formatJakarta(confirmation.confirmedAt))} (versi ${confirmation.version})`
    : 'DRAF – belum dikonfirmasi ketua tim';
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Laporan kegiatan ${e(info.name)}</title>
<style>
@page { size: A4 portrait; margin: 14mm 14mm 16mm 14mm }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9pt; color: #101828 }
h1 { font-size: 14pt; margin: 0 0 2mm } h2 { font-size: 11pt; margin: 5mm 0 2mm }
p { margin: 0 0 1mm } .muted { color: #475467 }
table { border-collapse: collapse; width: 100%; margin-bottom: 2mm }
th, td { border: 0.3mm solid #98a2b3; padding: 1mm 1.5mm; text-align: left; vertical-align: top }
td { text-align: right } td.text { text-align: left }
.key td { font-weight: bold; font-size: 11pt }
.pending td { text-align: left }
svg { display: block; width: 100%; height: auto; margin: 1mm 0 }
figure { margin: 0; break-inside: avoid }
.mark { margin-top: 4mm; font-weight: bold }
</style></head><body>
<h1>LAPORAN KEGIATAN JELADES SEMEDI${info.isTraining ? ' (PELATIHAN)' : ''}</h1>
<p><strong>${e(info.name)}</strong></p>
<p>Desa ${e(places)}, Kecamatan ${e(info.kecamatan.name)} · ${e(info.venue)}</p>
<p>Cakupan: ${e(scopeTitle(figures.scope, info.days))} · ${e(info.unitName)}</p>
<p class="muted">Data per ${e(formatJakarta(figures.generatedAt))}</p>
<h2>Angka utama</h2>
<table class="key"><tbody>${key
    .map(
      ([id, label, value]) =>
        `<tr data-fig="${id}"><th scope="row">${e(label)}</th><td>${e(value)}</td></tr>`,
    )
    .join('')}</tbody></table>
<h2>Grafik</h2>
<figure>${bar}</figure>
<figure>${bySex}</figure>
<figure>${byAge}</figure>
<h2>Layanan</h2>
<table><thead><tr><th>Layanan</th><th>Diminta</th><th>Selesai</th><th>L</th><th>P</th>${bands
    .map((b) => `<th>${b === UNKNOWN_BAND ? 'Umur ?' : `${e(b)} th`}</th>`)
    .join(
      '',
    )}<th>Median waktu</th><th>Hari sama</th></tr></thead><tbody>${serviceRows}</tbody></table>
<h2>Blanko dan pita</h2>
<table><thead><tr><th>Barang</th><th>Dibawa</th><th>Terpakai</th><th>Rusak</th><th>Dikembalikan</th><th>Sisa</th></tr></thead>
<tbody>${blankRows}</tbody></table>
<h2>Belum selesai (${n(figures.pending.length)})</h2>
${
  figures.pending.length === 0
    ? '<p>Tidak ada.</p>'
    : `<table class="pending"><thead><tr><th>Hari</th><th>Nomor</th><th>Layanan</th><th>Status</th><th>Alasan</th></tr></thead><tbody>${pendingRows}</tbody></table>`
}
<p class="mark">${mark}</p>
</body></html>`;
}

/** The report printed to A4 PDF through the station's printer port. */
export async function reportPdf(
  deps: CoreDeps,
  info: ReportEventInfo,
  figures: OutreachReportFigures,
  confirmation: ConfirmationMark | null,
): Promise<Uint8Array> {
  return deps.ports.printer.toPdf({
    html: reportHtml(info, figures, confirmation),
    kind: 'document',
    copies: 1,
  });
}

export function reportFileName(info: ReportEventInfo, scope: string): string {
  const slug = info.name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return `laporan-${slug || 'kegiatan'}-${scope}.pdf`;
}
