import { describe, expect, it } from 'vitest';
import { CsvError, CsvParser, parseCsv, parseCsvStream } from './csv';

const fields = (text: string, delimiter?: string) =>
  parseCsv(text, delimiter ? { delimiter } : {}).map((r) => r.fields);

/** Feeds the text in every possible two-chunk split and checks the result never changes. */
function everySplit(text: string): string[][][] {
  const results: string[][][] = [];
  for (let cut = 0; cut <= text.length; cut += 1) {
    const parser = new CsvParser();
    const records = [...parser.push(text.slice(0, cut)), ...parser.push(text.slice(cut))];
    results.push([...records, ...parser.end()].map((r) => r.fields));
  }
  return results;
}

describe('CSV parser (RFC 4180)', () => {
  it('reads plain fields with LF and CRLF line ends, with or without a final line break', () => {
    const expected = [
      ['code', 'name'],
      ['16', 'Sumatera Selatan'],
    ];
    expect(fields('code,name\n16,Sumatera Selatan\n')).toEqual(expected);
    expect(fields('code,name\r\n16,Sumatera Selatan\r\n')).toEqual(expected);
    expect(fields('code,name\r\n16,Sumatera Selatan')).toEqual(expected);
    expect(fields('code,name\r16,Sumatera Selatan\r')).toEqual(expected);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    expect(fields('12.07.28.1007,12.07.28,"Lubuk Pakam I,II"\n')).toEqual([
      ['12.07.28.1007', '12.07.28', 'Lubuk Pakam I,II'],
    ]);
    expect(fields('35.13.15.2017,35.13.15,"Soka""an"\n')).toEqual([
      ['35.13.15.2017', '35.13.15', 'Soka"an'],
    ]);
    expect(fields('a,"line one\r\nline two",b\r\nc,d,e\r\n')).toEqual([
      ['a', 'line one\r\nline two', 'b'],
      ['c', 'd', 'e'],
    ]);
    expect(fields('"""quoted""",""\n')).toEqual([['"quoted"', '']]);
  });

  it('keeps empty fields and skips blank lines', () => {
    expect(fields('a,,c\n,\n\n\r\n"",x\n')).toEqual([
      ['a', '', 'c'],
      ['', ''],
      ['', 'x'],
    ]);
    expect(fields('a,\n')).toEqual([['a', '']]);
    expect(fields('')).toEqual([]);
  });

  it('drops a UTF-8 byte order mark and supports another delimiter', () => {
    expect(fields('\uFEFFcode;name\n160205;"Kayu; Agung"\n', ';')).toEqual([
      ['code', 'name'],
      ['160205', 'Kayu; Agung'],
    ]);
  });

  it('gives the same records however the input is cut into chunks', () => {
    const text = 'a,"b,""c""\r\nd"\r\n"e",f\r\ng,h';
    const expected = [
      ['a', 'b,"c"\r\nd'],
      ['e', 'f'],
      ['g', 'h'],
    ];
    for (const result of everySplit(text)) expect(result).toEqual(expected);
  });

  it('streams records one chunk at a time and reports the line each record starts on', async () => {
    const chunks = ['x,"multi', '\nline"\r', '\ny,z\n', '\nlast,1'];
    const records = [];
    for await (const record of parseCsvStream(chunks)) records.push(record);
    expect(records).toEqual([
      { fields: ['x', 'multi\nline'], line: 1 },
      { fields: ['y', 'z'], line: 3 },
      { fields: ['last', '1'], line: 5 },
    ]);
  });

  it('rejects malformed input with the line number', () => {
    expect(() => parseCsv('a,b\nc,d"e\n')).toThrow(CsvError);
    expect(() => parseCsv('a,b\nc,d"e\n')).toThrow('line 2');
    expect(() => parseCsv('a,"b"c\n')).toThrow('Text after a closing quote');
    expect(() => parseCsv('a\n"open\nstill open')).toThrow('not closed (line 2)');
    expect(() => new CsvParser({ delimiter: '"' })).toThrow();
  });

  it('with recover, reports a record with a stray quote and resumes at the next line', () => {
    const summary = (text: string) =>
      parseCsv(text, { recover: true }).map((r) =>
        'error' in r ? { line: r.line, code: r.error.code, at: r.error.line } : r,
      );
    expect(summary('a,b\nc,d"e,f\ng,h\n')).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { line: 2, code: 'QUOTE_IN_UNQUOTED', at: 2 },
      { fields: ['g', 'h'], line: 3 },
    ]);
    expect(summary('x,"y"z,w\r\nok,1\r\n')).toEqual([
      { line: 1, code: 'TEXT_AFTER_QUOTE', at: 1 },
      { fields: ['ok', '1'], line: 2 },
    ]);
    // The record starts on line 1; the damage is on line 2, after a quoted line break.
    expect(summary('a,"l1\nl2"x,"q"\nb,c')).toEqual([
      { line: 1, code: 'TEXT_AFTER_QUOTE', at: 2 },
      { fields: ['b', 'c'], line: 3 },
    ]);
    expect(summary('a,b"c')).toEqual([{ line: 1, code: 'QUOTE_IN_UNQUOTED', at: 1 }]);
  });

  it('with recover, gives the same records however the input is cut into chunks', () => {
    const text = 'a,"b\r\nc"\r\nd,e"f"\r\n"g"h,"i",j\r\nk,l';
    const results = new Set<string>();
    for (let cut = 0; cut <= text.length; cut += 1) {
      const parser = new CsvParser({ recover: true });
      const records = [
        ...parser.push(text.slice(0, cut)),
        ...parser.push(text.slice(cut)),
        ...parser.end(),
      ];
      results.add(JSON.stringify(records.map((r) => ('error' in r ? [r.line, r.error.code] : r))));
    }
    expect([...results]).toEqual([
      JSON.stringify([
        { fields: ['a', 'b\r\nc'], line: 1 },
        [3, 'QUOTE_IN_UNQUOTED'],
        [4, 'TEXT_AFTER_QUOTE'],
        { fields: ['k', 'l'], line: 5 },
      ]),
    ]);
  });

  it('still fails on a quote that is never closed, with the line it was opened on', () => {
    const text = 'a,"ok\nfine",b\nc,"open\nrest\n';
    for (const recover of [false, true]) {
      let error: unknown;
      try {
        parseCsv(text, { recover });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CsvError);
      expect(error).toMatchObject({ code: 'QUOTE_NOT_CLOSED', line: 3 });
    }
    // A quoted field past the limit is taken as unclosed, without reading the rest.
    const parser = new CsvParser({ recover: true, maxQuotedChars: 10 });
    expect(parser.push('a,b\nc,"' + 'x'.repeat(5))).toHaveLength(1);
    expect(() => parser.push('x'.repeat(6))).toThrow('not closed (line 2)');
  });
});
