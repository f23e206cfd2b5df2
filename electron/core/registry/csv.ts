/**
 * RFC 4180 CSV, parsed as a stream of chunks: quoted fields may hold the delimiter, doubled
 * quotes and line breaks, and a chunk may end anywhere (inside a quote, between CR and LF).
 * Records end at CRLF, LF or a lone CR. Blank lines are skipped; a UTF-8 BOM is dropped.
 * Malformed input (a quote inside an unquoted field, text after a closing quote, an unclosed
 * quote at the end) throws CsvError with the line number: callers that parse user files turn it
 * into a result value at their boundary.
 *
 * With `recover: true` the damage that stays inside one line (a stray quote in an unquoted field,
 * text after a closing quote) does not stop the parse: that record is returned as
 * `{ line, error }` and parsing resumes after the next line break. An unclosed quote cannot be
 * read past (everything after it would be one field), so it still throws, in every mode.
 */

export interface CsvRecord {
  fields: string[];
  /** 1-based physical line where the record starts. */
  line: number;
}

/** Stable reasons, for callers that word their own message. */
export type CsvErrorCode = 'QUOTE_IN_UNQUOTED' | 'TEXT_AFTER_QUOTE' | 'QUOTE_NOT_CLOSED';

const MESSAGES: Record<CsvErrorCode, string> = {
  QUOTE_IN_UNQUOTED: 'A quote inside an unquoted field',
  TEXT_AFTER_QUOTE: 'Text after a closing quote',
  QUOTE_NOT_CLOSED: 'A quoted field is not closed',
};

export class CsvError extends Error {
  /** The physical line of the damage (for an unclosed quote: where the quote was opened). */
  readonly line: number;
  readonly code: CsvErrorCode;
  constructor(code: CsvErrorCode, line: number) {
    super(`${MESSAGES[code]} (line ${line})`);
    this.name = 'CsvError';
    this.line = line;
    this.code = code;
  }
}

/** A record the parser could not read (recover mode only); the line is where it starts. */
export interface CsvBadRecord {
  line: number;
  error: CsvError;
}

export interface CsvOptions<Recover extends boolean = boolean> {
  delimiter?: string | undefined;
  /** Return records with local damage as CsvBadRecord instead of throwing. */
  recover?: Recover | undefined;
  /**
   * A quoted field longer than this (checked at the end of each chunk) is taken as an unclosed
   * quote, so a stray quote cannot make the parser hold the rest of a large file. No limit when
   * absent.
   */
  maxQuotedChars?: number | undefined;
}

export type CsvOutput<Recover extends boolean> = Recover extends true
  ? CsvRecord | CsvBadRecord
  : CsvRecord;

type State = 'fieldStart' | 'unquoted' | 'quoted' | 'quoteInQuoted' | 'skipLine';

export class CsvParser<Recover extends boolean = false> {
  readonly #delimiter: string;
  readonly #recover: boolean;
  readonly #maxQuoted: number;
  #state: State = 'fieldStart';
  #field = '';
  #fields: string[] = [];
  #line = 1;
  #recordLine = 1;
  /** Where the open quoted field started. */
  #quoteLine = 1;
  #afterCr = false;
  #prevWasCr = false;
  #isFirstChunk = true;
  /** The current record has content (so a blank line is told apart from `""`). */
  #hasContent = false;

  constructor(options: CsvOptions<Recover> = {}) {
    this.#delimiter = options.delimiter ?? ',';
    this.#recover = options.recover === true;
    this.#maxQuoted = options.maxQuotedChars ?? Infinity;
    if (this.#delimiter.length !== 1 || '"\r\n'.includes(this.#delimiter)) {
      throw new Error('The delimiter must be one character other than a quote or a line break');
    }
  }

  /** Feeds one chunk; returns the records it completed. */
  push(chunk: string): Array<CsvOutput<Recover>> {
    const out: Array<CsvRecord | CsvBadRecord> = [];
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
          else this.#damaged('TEXT_AFTER_QUOTE', out);
          break;
        case 'fieldStart':
          if (ch === '"') {
            this.#state = 'quoted';
            this.#quoteLine = this.#line;
            this.#hasContent = true;
          } else this.#unquoted(ch, out);
          break;
        case 'unquoted':
          this.#unquoted(ch, out);
          break;
        case 'skipLine':
          // The rest of a damaged record: dropped up to the next line break.
          if (ch === '\r' || ch === '\n') this.#endRecord(ch, out);
          break;
      }
    }
    if (this.#state === 'quoted' && this.#field.length > this.#maxQuoted) {
      throw new CsvError('QUOTE_NOT_CLOSED', this.#quoteLine);
    }
    return out as Array<CsvOutput<Recover>>;
  }

  /** Ends the input; returns the last record when the text did not end with a line break. */
  end(): Array<CsvOutput<Recover>> {
    if (this.#state === 'quoted') throw new CsvError('QUOTE_NOT_CLOSED', this.#quoteLine);
    const out: CsvRecord[] = [];
    if (this.#state === 'skipLine') this.#reset();
    else if (this.#hasContent || this.#fields.length > 0 || this.#field.length > 0) {
      this.#endField();
      this.#emit(out);
    }
    return out as Array<CsvOutput<Recover>>;
  }

  /** Damage inside one line: thrown, or (recover) the record is reported and its line dropped. */
  #damaged(code: CsvErrorCode, out: Array<CsvRecord | CsvBadRecord>): void {
    const error = new CsvError(code, this.#line);
    if (!this.#recover) throw error;
    out.push({ line: this.#recordLine, error });
    this.#reset();
    this.#state = 'skipLine';
  }

  #unquoted(ch: string, out: Array<CsvRecord | CsvBadRecord>): void {
    if (ch === this.#delimiter) {
      this.#hasContent = true;
      this.#endField();
    } else if (ch === '\r' || ch === '\n') this.#endRecord(ch, out);
    else if (ch === '"') this.#damaged('QUOTE_IN_UNQUOTED', out);
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

  #endRecord(ch: string, out: Array<CsvRecord | CsvBadRecord>): void {
    if (this.#state === 'skipLine') this.#reset();
    else if (this.#hasContent) {
      this.#endField();
      this.#emit(out);
    } else this.#reset();
    this.#afterCr = ch === '\r';
    this.#line += 1;
    this.#recordLine = this.#line;
  }

  #emit(out: Array<CsvRecord | CsvBadRecord>): void {
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
export async function* parseCsvStream<Recover extends boolean = false>(
  source: AsyncIterable<string> | Iterable<string>,
  options: CsvOptions<Recover> = {},
): AsyncGenerator<CsvOutput<Recover>> {
  const parser = new CsvParser<Recover>(options);
  for await (const chunk of source) yield* parser.push(chunk);
  yield* parser.end();
}

/** Whole-text convenience for small inputs and tests. */
export function parseCsv<Recover extends boolean = false>(
  text: string,
  options: CsvOptions<Recover> = {},
): Array<CsvOutput<Recover>> {
  const parser = new CsvParser<Recover>(options);
  return [...parser.push(text), ...parser.end()];
}
