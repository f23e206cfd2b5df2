/**
 * Reading a CSV file of NIKs (issue 15 item 6): the de-duplication results the district gets back
 * as a list, often saved from Excel. Pure: bytes in, lines out; recordings-csv-check decides what
 * each line means. Handles a UTF-8 or UTF-16 byte-order mark, CRLF or CR line ends, comma,
 * semicolon (Excel in the Indonesian locale) or tab separators, quoted cells, an optional header
 * row naming the NIK column, and Excel's leading apostrophe that keeps a number as text.
 */

/** Largest file taken (bytes) and most lines. */
export const CSV_MAX_BYTES = 1024 * 1024;
export const CSV_MAX_LINES = 20_000;

export type CsvFileProblem =
  | 'CSV_EMPTY'
  | 'CSV_TOO_LARGE'
  | 'CSV_TOO_MANY_LINES'
  /** A spreadsheet or other binary file, not text (e.g. .xlsx: save it as CSV). */
  | 'CSV_NOT_TEXT'
  /** A header row without a NIK column. */
  | 'CSV_NO_NIK_COLUMN';

export class CsvFileError extends Error {
  readonly reason: CsvFileProblem;
  constructor(reason: CsvFileProblem, message: string) {
    super(message);
    this.name = 'CsvFileError';
    this.reason = reason;
  }
}

export interface CsvNikLine {
  /** The file's line number, from 1. */
  line: number;
  /** The NIK cell, trimmed, Excel's apostrophe and spaces inside removed. */
  value: string;
}

export interface CsvNikFile {
  separator: ',' | ';' | '\t';
  hasHeader: boolean;
  lines: CsvNikLine[];
}

function decode(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return bytes.subarray(start ? 3 : 0).toString('utf8');
}

/** Splits one line into cells; quotes may hold the separator and doubled quotes. */
function cells(line: string, separator: string): string[] {
  const out: string[] = [];
  let cell = '';
  let isQuoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i] as string;
    if (isQuoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') isQuoted = false;
      else cell += c;
    } else if (c === '"' && cell.trim() === '') {
      cell = '';
      isQuoted = true;
    } else if (c === separator) {
      out.push(cell);
      cell = '';
    } else cell += c;
  }
  out.push(cell);
  return out;
}

/** A NIK cell as typed: trimmed, Excel's leading apostrophe and inner spaces/dots removed. */
function cleanNik(cell: string): string {
  let value = cell.trim();
  if (value.startsWith("'")) value = value.slice(1);
  // Grouped for reading ("1602 0112 3456 0001" or "1602.0112..."), never Excel's 1.60212E+15.
  if (/^[\d .]+$/.test(value) && !/^\d+\.\d+$/.test(value)) value = value.replace(/[ .]/g, '');
  return value.slice(0, 40);
}

/** Reads the file's NIK lines; throws CsvFileError for a file that is not a usable CSV. */
export function readNikCsv(bytes: Buffer): CsvNikFile {
  if (bytes.length > CSV_MAX_BYTES)
    throw new CsvFileError('CSV_TOO_LARGE', `over ${CSV_MAX_BYTES} bytes`);
  if (bytes.length === 0) throw new CsvFileError('CSV_EMPTY', 'the file is empty');
  // Zip (xlsx, ods), old Excel (OLE) and PDF files are not CSV.
  const head = bytes.subarray(0, 8).toString('latin1');
  if (
    head.startsWith('PK\u0003\u0004') ||
    head.startsWith('\u00d0\u00cf\u0011\u00e0') ||
    head.startsWith('%PDF')
  )
    throw new CsvFileError('CSV_NOT_TEXT', 'a spreadsheet or document, not a CSV file');
  const text = decode(bytes);
  if (text.includes('\u0000')) throw new CsvFileError('CSV_NOT_TEXT', 'binary content');
  const raw = text.split(/\r\n|\r|\n/);
  const numbered = raw
    .map((content, index) => ({ line: index + 1, content }))
    .filter((l) => l.content.trim() !== '');
  if (numbered.length === 0) throw new CsvFileError('CSV_EMPTY', 'no lines');
  if (numbered.length > CSV_MAX_LINES + 1)
    throw new CsvFileError('CSV_TOO_MANY_LINES', `over ${CSV_MAX_LINES} lines`);
  const first = (numbered[0] as { content: string }).content;
  const separator: CsvNikFile['separator'] = first.includes(';')
    ? ';'
    : first.includes('\t')
      ? '\t'
      : ',';
  const firstCells = cells(first, separator).map((c) => c.trim());
  // A header is a first line without digits that names a NIK column; a lone cell without digits
  // is a (bad) NIK line; several cells without digits and no NIK column are a header we cannot use.
  const hasDigits = firstCells.some((c) => /\d/.test(c));
  const nikColumn = firstCells.findIndex((c) => c.replace(/^\uFEFF/, '').toUpperCase() === 'NIK');
  const hasHeader = !hasDigits && (nikColumn >= 0 || firstCells.length > 1);
  if (hasHeader && nikColumn < 0)
    throw new CsvFileError('CSV_NO_NIK_COLUMN', 'the header names no NIK column');
  const column = hasHeader ? nikColumn : 0;
  const body = hasHeader ? numbered.slice(1) : numbered;
  if (body.length === 0) throw new CsvFileError('CSV_EMPTY', 'only a header');
  if (body.length > CSV_MAX_LINES)
    throw new CsvFileError('CSV_TOO_MANY_LINES', `over ${CSV_MAX_LINES} lines`);
  return {
    separator,
    hasHeader,
    lines: body.map(({ line, content }) => ({
      line,
      value: cleanNik(cells(content, separator)[column] ?? ''),
    })),
  };
}
