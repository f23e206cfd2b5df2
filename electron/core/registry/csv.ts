/**
 * RFC 4180 CSV, parsed as a stream of chunks: quoted fields may hold the delimiter, doubled
 * quotes and line breaks, and a chunk may end anywhere (inside a quote, between CR and LF).
 * Records end at CRLF, LF or a lone CR. Blank lines are skipped; a UTF-8 BOM is dropped.
 * Malformed input (a quote inside an unquoted field, text after a closing quote, an unclosed
 * quote at the end) throws CsvError with the line number: callers that parse user files turn it
 * into a result value at their boundary.
 */

export interface CsvRecord {
  fields: string[];
  /** 1-based physical line where the record starts. */
  line: number;
}

export class CsvError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(`${message} (line ${line})`);
    this.name = 'CsvError';
    this.line = line;
  }
}

type State = 'fieldStart' | 'unquoted' | 'quoted' | 'quoteInQuoted';

export class CsvParser {
  readonly #delimiter: string;
  #state: State = 'fieldStart';
  #field = '';
  #fields: string[] = [];
  #line = 1;
  #recordLine = 1;
  #afterCr = false;
  #prevWasCr = false;
  #isFirstChunk = true;
  /** The current record has content (so a blank line is told apart from `""`). */
  #hasContent = false;

  constructor(options: { delimiter?: string } = {}) {
    this.#delimiter = options.delimiter ?? ',';
    if (this.#delimiter.length !== 1 || '"\r\n'.includes(this.#delimiter)) {
      throw new Error('The delimiter must be one character other than a quote or a line break');
    }
  }

  /** Feeds one chunk; returns the records it completed. */
  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    let text = chunk;
    if (this.#isFirstChunk && text.length > 0) {
      this.#isFirstChunk = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    for (let i = 0; i < text.length; i += 1) {
      const ch = text[i] as string;
      const prevWasCr = this.#prevWasCr;
      this.#prevWasCr = ch === '\r';
      if (this.#afterCr) {
        this.#afterCr = false;
        // The LF of a CRLF pair: the record already ended at the CR.
        if (ch === '\n') continue;
      }
      switch (this.#state) {
        case 'quoted':
          if (ch === '"') this.#state = 'quoteInQuoted';
          else {
            if (ch === '\r' || (ch === '\n' && !prevWasCr)) this.#line += 1;
            this.#field += ch;
          }
          break;
        case 'quoteInQuoted':
          if (ch === '"') {
            this.#field += '"';
            this.#state = 'quoted';
          } else if (ch === this.#delimiter) this.#endField();
          else if (ch === '\r' || ch === '\n') this.#endRecord(ch, out);
          else throw new CsvError('Text after a closing quote', this.#line);
          break;
        case 'fieldStart':
          if (ch === '"') {
            this.#state = 'quoted';
            this.#hasContent = true;
          } else this.#unquoted(ch, out);
          break;
        case 'unquoted':
          this.#unquoted(ch, out);
          break;
      }
    }
    return out;
  }

  /** Ends the input; returns the last record when the text did not end with a line break. */
  end(): CsvRecord[] {
    if (this.#state === 'quoted') {
      throw new CsvError('A quoted field is not closed', this.#recordLine);
    }
    const out: CsvRecord[] = [];
    if (this.#hasContent || this.#fields.length > 0 || this.#field.length > 0) {
      this.#endField();
      this.#emit(out);
    }
    return out;
  }

  #unquoted(ch: string, out: CsvRecord[]): void {
    if (ch === this.#delimiter) {
      this.#hasContent = true;
      this.#endField();
    } else if (ch === '\r' || ch === '\n') this.#endRecord(ch, out);
    else if (ch === '"') throw new CsvError('A quote inside an unquoted field', this.#line);
    else {
      this.#field += ch;
      this.#hasContent = true;
      this.#state = 'unquoted';
    }
  }

  #endField(): void {
    this.#fields.push(this.#field);
    this.#field = '';
    this.#state = 'fieldStart';
  }

  #endRecord(ch: string, out: CsvRecord[]): void {
    if (this.#hasContent) {
      this.#endField();
      this.#emit(out);
    } else this.#reset();
    this.#afterCr = ch === '\r';
    this.#line += 1;
    this.#recordLine = this.#line;
  }

  #emit(out: CsvRecord[]): void {
    out.push({ fields: this.#fields, line: this.#recordLine });
    this.#reset();
  }

  #reset(): void {
    this.#fields = [];
    this.#field = '';
    this.#state = 'fieldStart';
    this.#hasContent = false;
  }
}

/** Parses text or a stream of chunks (e.g. a utf8 read stream) into records. */
export async function* parseCsvStream(
  source: AsyncIterable<string> | Iterable<string>,
  options: { delimiter?: string } = {},
): AsyncGenerator<CsvRecord> {
  const parser = new CsvParser(options);
  for await (const chunk of source) yield* parser.push(chunk);
  yield* parser.end();
}

/** Whole-text convenience for small inputs and tests. */
export function parseCsv(text: string, options: { delimiter?: string } = {}): CsvRecord[] {
  const parser = new CsvParser(options);
  return [...parser.push(text), ...parser.end()];
}
