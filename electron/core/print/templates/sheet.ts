import {
  A4_PORTRAIT,
  a4ContentMm,
  a4Document,
  governmentHeader,
  KADIS_TITLE,
  tteSpot,
  type DocumentMark,
  type Rendered,
} from './frame';
import { dmy, EMPTY, up } from './text';
import { escapeHtml } from '../../common/html';

/**
 * Portrait A4 sheets made of labelled rows, tables and text: the layout of biodata, akta,
 * surat pindah and the forms. A document ends with the Kepala Dinas TTE spot; a form ends with
 * the signature blocks of the people who sign it, and shows empty boxes where nothing is known.
 */
export interface SheetRow {
  label: string;
  value: string | null;
  /** Character boxes (a form's NIK or No. KK): one digit per box. */
  boxes?: number | undefined;
}

export type SheetBlock =
  | { kind: 'rows'; heading: string | null; rows: SheetRow[] }
  | {
      kind: 'table';
      heading: string | null;
      columns: Array<{ label: string; mm: number }>;
      rows: Array<Array<string | null>>;
      /** Empty rows a form adds for the applicant to write in. */
      blankRows?: number | undefined;
    }
  | { kind: 'text'; text: string }
  | { kind: 'checks'; heading: string | null; items: Array<{ label: string; isChecked: boolean }> };

export interface SheetInput {
  /** E.g. KUTIPAN AKTA KELAHIRAN or FORMULIR BIODATA KELUARGA. */
  title: string;
  /** A form's number printed top right (F-1.01); null for documents. */
  formCode: string | null;
  /** Under the title: "Nomor: ..." for documents, an instruction for forms. */
  subtitle: string | null;
  blocks: SheetBlock[];
  mark: DocumentMark;
  isTraining: boolean;
  unverified: readonly string[];
  /** Place and date line above the signatures, e.g. "Kayu Agung, 29-11-2026". */
  placeDate: string;
  /** Forms: who signs (left to right) and their pre-filled names. Documents: ignored. */
  signatures: Array<{ role: string; name: string | null }>;
}

const ROW_MM = 5.6;
const HEADING_MM = 7;
const HEADER_MM = 34;
const SIGNATURE_MM = 42;

function value(row: SheetRow, isForm: boolean): string {
  const text = row.value?.trim() ?? '';
  if (row.boxes) {
    const chars = [...text.toUpperCase()].slice(0, row.boxes);
    const cells = Array.from({ length: row.boxes }, (_, i) => escapeHtml(chars[i] ?? ''));
    return `<span class="boxes">${cells.map((c) => `<span>${c}</span>`).join('')}</span>`;
  }
  if (text === '') return isForm ? '<span class="blank"></span>' : EMPTY;
  return up(text);
}

function block(b: SheetBlock, isForm: boolean): string {
  const heading = 'heading' in b && b.heading ? `<h2>${escapeHtml(b.heading)}</h2>` : '';
  switch (b.kind) {
    case 'rows':
      return `${heading}<table class="rows">${b.rows
        .map(
          (r, i) =>
            `<tr><td class="i">${i + 1}.</td><td class="k">${escapeHtml(r.label)}</td><td class="c">:</td><td class="v">${value(r, isForm)}</td></tr>`,
        )
        .join('')}</table>`;
    case 'table': {
      const cols = b.columns.map((c) => `<col style="width:${c.mm}mm">`).join('');
      const head = b.columns.map((c) => `<th>${escapeHtml(c.label)}</th>`).join('');
      const filled = b.rows.map(
        (r) =>
          `<tr>${r.map((cell) => `<td>${cell?.trim() ? up(cell) : EMPTY}</td>`).join('')}</tr>`,
      );
      const blanks = Array.from(
        { length: b.blankRows ?? 0 },
        () => `<tr class="blankrow">${b.columns.map(() => '<td></td>').join('')}</tr>`,
      );
      return `${heading}<table class="grid"><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>${[...filled, ...blanks].join('')}</tbody></table>`;
    }
    case 'text':
      return `<p class="text">${escapeHtml(b.text)}</p>`;
    case 'checks':
      return `${heading}<ul class="checks">${b.items
        .map(
          (i) =>
            `<li><span class="box">${i.isChecked ? 'X' : ''}</span>${escapeHtml(i.label)}</li>`,
        )
        .join('')}</ul>`;
  }
}

function blockMm(b: SheetBlock): number {
  const heading = 'heading' in b && b.heading ? HEADING_MM : 0;
  switch (b.kind) {
    case 'rows':
      return heading + b.rows.length * ROW_MM;
    case 'table':
      return heading + 8 + (b.rows.length + (b.blankRows ?? 0)) * ROW_MM;
    case 'text':
      return Math.ceil(b.text.length / 95) * 4.5 + 3;
    case 'checks':
      return heading + Math.ceil(b.items.length / 2) * ROW_MM;
  }
}

