import type { UnitRow } from '../../../db/schema';
import { escapeHtml } from '../common/html';

/**
 * The 80 mm roll layout shared by the receipt and the queue ticket. Chromium's print-to-PDF
 * ignores `@page { size: 80mm auto }` (it falls back to Letter), and templates run without
 * scripts, so the page height is computed here from the same blocks that are rendered: a
 * monospace face makes the line count of each block predictable.
 */

export interface Bilingual {
  id: string;
  en: string;
}

export type TextSize = 'huge' | 'xl' | 'l' | 'm' | 's';

export type Block =
  | { kind: 'text'; text: string; size: TextSize; isBold?: boolean; isCentered?: boolean }
  | { kind: 'item'; text: string; size: TextSize; marker: string }
  /** One line that never wraps: the type shrinks until it fits (application numbers). */
  | { kind: 'fit'; text: string; size: TextSize; isBold?: boolean }
  | { kind: 'rule' }
  | { kind: 'gap'; mm: number }
  | { kind: 'banner'; text: string }
  | { kind: 'html'; html: string; heightMm: number };

/** Printable width of an 80 mm thermal printer. */
export const PRINT_WIDTH_MM = 72;
const PT_PER_MM = 72 / 25.4;
const FONT_PT: Record<TextSize, number> = { huge: 40, xl: 15, l: 12, m: 10, s: 8.5 };
const LINE_HEIGHT = 1.3;
/** DejaVu/Liberation Mono and Courier advance 0.60 em, Consolas 0.55 em: err on the wide side. */
const ADVANCE_EM = 0.62;
const ITEM_INDENT_CH = 2;
const RULE_MM = 3;
const BANNER_PAD_MM = 2.4;
const TOP_MM = 4;
/** Paper fed past the last line so the tear bar does not cut through it. */
const TAIL_MM = 10;

/**
 * Greedy line breaking in characters, as the browser does for a monospace face: breaks at
 * spaces and after hyphens, and anywhere inside a piece longer than the line.
 */
export function wrappedLines(text: string, charsPerLine: number): number {
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let used = 0;
    lines += 1;
    for (const word of paragraph.split(/\s+/).filter((w) => w.length > 0)) {
      word.split(/(?<=-)/).forEach((piece, index) => {
        let len = [...piece].length;
        const joiner = used > 0 && index === 0 ? 1 : 0;
        if (used + joiner + len <= charsPerLine) {
          used += joiner + len;
          return;
        }
        if (used > 0) lines += 1;
        while (len > charsPerLine) {
          lines += 1;
          len -= charsPerLine;
        }
        used = len;
      });
    }
  }
  return lines;
}

function charsPerLine(size: TextSize, indentCh = 0): number {
  const advancePt = FONT_PT[size] * ADVANCE_EM;
  return Math.max(1, Math.floor((PRINT_WIDTH_MM * PT_PER_MM) / advancePt) - indentCh);
}

function lineMm(size: TextSize): number {
  return (FONT_PT[size] * LINE_HEIGHT) / PT_PER_MM;
}

/** The largest size up to `size`, in half points, at which `text` fills at most one line. */
export function fitPt(text: string, size: TextSize): number {
  const widest = (PRINT_WIDTH_MM * PT_PER_MM) / ([...text].length * ADVANCE_EM);
  return Math.min(FONT_PT[size], Math.floor(widest * 2) / 2);
}

export function blockHeightMm(block: Block): number {
  switch (block.kind) {
    case 'text':
      return wrappedLines(block.text, charsPerLine(block.size)) * lineMm(block.size);
    case 'item':
      return (
        wrappedLines(block.text, charsPerLine(block.size, ITEM_INDENT_CH)) * lineMm(block.size)
      );
    case 'fit':
      return (fitPt(block.text, block.size) * LINE_HEIGHT) / PT_PER_MM;
    case 'rule':
      return RULE_MM;
    case 'gap':
      return block.mm;
    case 'banner':
      return (
        wrappedLines(block.text, charsPerLine('l') - 2) * lineMm('l') + 2 * BANNER_PAD_MM + 1.2
      );
    case 'html':
      return block.heightMm;
  }
}

