import { PdfDocument, textWidth, type FontName, type PdfPage, type Rgb } from './pdf';

/**
 * Flowing layout on top of the PDF writer: a cursor down A4 pages that starts a new page when a
 * block does not fit, tables whose header repeats on each page, text cut to a width, and the
 * page footer ("Halaman 2 dari 3") drawn once the page count is known.
 */

export const INK: Rgb = [0.063, 0.125, 0.184];
export const MUTED: Rgb = [0.267, 0.337, 0.416];
export const LINE: Rgb = [0.773, 0.816, 0.859];
export const HEAD_FILL: Rgb = [0.89, 0.933, 0.976];

const MARGIN = 42;
const FOOTER = 30;

/** The longest start of `text` that fits `width`, with an ellipsis when cut. */
export function fitText(text: string, font: FontName, size: number, width: number): string {
  if (textWidth(text, font, size) <= width) return text;
  let cut = text;
  while (cut.length > 0 && textWidth(`${cut}…`, font, size) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** Words of `text` broken into lines no wider than `width`. */
export function wrapText(text: string, font: FontName, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, font, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines.map((l) => fitText(l, font, size, width));
}

export interface TableColumn<T> {
  title: string;
  width: number;
  align?: 'left' | 'right';
  /** A cell's text; or draw(page, x, y, width, row) for a drawn cell (a bar). */
  text?: (row: T) => string;
  draw?: (page: PdfPage, x: number, top: number, width: number, height: number, row: T) => void;
}

export class Layout {
  readonly doc = new PdfDocument();
  readonly left = MARGIN;
  readonly width: number;
  page: PdfPage;
  y = MARGIN;

  constructor() {
    this.page = this.doc.addPage();
    this.width = this.page.width - 2 * MARGIN;
  }

  get bottom(): number {
    return this.page.height - MARGIN - FOOTER;
  }

  newPage(): void {
    this.page = this.doc.addPage();
    this.y = MARGIN;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }

  /** A line of text at the cursor, which moves down by its leading. */
  line(text: string, options: { font?: FontName; size?: number; color?: Rgb } = {}): void {
    const size = options.size ?? 10;
    this.ensure(size * 1.45);
    this.y += size * 1.15;
    this.page.text(
      this.left,
      this.y,
      fitText(text, options.font ?? 'Helvetica', size, this.width),
      {
        ...options,
        size,
      },
    );
    this.y += size * 0.3;
  }

  /** A section heading, kept on the page with at least `keep` points of what follows. */
  heading(text: string, keep = 60): void {
    this.y += 10;
    this.ensure(18 + keep);
    this.line(text, { font: 'Helvetica-Bold', size: 12, color: INK });
    this.y += 4;
  }

  table<T>(columns: TableColumn<T>[], rows: readonly T[], empty = 'Tidak ada data.'): void {
    const rowHeight = 16;
    const header = (): void => {
      this.ensure(rowHeight * 2);
      this.page.rect(this.left, this.y, this.width, rowHeight, { fill: HEAD_FILL });
      this.#cells(columns, (c) => c.title, 'Helvetica-Bold');
      this.y += rowHeight;
    };
    header();
    if (rows.length === 0) {
      this.page.text(this.left + 4, this.y + 11.5, empty, { size: 9, color: MUTED });
      this.y += rowHeight;
    }
    for (const row of rows) {
      if (this.y + rowHeight > this.bottom) {
        this.newPage();
        header();
      }
      this.#cells(columns, (c) => c.text?.(row) ?? '', 'Helvetica', row);
      this.y += rowHeight;
      this.page.line(this.left, this.y, this.left + this.width, this.y, { color: LINE });
    }
    this.y += 6;
  }

  #cells<T>(
    columns: TableColumn<T>[],
    text: (c: TableColumn<T>) => string,
    font: FontName,
    row?: T,
  ): void {
    let x = this.left;
    for (const column of columns) {
      if (row !== undefined && column.draw)
        column.draw(this.page, x + 4, this.y + 3, column.width - 8, 10, row);
      else {
        const value = fitText(text(column), font, 9, column.width - 8);
        const isRight = column.align === 'right';
        this.page.text(isRight ? x + column.width - 4 : x + 4, this.y + 11.5, value, {
          font,
          size: 9,
          color: INK,
          align: isRight ? 'right' : 'left',
        });
      }
      x += column.width;
    }
  }

  /** The footer of every page: the report's name and "Halaman i dari n". */
  footers(title: string): void {
    const count = this.doc.pages.length;
    this.doc.pages.forEach((page, i) => {
      const y = page.height - MARGIN + 4;
      page.line(this.left, y - 12, this.left + this.width, y - 12, { color: LINE });
      page.text(this.left, y, fitText(title, 'Helvetica', 8, this.width - 110), {
        size: 8,
        color: MUTED,
      });
      page.text(this.left + this.width, y, `Halaman ${i + 1} dari ${count}`, {
        size: 8,
        color: MUTED,
        align: 'right',
      });
    });
  }
}
