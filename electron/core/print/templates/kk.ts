import {
  A4_LANDSCAPE,
  a4Document,
  governmentHeader,
  KADIS_TITLE,
  markOf,
  tteSpot,
  type IssuedMark,
  type Rendered,
} from './frame';
import { dmy, EMPTY, fitPt, up } from './text';
import type { AddressData, PersonData } from './types';
import { escapeHtml } from '../../common/html';

/** KARTU KELUARGA (domain §3.2), landscape A4 as HVS-printed KKs are. */
export const UNVERIFIED = [
  'Urutan kolom KK dari ingatan; cocokkan dengan KK asli dari Disdukcapil OKI (domain §3.2 ❓).',
  'Tata letak kaki KK (Dikeluarkan tanggal, tanda tangan Kepala Keluarga, TTE Kepala Dinas) dari ingatan (domain §3.2 ❓).',
  'Jumlah baris anggota per halaman (10) dipilih agar muat; KK asli mungkin berbeda.',
];

export interface KkMember extends PersonData {
  /** A member proposed by the application, not yet on the registry's KK. */
  isProposed?: boolean | undefined;
}

export interface KkData {
  kkNumber: string | null;
  headName: string | null;
  address: AddressData | null;
  members: KkMember[];
  /** "Dikeluarkan tanggal": the issue date; for a draft, the day it is printed. */
  issuedOn: string;
  /** Said under the tables when a member is proposed (e.g. the application number). */
  proposedNote: string | null;
  issued: IssuedMark | null;
  isTraining: boolean;
}

/**
 * The template lays out its own pages (10 members a page, both tables on each page, fixed row
 * heights, long values shrink), so the page count is exact: ceil(members / 10), at least 1.
 */
export const MEMBERS_PER_PAGE = 10;

type Column = { label: string; mm: number; value: (m: KkMember) => string | null };

const TABLE_1: Column[] = [
  { label: 'Nama Lengkap', mm: 53, value: (m) => (m.isProposed ? `${m.name} *` : m.name) },
  { label: 'NIK', mm: 34, value: (m) => m.nik },
  { label: 'Jenis Kelamin', mm: 21, value: (m) => m.sex },
  { label: 'Tempat Lahir', mm: 30, value: (m) => m.birthPlace },
  { label: 'Tanggal Lahir', mm: 20, value: (m) => (m.birthDate ? dmy(m.birthDate) : null) },
  { label: 'Agama', mm: 22, value: (m) => m.religion },
  { label: 'Pendidikan', mm: 34, value: (m) => m.education },
  { label: 'Jenis Pekerjaan', mm: 34, value: (m) => m.occupation },
  { label: 'Golongan Darah', mm: 19, value: (m) => m.bloodGroup },
];

const TABLE_2: Column[] = [
  { label: 'Status Perkawinan', mm: 36, value: (m) => m.marital },
  {
    label: 'Tanggal Perkawinan',
    mm: 22,
    value: (m) => (m.marriageDate ? dmy(m.marriageDate) : null),
  },
  { label: 'Status Hubungan Dalam Keluarga', mm: 36, value: (m) => m.relationship },
  { label: 'Kewarganegaraan', mm: 24, value: (m) => m.citizenship },
  { label: 'Dokumen Imigrasi: No. Paspor', mm: 25, value: (m) => m.passportNo },
  { label: 'Dokumen Imigrasi: No. KITAP', mm: 25, value: (m) => m.kitapNo },
  { label: 'Nama Orang Tua: Ayah', mm: 49, value: (m) => m.fatherName },
  { label: 'Nama Orang Tua: Ibu', mm: 50, value: (m) => m.motherName },
];
const NO_MM = 8;

function cell(text: string | null, mm: number): string {
  const value = text?.trim() ? text.trim().toUpperCase() : EMPTY;
  const one = fitPt(value, mm - 1.6, 7.5);
  if (one >= 6) return `<td style="font-size:${one}pt">${escapeHtml(value)}</td>`;
  // Two lines of at most 6 pt still fit the 4.4 mm row.
  const two = Math.min(6, fitPt(value, mm - 1.6, 7.5, 4, 2));
  return `<td class="wrap" style="font-size:${two}pt">${escapeHtml(value)}</td>`;
}

function table(columns: Column[], members: KkMember[], first: number): string {
  const colgroup = [NO_MM, ...columns.map((c) => c.mm)]
    .map((mm) => `<col style="width:${mm}mm">`)
    .join('');
  const heads = ['No', ...columns.map((c) => c.label)]
    .map((label) => `<th>${escapeHtml(label)}</th>`)
    .join('');
  const numbers = [...Array(columns.length + 1).keys()]
    .map((i) => `<th class="n">(${i + 1})</th>`)
    .join('');
  const rows = members
    .map(
      (m, i) =>
        `<tr class="m${m.isProposed ? ' proposed' : ''}"><td class="no">${first + i}</td>${columns
          .map((c) => cell(c.value(m), c.mm))
          .join('')}</tr>`,
    )
    .join('');
  return `<table class="members"><colgroup>${colgroup}</colgroup><thead><tr class="h">${heads}</tr><tr class="nums">${numbers}</tr></thead><tbody>${rows}</tbody></table>`;
}

