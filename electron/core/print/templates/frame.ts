import { dmy, unverifiedComment, up } from './text';
import { qrSvg } from '../../common/qr-svg';
import { escapeHtml } from '../../common/html';

/**
 * The shared A4 frame of documents and forms (Permendagri 109/2019: plain HVS 80 gsm, A4, white;
 * domain §4.2) and the draft rule (docs/printing.md). Templates are data: no scripts, no external
 * resources, inline CSS only, every text real text so a PDF reader (and pdftotext) finds it.
 */

/** What the district sends back once a document is issued (issue 7, sync): it prints clean. */
export interface IssuedMark {
  documentNumber: string;
  /** ISO timestamp or YYYY-MM-DD. */
  issuedAt: string;
  signerName: string;
  signerTitle: string;
  /** The district's verification QR content (TTE), printed as is. */
  qrPayload: string;
}

/** A document is a draft until issued; a form is neither (the applicant fills and signs it). */
export type DocumentMark =
  { kind: 'draft' } | { kind: 'issued'; issued: IssuedMark } | { kind: 'form' };

export const markOf = (issued: IssuedMark | null): DocumentMark =>
  issued ? { kind: 'issued', issued } : { kind: 'draft' };

export interface Rendered {
  html: string;
  pageMm: { width: number; height: number };
  /** Pages the layout makes; how each template counts is said next to it. */
  pages: number;
}

export const A4_PORTRAIT = { width: 210, height: 297 } as const;
export const A4_LANDSCAPE = { width: 297, height: 210 } as const;
export const CR80 = { width: 85.6, height: 54 } as const;

export const GOVERNMENT = 'PEMERINTAH KABUPATEN OGAN KOMERING ILIR';
export const DINAS = 'DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL';
export const DRAFT_LINE = 'DRAF — BUKAN DOKUMEN RESMI';
export const DRAFT_NOTE = 'Belum diterbitkan oleh Disdukcapil Kabupaten Ogan Komering Ilir';
export const TRAINING_LINE = 'MODE PELATIHAN — DATA SINTETIS';
export const KADIS_TITLE =
  'KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KABUPATEN OGAN KOMERING ILIR';

/** Top and bottom page margins hold the draft lines and page numbers (CSS page-margin boxes). */
const MARGIN_MM = { top: 13, side: 11, bottom: 13 };

export interface A4Input {
  title: string;
  orientation: 'portrait' | 'landscape';
  mark: DocumentMark;
  isTraining: boolean;
  unverified: readonly string[];
  body: string;
  /** Extra CSS of the template. */
  css?: string;
}

function cssString(text: string): string {
  return `"${text.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * The draft watermark. `position: fixed` repeats on every printed page in Chromium (a
 * multi-page KK carries it on each sheet); the page-margin boxes repeat the two lines
 * horizontally as well, outside the content, where nothing can cover them.
 */
function watermark(size: 'a4' | 'card'): string {
  return `<div class="wm wm-${size}" aria-hidden="true"><div class="wm-big">DRAF</div><div class="wm-line">${escapeHtml(DRAFT_LINE)}</div><div class="wm-line">${escapeHtml(DRAFT_NOTE)}</div></div>`;
}

const WATERMARK_CSS = `
.wm { position: fixed; top: 50%; left: 50%; z-index: 5; pointer-events: none; text-align: center;
  white-space: nowrap; color: rgba(0, 0, 0, 0.16); font-weight: bold;
  transform: translate(-50%, -50%) rotate(-30deg) }
.wm-a4 .wm-big { font-size: 150pt; line-height: 1; letter-spacing: 8pt }
.wm-a4 .wm-line { font-size: 11pt; color: rgba(0, 0, 0, 0.3) }
.wm-card .wm-big { font-size: 40pt; line-height: 1 }
.wm-card .wm-line { font-size: 4.5pt; color: rgba(0, 0, 0, 0.35) }`;

function marginBoxes(mark: DocumentMark, isTraining: boolean): string {
  const draft = mark.kind === 'draft';
  const top = [draft ? DRAFT_LINE : '', isTraining ? TRAINING_LINE : ''].filter((s) => s);
  const boxFont =
    'font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 8pt';
  return `
  @top-center { content: ${cssString(top.join(' · '))}; ${boxFont}; font-weight: bold }
  @bottom-left { content: ${cssString(draft ? DRAFT_NOTE : '')}; ${boxFont} }
  @bottom-right { content: "Halaman " counter(page) " dari " counter(pages); ${boxFont} }`;
}

const BASE_CSS = `
* { box-sizing: border-box }
html, body { margin: 0; padding: 0; background: #fff; color: #000 }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9pt;
  line-height: 1.25; -webkit-print-color-adjust: exact; print-color-adjust: exact }
.gov { text-align: center; font-weight: bold; line-height: 1.2 }
.gov .l1 { font-size: 11pt } .gov .l2 { font-size: 12pt }
.gov-rule { border: 0; border-top: 0.6mm solid #000; border-bottom: 0.2mm solid #000;
  height: 1.2mm; margin: 1.5mm 0 3mm }
h1 { font-size: 14pt; text-align: center; margin: 0 0 1mm; letter-spacing: 0.5pt }
.sub { text-align: center; margin: 0 0 3mm }
table { border-collapse: collapse }
.tte { display: flex; gap: 2mm; align-items: center }
.tte .qr svg { display: block }
.tte-box { border: 0.3mm dashed #000; display: flex; align-items: center; justify-content: center;
  text-align: center; font-size: 7pt; padding: 1mm }
.sign { text-align: center }
.sign .space { height: 18mm }
.sign .name { font-weight: bold; text-decoration: underline }
.page { break-after: page; position: relative }
.page:last-child { break-after: auto }`;

/** The official header every A4 sheet starts with. */
export function governmentHeader(): string {
  return `<div class="gov"><div class="l1">${GOVERNMENT}</div><div class="l2">${DINAS}</div></div><hr class="gov-rule">`;
}

/**
 * The Kepala Dinas signature spot. Issued: the district's QR (the TTE) with the signer; draft:
 * an empty dashed box saying why there is no signature.
 */
export function tteSpot(mark: DocumentMark, qrMm: number): string {
  if (mark.kind === 'issued') {
    const { issued } = mark;
    return `<div class="tte"><div class="qr">${qrSvg(issued.qrPayload, qrMm)}</div><div class="tte-text">Ditandatangani secara elektronik oleh<br><b>${up(issued.signerTitle)}</b><br>${up(issued.signerName)}<br>Nomor: ${up(issued.documentNumber)}<br>Tanggal: ${dmy(issued.issuedAt)}</div></div>`;
  }
  return `<div class="tte-box" style="width:${qrMm + 4}mm;height:${qrMm}mm">TTE KEPALA DINAS<br>belum ada:<br>${escapeHtml(DRAFT_LINE)}</div>`;
}

/** The page every template prints: its title, the unverified items, its CSS and body. */
function htmlPage(page: {
  title: string;
  unverified: readonly string[];
  css: string;
  body: string;
}) {
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>${escapeHtml(page.title)}</title>
${unverifiedComment(page.unverified)}
<style>
${page.css}
</style>
</head>
<body>
${page.body}
</body>
</html>
`;
}

