import type { HardwareCheckItem, HardwareCheckLine } from '../../contract';
import { a4Document, governmentHeader } from '../print/templates/frame';
import { esc, up } from '../print/templates/text';
import { formatJakarta } from '../common/jakarta';

/** The printable pass/fail sheet of a hardware check, and the printer's test page (A4). */

export const ITEM_LABELS: Record<HardwareCheckItem, string> = {
  camera: 'Kamera',
  'card-reader': 'Pembaca kartu KTP-el',
  scanner: 'Pemindai (scanner) kode',
  printer: 'Printer (halaman uji)',
  disk: 'Ruang disk',
  database: 'Basis data',
  clock: 'Jam stasiun',
};

export const PASS = 'PASS';
export const FAIL = 'GAGAL';

export interface SheetData {
  id: string;
  at: string;
  by: string;
  unitName: string;
  regionName: string;
  lines: HardwareCheckLine[];
  isTraining: boolean;
}

const CSS = `
table.lines { width: 100%; margin-top: 4mm }
table.lines th, table.lines td { border: 0.3mm solid #000; padding: 1.5mm 2mm; text-align: left; vertical-align: top }
table.lines th { background: #eee }
td.verdict { font-weight: bold; width: 18mm; text-align: center }
td.fail { background: #000; color: #fff }
.meta td { padding: 0.6mm 2mm 0.6mm 0 }
.summary { margin-top: 5mm; font-size: 12pt; font-weight: bold; border: 0.6mm solid #000; padding: 2mm; text-align: center }
.signs { display: flex; justify-content: space-between; margin-top: 12mm }
.signs .sign { width: 70mm }`;

export function sheetHtml(data: SheetData): string {
  const failed = data.lines.filter((l) => !l.passed).length;
  const rows = data.lines
    .map(
      (line, i) =>
        `<tr><td>${i + 1}</td><td>${esc(ITEM_LABELS[line.item])}</td><td class="verdict${line.passed ? '' : ' fail'}">${line.passed ? PASS : FAIL}</td><td>${esc(line.detail)}</td></tr>`,
    )
    .join('');
  const summary =
    failed === 0
      ? `HASIL: SEMUA ${PASS} (${data.lines.length} dari ${data.lines.length})`
      : `HASIL: ${failed} ${FAIL} dari ${data.lines.length}: perbaiki sebelum berangkat`;
  const body = `${governmentHeader()}
<h1>LEMBAR CEK PERANGKAT</h1>
<div class="sub">Pemeriksaan perangkat sebelum berangkat ke lapangan</div>
<table class="meta">
<tr><td>Unit</td><td>: ${up(data.unitName)}</td></tr>
<tr><td>Wilayah</td><td>: ${up(data.regionName)}</td></tr>
<tr><td>Diperiksa oleh</td><td>: ${up(data.by)}</td></tr>
<tr><td>Waktu</td><td>: ${esc(formatJakarta(data.at))}</td></tr>
<tr><td>Nomor cek</td><td>: ${esc(data.id)}</td></tr>
</table>
<table class="lines"><thead><tr><th>No</th><th>Perangkat</th><th>Hasil</th><th>Keterangan</th></tr></thead>
<tbody>${rows}</tbody></table>
<div class="summary">${summary}</div>
<div class="signs"><div class="sign">Petugas pemeriksa<div class="space"></div><div class="name">${up(data.by)}</div></div>
<div class="sign">Mengetahui, Supervisor<div class="space"></div><div class="name">(..............................)</div></div></div>`;
  return a4Document({
    title: 'Lembar Cek Perangkat',
    orientation: 'portrait',
    mark: { kind: 'form' },
    isTraining: data.isTraining,
    unverified: [],
    body,
    css: CSS,
  });
}

const TEST_CSS = `
.bars { display: flex; margin: 6mm 0 } .bars div { flex: 1; height: 18mm }
.ruler { border-top: 0.3mm solid #000; margin: 4mm 0 } .big { font-size: 28pt; font-weight: bold; text-align: center }`;

/** One A4 page: text sizes, a grey ramp and rules, to see that the printer prints all of it. */
export function testPageHtml(data: { at: string; unitName: string; isTraining: boolean }): string {
  const greys = [0, 32, 64, 96, 128, 160, 192, 224]
    .map((g) => `<div style="background: rgb(${g}, ${g}, ${g})"></div>`)
    .join('');
  const body = `${governmentHeader()}
<h1>HALAMAN UJI PRINTER</h1>
<div class="sub">${up(data.unitName)} · ${esc(formatJakarta(data.at))}</div>
<div class="big">ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789</div>
<div class="bars">${greys}</div><div class="ruler"></div>
<p style="font-size: 6pt">Teks 6 pt: Pemerintah Kabupaten Ogan Komering Ilir</p>
<p style="font-size: 9pt">Teks 9 pt: Pemerintah Kabupaten Ogan Komering Ilir</p>
<p style="font-size: 12pt">Teks 12 pt: Pemerintah Kabupaten Ogan Komering Ilir</p>
<div class="ruler"></div><p>Bila semua baris, kotak abu-abu dan garis tercetak jelas, printer siap dipakai.</p>`;
  return a4Document({
    title: 'Halaman Uji Printer',
    orientation: 'portrait',
    mark: { kind: 'form' },
    isTraining: data.isTraining,
    unverified: [],
    body,
    css: TEST_CSS,
  });
}