function headerFields(data: KkData): string {
  const a = data.address;
  const row = (label: string, value: string) =>
    `<tr><td class="k">${label}</td><td class="c">:</td><td class="v">${value}</td></tr>`;
  const rtRw = a ? `${up(a.rt)}/${up(a.rw)}` : EMPTY;
  const left = [
    row('Nama Kepala Keluarga', up(data.headName)),
    row('Alamat', up(a?.address)),
    row('RT/RW', rtRw),
    row('Desa/Kelurahan', up(a?.villageName)),
    row('Kecamatan', up(a?.districtName)),
  ].join('');
  const right = [
    row('Kabupaten/Kota', up(a?.regencyName)),
    row('Kode Pos', up(a?.postalCode)),
    row('Provinsi', up(a?.provinceName)),
  ].join('');
  return `<div class="fields"><table>${left}</table><table>${right}</table></div>`;
}

function footer(data: KkData, isLast: boolean): string {
  if (!isLast) return `<div class="foot more">Bersambung ke halaman berikutnya.</div>`;
  const mark = markOf(data.issued);
  const issuedOn = data.issued ? data.issued.issuedAt : data.issuedOn;
  return `<div class="foot">
<div class="f-date">Dikeluarkan Tanggal : <b>${dmy(issuedOn)}</b>${data.proposedNote ? `<div class="note">* ${escapeHtml(data.proposedNote)}</div>` : ''}</div>
<div class="sign"><div>KEPALA KELUARGA</div><div class="space"></div><div class="name">${up(data.headName)}</div></div>
<div class="f-kadis"><div class="kadis">${KADIS_TITLE}</div>${tteSpot(mark, 19)}</div>
</div>`;
}

const CSS = `
.page { height: 183mm; overflow: hidden }
.gov .l1 { font-size: 9pt } .gov .l2 { font-size: 10pt } .gov-rule { margin: 1mm 0 1.5mm }
h1 { font-size: 15pt; margin: 0 }
.sub { font-size: 10pt; font-weight: bold; margin: 0 0 1.5mm }
.fields { display: flex; justify-content: space-between; font-size: 8pt; margin-bottom: 1.5mm }
.fields td { padding: 0 1mm 0 0; line-height: 1.25 } .fields .k { width: 38mm } .fields .v { font-weight: bold }
table.members { width: 275mm; table-layout: fixed; margin-bottom: 2mm }
table.members th, table.members td { border: 0.25mm solid #000; padding: 0 0.8mm; overflow: hidden;
  white-space: nowrap; vertical-align: middle }
table.members th { font-size: 6pt; font-weight: bold; text-align: center; white-space: normal;
  overflow-wrap: anywhere;
  height: 6mm; line-height: 1.1 }
table.members th.n { font-size: 5.5pt; font-weight: normal; height: 3mm }
table.members tr.m td { height: 4.4mm; line-height: 1 }
table.members td.wrap { white-space: normal; line-height: 1.05; overflow-wrap: anywhere }
table.members td.no { text-align: center; font-size: 7.5pt }
tr.proposed td { font-style: italic }
.foot { display: flex; justify-content: space-between; align-items: flex-start; font-size: 8pt; margin-top: 1mm }
.foot.more { justify-content: flex-end; font-style: italic }
.f-date { width: 80mm } .f-date .note { margin-top: 2mm; font-size: 7pt }
.foot .sign { width: 70mm } .foot .sign .space { height: 14mm }
.f-kadis { width: 100mm; font-size: 7pt } .f-kadis .kadis { text-align: center; font-weight: bold; margin-bottom: 1mm }
.f-kadis .tte { justify-content: center } .tte-text { font-size: 6.5pt }`;

export function kkHtml(data: KkData): Rendered {
  const pages: KkMember[][] = [];
  for (let i = 0; i < Math.max(1, data.members.length); i += MEMBERS_PER_PAGE) {
    pages.push(data.members.slice(i, i + MEMBERS_PER_PAGE));
  }
  const body = pages
    .map(
      (members, p) => `<section class="page">
${governmentHeader()}
<h1>KARTU KELUARGA</h1>
<div class="sub">No. ${up(data.kkNumber)}</div>
${headerFields(data)}
${table(TABLE_1, members, p * MEMBERS_PER_PAGE + 1)}
${table(TABLE_2, members, p * MEMBERS_PER_PAGE + 1)}
${footer(data, p === pages.length - 1)}
</section>`,
    )
    .join('\n');
  const html = a4Document({
    title: `Kartu Keluarga ${data.kkNumber ?? ''}`.trim(),
    orientation: 'landscape',
    mark: markOf(data.issued),
    isTraining: data.isTraining,
    unverified: UNVERIFIED,
    body,
    css: CSS,
  });
  return { html, pageMm: A4_LANDSCAPE, pages: pages.length };
}
