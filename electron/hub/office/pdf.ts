import { textWidth, winAnsi, type FontName } from './pdf-fonts';

/**
 * A small PDF 1.4 writer for the hub's printable reports, without a browser: A4 pages, the two
 * standard fonts Helvetica and Helvetica-Bold in WinAnsiEncoding (not embedded), text, lines and
 * rectangles (filled or stroked: charts are vector paths). Coordinates are in points from the
 * page's TOP-left corner, y growing downwards (flipped to PDF's bottom-left origin here).
 * Content streams stay uncompressed: a report is a few kilobytes.
 */

export { textWidth, type FontName } from './pdf-fonts';

/** Red, green, blue from 0 to 1. */
export type Rgb = readonly [number, number, number];

/** A4 in points (210 x 297 mm). */
export const A4 = { width: 595.28, height: 841.89 } as const;

const FONT_KEYS: Record<FontName, string> = { Helvetica: 'F1', 'Helvetica-Bold': 'F2' };

/** A number as PDF writes it: at most two decimals, no exponent. */
function num(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

const colour = (rgb: Rgb): string => rgb.map(num).join(' ');

/** A PDF literal string of WinAnsi codes: ( ) \ escaped, codes past ASCII as octal. */
function literal(text: string): string {
  let out = '(';
  for (const code of winAnsi(text)) {
    const char = String.fromCharCode(code);
    if (char === '(' || char === ')' || char === '\\') out += `\\${char}`;
    else if (code > 126) out += `\\${code.toString(8).padStart(3, '0')}`;
    else out += char;
  }
  return `${out})`;
}

export interface TextOptions {
  font?: FontName;
  size?: number;
  color?: Rgb;
  /** Where x is: the text's start (default), its end or its middle. */
  align?: 'left' | 'right' | 'center';
}

export class PdfPage {
  readonly width = A4.width;
  readonly height = A4.height;
  readonly #ops: string[] = [];

  /** Text with its baseline at y. */
  text(x: number, y: number, text: string, options: TextOptions = {}): void {
    const font = options.font ?? 'Helvetica';
    const size = options.size ?? 10;
    const width = textWidth(text, font, size);
    const left =
      options.align === 'right' ? x - width : options.align === 'center' ? x - width / 2 : x;
    this.#ops.push(
      `BT /${FONT_KEYS[font]} ${num(size)} Tf ${colour(options.color ?? [0, 0, 0])} rg ` +
        `${num(left)} ${num(this.height - y)} Td ${literal(text)} Tj ET`,
    );
  }

  /** A rectangle from its top-left corner; filled, stroked, or both. */
  rect(
    x: number,
    y: number,
    width: number,
    height: number,
    style: { fill?: Rgb; stroke?: Rgb; lineWidth?: number },
  ): void {
    const path = `${num(x)} ${num(this.height - y - height)} ${num(width)} ${num(height)} re`;
    if (style.fill && style.stroke)
      this.#ops.push(
        `${colour(style.fill)} rg ${colour(style.stroke)} RG ${num(style.lineWidth ?? 0.5)} w ${path} B`,
      );
    else if (style.fill) this.#ops.push(`${colour(style.fill)} rg ${path} f`);
    else if (style.stroke)
      this.#ops.push(`${colour(style.stroke)} RG ${num(style.lineWidth ?? 0.5)} w ${path} S`);
  }

  line(
    x1: number,
    y1: number,
    x2: number,
    y2: number,
    style: { color?: Rgb; width?: number } = {},
  ): void {
    this.#ops.push(
      `${colour(style.color ?? [0, 0, 0])} RG ${num(style.width ?? 0.5)} w ` +
        `${num(x1)} ${num(this.height - y1)} m ${num(x2)} ${num(this.height - y2)} l S`,
    );
  }

  /** The page's content stream. */
  content(): string {
    return this.#ops.join('\n');
  }
}

export interface PdfInfo {
  title: string;
  /** ISO time; the document's creation date. */
  createdAt: string;
}

/** A document of A4 pages; `bytes()` writes the file (header, objects, xref, trailer). */
export class PdfDocument {
  readonly pages: PdfPage[] = [];

  addPage(): PdfPage {
    const page = new PdfPage();
    this.pages.push(page);
    return page;
  }

  bytes(info: PdfInfo): Buffer {
    const objects: string[] = [];
    const add = (body: string): number => objects.push(body);
    const catalog = add('');
    const pagesId = add('');
    const fonts = (Object.keys(FONT_KEYS) as FontName[]).map((font) =>
      add(`<< /Type /Font /Subtype /Type1 /BaseFont /${font} /Encoding /WinAnsiEncoding >>`),
    );
    const resources = `<< /Font << ${(Object.values(FONT_KEYS) as string[])
      .map((key, i) => `/${key} ${fonts[i]} 0 R`)
      .join(' ')} >> >>`;
    const kids = this.pages.map((page) => {
      const content = page.content();
      const stream = add(
        `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
      );
      return add(
        `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${num(A4.width)} ${num(A4.height)}] ` +
          `/Resources ${resources} /Contents ${stream} 0 R >>`,
      );
    });
    objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesId} 0 R >>`;
    objects[pagesId - 1] =
      `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
    const infoId = add(
      `<< /Title ${utf16(info.title)} /Producer (Lakon Mandira) /CreationDate (${pdfDate(info.createdAt)}) >>`,
    );
    let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
    const offsets = objects.map((body, i) => {
      const offset = Buffer.byteLength(out, 'latin1');
      out += `${i + 1} 0 obj\n${body}\nendobj\n`;
      return offset;
    });
    const xref = Buffer.byteLength(out, 'latin1');
    out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
    for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
    out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${infoId} 0 R >>\n`;
    out += `startxref\n${xref}\n%%EOF\n`;
    return Buffer.from(out, 'latin1');
  }
}

/** A text string in UTF-16BE with its byte order mark, as hex (any character, e.g. a title). */
function utf16(text: string): string {
  const bytes = Buffer.from(text, 'utf16le').swap16();
  return `<FEFF${bytes.toString('hex').toUpperCase()}>`;
}

/** '2026-12-01T10:20:30.000Z' -> 'D:20261201102030Z'. */
function pdfDate(iso: string): string {
  return `D:${iso.slice(0, 19).replace(/[-T:]/g, '')}Z`;
}