/**
 * Pages are estimated from the blocks: fixed heights per row, heading and table header, and
 * the header and signature blocks, against the 271 mm of an A4 sheet inside its margins.
 */
export function estimatePages(input: Pick<SheetInput, 'blocks'>): number {
  const content = HEADER_MM + input.blocks.reduce((s, b) => s + blockMm(b), 0) + SIGNATURE_MM;
  return Math.max(1, Math.ceil(content / a4ContentMm('portrait').height));
}

function closing(input: SheetInput): string {
  const place = `<div class="place">${escapeHtml(input.placeDate)}</div>`;
  if (input.mark.kind === 'form') {
    const signs = input.signatures
      .map(
        (s) =>
          `<div class="sign"><div>${escapeHtml(s.role)}</div><div class="space"></div><div class="name">${s.name?.trim() ? up(s.name) : '(..............................)'}</div></div>`,
      )
      .join('');
    return `<div class="closing">${place}<div class="signs">${signs}</div></div>`;
  }
  return `<div class="closing">${place}<div class="kadis"><div class="kadis-title">${KADIS_TITLE}</div>${tteSpot(input.mark, 24)}</div></div>`;
}

const CSS = `
h1 { font-size: 12.5pt }
.formcode { position: absolute; top: 0; right: 0; border: 0.3mm solid #000; padding: 0.5mm 2mm;
  font-weight: bold; font-size: 9pt }
.head { position: relative }
h2 { font-size: 9.5pt; margin: 3mm 0 1mm; padding: 0.6mm 1mm; background: #e6e6e6 }
table.rows { width: 100%; font-size: 9pt } table.rows td { padding: 0.4mm 1mm; height: ${ROW_MM}mm; vertical-align: middle }
table.rows .i { width: 7mm } table.rows .k { width: 62mm } table.rows .c { width: 3mm }
table.rows .v { font-weight: bold }
.blank { display: inline-block; width: 100%; height: 4.6mm; border: 0.25mm solid #000 }
.boxes { display: inline-flex } .boxes span { display: inline-block; width: 4.6mm; height: 4.8mm;
  border: 0.25mm solid #000; margin-right: -0.25mm; text-align: center; line-height: 4.6mm; font-weight: bold }
table.grid { width: 100%; table-layout: fixed; font-size: 7.5pt; margin-top: 1mm }
table.grid th, table.grid td { border: 0.25mm solid #000; padding: 0.5mm 1mm; height: ${ROW_MM}mm;
  overflow-wrap: anywhere } table.grid th { background: #f0f0f0; font-size: 7pt }
thead { display: table-header-group } tr { break-inside: avoid }
.text { margin: 2mm 0; text-align: justify }
ul.checks { columns: 2; list-style: none; padding: 0; margin: 1mm 0 } ul.checks li { height: ${ROW_MM}mm }
ul.checks .box { display: inline-block; width: 4mm; height: 4mm; border: 0.3mm solid #000; margin-right: 2mm;
  text-align: center; line-height: 4mm; font-weight: bold; vertical-align: middle }
.closing { break-inside: avoid; margin-top: 6mm }
.place { text-align: right; margin-bottom: 2mm }
.signs { display: flex; justify-content: space-around }
.kadis { margin-left: auto; width: 95mm; text-align: center }
.kadis-title { font-weight: bold; margin-bottom: 2mm } .kadis .tte { justify-content: center; text-align: left }
.tte-text { font-size: 7.5pt }`;

export function sheetHtml(input: SheetInput): Rendered {
  const isForm = input.mark.kind === 'form';
  const body = `<div class="head">${input.formCode ? `<div class="formcode">${escapeHtml(input.formCode)}</div>` : ''}
${governmentHeader()}
<h1>${escapeHtml(input.title)}</h1>
${input.subtitle ? `<div class="sub">${escapeHtml(input.subtitle)}</div>` : ''}</div>
${input.blocks.map((b) => block(b, isForm)).join('\n')}
${closing(input)}`;
  const html = a4Document({
    title: input.title,
    orientation: 'portrait',
    mark: input.mark,
    isTraining: input.isTraining,
    unverified: input.unverified,
    body,
    css: CSS,
  });
  return { html, pageMm: A4_PORTRAIT, pages: estimatePages(input) };
}

/** "Kayu Agung, 29-11-2026": where the station is, on the day given. */
export function placeDate(place: string, day: string): string {
  return `${place}, ${dmy(day)}`;
}
