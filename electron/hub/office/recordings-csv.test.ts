import { describe, expect, it } from 'vitest';
import { CSV_MAX_BYTES, CSV_MAX_LINES, readNikCsv } from './recordings-csv';

const NIK1 = '1602011234560001';
const NIK2 = '1602011234560002';

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const problemOf = (bytes: Buffer) => {
  try {
    readNikCsv(bytes);
    return null;
  } catch (error) {
    return (error as { reason?: string }).reason;
  }
};

describe('reading a CSV of NIKs', () => {
  it('takes one NIK per line, numbering lines as the file does (empty lines skipped)', () => {
    const file = readNikCsv(utf8(`${NIK1}\n\n${NIK2}\n`));
    expect(file).toEqual({
      separator: ',',
      hasHeader: false,
      lines: [
        { line: 1, value: NIK1 },
        { line: 3, value: NIK2 },
      ],
    });
  });

  it('reads an Excel export: BOM, CRLF, semicolons, a header naming the NIK column, quotes', () => {
    const text = `\uFEFFNo;Nama;NIK\r\n1;"BUDI; S";'${NIK1}\r\n2;SITI;"${NIK2}"\r\n3;ANI;1,60201E+15\r\n`;
    const file = readNikCsv(utf8(text));
    expect(file.separator).toBe(';');
    expect(file.hasHeader).toBe(true);
    expect(file.lines).toEqual([
      { line: 2, value: NIK1 },
      { line: 3, value: NIK2 },
      { line: 4, value: '1,60201E+15' },
    ]);
  });

  it('reads UTF-16 (Excel "Unicode text") with tabs, and grouped digits', () => {
    const text = `NIK\tKeterangan\n1602 0112 3456 0001\tok\n1602.0112.3456.0002\tok\n`;
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const file = readNikCsv(bytes);
    expect(file.separator).toBe('\t');
    expect(file.lines.map((l) => l.value)).toEqual([NIK1, NIK2]);
  });

  it('keeps a bad first line as a line (not a header) so its problem is named by line', () => {
    expect(readNikCsv(utf8(`abc\n${NIK1}\n`)).lines[0]).toEqual({ line: 1, value: 'abc' });
  });

  it('refuses files that are not a usable CSV: empty, too large, too many lines, binary', () => {
    expect(problemOf(Buffer.alloc(0))).toBe('CSV_EMPTY');
    expect(problemOf(utf8('\r\n\r\n'))).toBe('CSV_EMPTY');
    expect(problemOf(utf8('NIK\r\n'))).toBe('CSV_EMPTY');
    expect(problemOf(Buffer.alloc(CSV_MAX_BYTES + 1, 0x31))).toBe('CSV_TOO_LARGE');
    expect(problemOf(utf8(`${NIK1}\n`.repeat(CSV_MAX_LINES + 1)))).toBe('CSV_TOO_MANY_LINES');
    // Exactly the limit, with a header, is taken.
    expect(readNikCsv(utf8(`NIK\n${`${NIK1}\n`.repeat(CSV_MAX_LINES)}`)).lines).toHaveLength(
      CSV_MAX_LINES,
    );
    expect(problemOf(Buffer.from('PK\u0003\u0004 xlsx', 'latin1'))).toBe('CSV_NOT_TEXT');
    expect(problemOf(Buffer.from([0x31, 0x00, 0x32]))).toBe('CSV_NOT_TEXT');
    expect(problemOf(utf8('Nama;Alamat\nBUDI;Jl. Mawar\n'))).toBe('CSV_NO_NIK_COLUMN');
  });
});