export function a4Document(input: A4Input): string {
  const landscape = input.orientation === 'landscape';
  const hasWatermark = input.mark.kind === 'draft';
  return htmlPage({
    title: input.title,
    unverified: input.unverified,
    css: `@page { size: A4 ${landscape ? 'landscape' : 'portrait'};
  margin: ${MARGIN_MM.top}mm ${MARGIN_MM.side}mm ${MARGIN_MM.bottom}mm;${marginBoxes(input.mark, input.isTraining)} }
${BASE_CSS}
${hasWatermark ? WATERMARK_CSS : ''}
${input.css ?? ''}`,
    body: `${hasWatermark ? watermark('a4') : ''}
${input.body}`,
  });
}

/** Content height of an A4 sheet inside the margins, in millimetres. */
export function a4ContentMm(orientation: 'portrait' | 'landscape'): {
  width: number;
  height: number;
} {
  const page = orientation === 'landscape' ? A4_LANDSCAPE : A4_PORTRAIT;
  return {
    width: page.width - 2 * MARGIN_MM.side,
    height: page.height - MARGIN_MM.top - MARGIN_MM.bottom,
  };
}

export interface CardInput {
  title: string;
  mark: DocumentMark;
  isTraining: boolean;
  unverified: readonly string[];
  /** What the card shows, inside its 85.6 × 54 mm box. */
  body: string;
  css: string;
}

/**
 * A CR80 card (85.6 × 54 mm, ISO/IEC 7810 ID-1) printed edge to edge on a blank: one page.
 * A draft card says so in a strip at its foot (`.strip` in the template's CSS), as a card has
 * no page margins to carry the draft lines.
 */
export function cardDocument(input: CardInput): Rendered {
  const hasWatermark = input.mark.kind === 'draft';
  const strip = hasWatermark
    ? `<div class="strip">${escapeHtml(DRAFT_LINE)}<br><span class="note">${escapeHtml(DRAFT_NOTE)}</span></div>`
    : '';
  const html = htmlPage({
    title: input.title,
    unverified: input.unverified,
    css: `@page { size: ${CR80.width}mm ${CR80.height}mm; margin: 0 }
* { box-sizing: border-box }
html, body { margin: 0; padding: 0; background: #fff; color: #000 }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 5pt;
  line-height: 1.2; -webkit-print-color-adjust: exact; print-color-adjust: exact }
.card { width: ${CR80.width}mm; height: ${CR80.height}mm; overflow: hidden; position: relative }
.tte { display: flex; gap: 1mm; align-items: center }
.tte .qr svg { display: block }
.tte-box { border: 0.2mm dashed #000; display: flex; align-items: center; justify-content: center;
  text-align: center; font-size: 3.6pt; padding: 0.5mm }
${hasWatermark ? WATERMARK_CSS : ''}
${input.css}`,
    body: `${hasWatermark ? watermark('card') : ''}
${input.isTraining ? `<div class="training">${TRAINING_LINE}</div>` : ''}
<div class="card">
${input.body}
${strip}
</div>`,
  });
  return { html, pageMm: CR80, pages: 1 };
}