/** Page height in whole millimetres: content, a 3 % allowance for font metrics, and the tail. */
export function pageHeightMm(blocks: readonly Block[]): number {
  const content = blocks.reduce((sum, b) => sum + blockHeightMm(b), 0);
  return Math.ceil(TOP_MM + content * 1.03 + TAIL_MM);
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'text': {
      const classes = [block.size, block.isBold ? 'b' : '', block.isCentered ? 'c' : '']
        .filter((c) => c)
        .join(' ');
      return `<p class="${classes}">${escapeHtml(block.text)}</p>`;
    }
    case 'item':
      return `<p class="${block.size} item"><span class="mark">${escapeHtml(block.marker)}</span>${escapeHtml(block.text)}</p>`;
    case 'fit': {
      const style = `font-size:${fitPt(block.text, block.size)}pt`;
      return `<p class="${block.isBold ? 'b ' : ''}nowrap" style="${style}">${escapeHtml(block.text)}</p>`;
    }
    case 'rule':
      return '<hr>';
    case 'gap':
      return `<div style="height:${block.mm}mm"></div>`;
    case 'banner':
      return `<p class="l b c banner">${escapeHtml(block.text)}</p>`;
    case 'html':
      return block.html;
  }
}

/** A complete HTML document for one strip of 80 mm paper. */
export function rollDocument(title: string, blocks: readonly Block[]): string {
  const height = pageHeightMm(blocks);
  const sizes = Object.entries(FONT_PT)
    .map(([name, pt]) => `.${name}{font-size:${pt}pt}`)
    .join('');
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
@page { size: 80mm ${height}mm; margin: 0 }
* { box-sizing: border-box }
html, body { margin: 0; padding: 0; background: #fff; color: #000 }
body { font-family: 'DejaVu Sans Mono', 'Liberation Mono', Consolas, 'Courier New', monospace;
  -webkit-print-color-adjust: exact; print-color-adjust: exact }
main { width: ${PRINT_WIDTH_MM}mm; margin: 0 auto; padding-top: ${TOP_MM}mm }
p { margin: 0; line-height: ${LINE_HEIGHT}; overflow-wrap: anywhere; white-space: pre-wrap }
${sizes}
.b { font-weight: bold } .c { text-align: center } .nowrap { white-space: nowrap }
.item { padding-left: ${ITEM_INDENT_CH}ch; text-indent: -${ITEM_INDENT_CH}ch }
.item .mark { display: inline-block; width: ${ITEM_INDENT_CH}ch; text-indent: 0 }
hr { border: 0; border-top: 0.4mm dashed #000; margin: ${RULE_MM / 2 - 0.2}mm 0 }
.banner { border: 0.6mm solid #000; padding: ${BANNER_PAD_MM}mm 1ch }
.qr { display: flex; justify-content: center }
.qr svg { display: block }
</style>
</head>
<body>
<main>
${blocks.map(renderBlock).join('\n')}
</main>
</body>
</html>
`;
}

export interface RollUnit {
  /** Station name, e.g. "Jelades Semedi Unit 1". */
  name: string;
  /** Village and kecamatan, e.g. "Desa Kijang Ulu, Kec. Kayu Agung". */
  placeName: string;
  isTraining: boolean;
}

/** The roll's unit lines, from the station's unit row. */
export function rollUnit(unit: UnitRow): RollUnit {
  return {
    name: unit.name,
    placeName: `${unit.region_name}, Kec. ${unit.district_name}`,
    isTraining: unit.is_training === 1,
  };
}

function trainingBanner(unit: RollUnit): Block[] {
  return unit.isTraining
    ? [{ kind: 'banner', text: 'PELATIHAN — BUKAN BUKTI RESMI\nTraining — not an official record' }]
    : [];
}

function headerBlocks(unit: RollUnit): Block[] {
  return [
    {
      kind: 'text',
      text: 'DISDUKCAPIL KAB. OGAN KOMERING ILIR',
      size: 'm',
      isBold: true,
      isCentered: true,
    },
    { kind: 'text', text: unit.name, size: 's', isCentered: true },
    { kind: 'text', text: unit.placeName, size: 's', isCentered: true },
    { kind: 'rule' },
  ];
}

/**
 * A slip of the unit: its header, the body, then the free-of-charge notice every slip carries
 * and what follows it (`tail`); in training the banner stands at both ends, so a torn-off half
 * still says it is no official record.
 */
export function unitSlip(
  unit: RollUnit,
  body: readonly Block[],
  tail: readonly Block[] = [],
): Block[] {
  return [
    ...trainingBanner(unit),
    ...headerBlocks(unit),
    ...body,
    { kind: 'rule' },
    ...FREE_OF_CHARGE,
    ...tail,
    ...trainingBanner(unit),
  ];
}

const FREE_OF_CHARGE: Block[] = [
  {
    kind: 'text',
    text: 'LAYANAN GRATIS — tidak dipungut biaya',
    size: 'm',
    isBold: true,
    isCentered: true,
  },
  {
    kind: 'text',
    text: 'Free service — no fee is charged (UU 24/2013 Ps 79A)',
    size: 's',
    isCentered: true,
  },
];
