import { createReadStream, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type SQLite from 'better-sqlite3-multiple-ciphers';
import type { ImportSummary } from '../../contract/registry';
import { crashPoint } from '../../../db/crash-point';
import type { RegistryImportRow } from '../../../db/schema';
import { loadCodeLists, type CodeLists } from './code-lists';
import { CsvError, CsvParser, type CsvBadRecord, type CsvErrorCode, type CsvRecord } from './csv';
import {
  readHeader,
  readRow,
  type ExtractContext,
  type ExtractHeader,
  type RowReject,
} from './extract-layout';
import { rollbackImport } from './import-rollback';
import { ResidentWriter } from './resident-writer';
import { jakartaDay } from '../common/jakarta';

/**
 * Import of a district extract (docs/registry-import.md). Streams the CSV, validates each row,
 * and writes chunks of rows in one transaction each; the same transaction records the resume
 * point and the counters, so a crash leaves the database at a chunk boundary of a known import.
 * That import is found 'interrupted' at the next start and is either resumed (start again) or
 * rolled back (cancel). Nothing proportional to the file is held in memory but the compact set of
 * NIKs seen (SeenNiks, ~25 MiB at 1M rows): the first row of a NIK counts, later ones are rejected.
 * Quoting damage inside one line rejects that row only (CSV_QUOTING); a quote never closed fails
 * the file.
 */

export interface ImportProgress {
  importId: string;
  bytesDone: number;
  bytesTotal: number;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
}

export interface ImportOptions {
  /** A plaintext CSV file; or `open` for any re-openable byte source (the encrypted staging). */
  file?: string | undefined;
  open?: (() => AsyncIterable<Buffer>) | undefined;
  /** Continue this import (uploaded, or interrupted); a new one is created when absent. */
  importId?: string | undefined;
  fileName?: string | undefined;
  sizeBytes?: number | undefined;
  startedBy?: string | undefined;
  now?: (() => Date) | undefined;
  newId?: (() => string) | undefined;
  codeLists?: CodeLists | undefined;
  /** Defaults to <cwd>/resources, used only when codeLists is absent. */
  resourcesDir?: string | undefined;
  chunkRows?: number | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: ImportProgress) => void) | undefined;
}

/** Rows per transaction: short enough to keep the UI responsive, long enough to be fast. */
export const IMPORT_CHUNK_ROWS = 5000;
/** Page cache while importing, KiB (the default is 2 MiB); well inside the memory budget. */
const IMPORT_CACHE_KIB = 64 * 1024;
/**
 * A quoted field this long is taken as a quote that was never closed: no real column is near it
 * (FIELD_TOO_LONG rejects above 200 characters), and the parser must not gather the rest of a
 * large file into one field.
 */
const MAX_QUOTED_CHARS = 64 * 1024;

const RESUMABLE = new Set(['uploading', 'interrupted']);

export function getImport(sqlite: SQLite.Database, id: string): RegistryImportRow | undefined {
  return sqlite.prepare('SELECT * FROM registry_imports WHERE id = ?').get(id) as
    RegistryImportRow | undefined;
}

export function createImportRow(
  sqlite: SQLite.Database,
  row: Pick<RegistryImportRow, 'id' | 'file_name' | 'size_bytes' | 'created_at' | 'created_by'> & {
    staged_file: string | null;
    status: 'uploading' | 'running';
  },
): void {
  sqlite
    .prepare(
      `INSERT INTO registry_imports (id, file_name, size_bytes, staged_file, status, created_at,
       created_by) VALUES (@id, @file_name, @size_bytes, @staged_file, @status, @created_at,
       @created_by)`,
    )
    .run(row);
}

function setStatus(
  sqlite: SQLite.Database,
  id: string,
  status: RegistryImportRow['status'],
  fields: { finished_at?: string; message?: string | null } = {},
): void {
  sqlite
    .prepare(
      `UPDATE registry_imports SET status = ?, finished_at = coalesce(?, finished_at),
       message = ? WHERE id = ?`,
    )
    .run(status, fields.finished_at ?? null, fields.message ?? null, id);
}

/**
 * At start-up nothing runs yet: an import still marked running was cut off (crash, power cut).
 * Unfinished uploads cannot continue either; the caller deletes their staged files.
 */
export function markInterrupted(sqlite: SQLite.Database): {
  interrupted: number;
  uploads: RegistryImportRow[];
} {
  const uploads = sqlite
    .prepare(
      "SELECT * FROM registry_imports WHERE status = 'uploading' AND received_bytes < size_bytes",
    )
    .all() as RegistryImportRow[];
  const run = sqlite.transaction(() => {
    for (const u of uploads) {
      setStatus(sqlite, u.id, 'failed', { message: 'UPLOAD_INTERRUPTED' });
    }
    return sqlite
      .prepare("UPDATE registry_imports SET status = 'interrupted' WHERE status = 'running'")
      .run().changes;
  });
  return { interrupted: run(), uploads };
}

/** Rolls an import back completely and marks it cancelled (also finishes a cut-off rollback). */
export async function cancelImport(
  sqlite: SQLite.Database,
  id: string,
  at: string,
): Promise<RegistryImportRow> {
  rollingBack.add(id);
  try {
    setStatus(sqlite, id, 'rolling_back');
    await rollbackImport(sqlite, id);
    sqlite.prepare('DELETE FROM registry_import_undo WHERE import_id = ?').run(id);
    setStatus(sqlite, id, 'cancelled', { finished_at: at });
  } finally {
    rollingBack.delete(id);
  }
  return getImport(sqlite, id) as RegistryImportRow;
}

/**
 * Rollbacks running in this process. A row still 'rolling_back' without one was cut off (crash
 * during a cancel): that is 'interrupted' to the user, who cancels again to finish it.
 */
const rollingBack = new Set<string>();

/** Whether this import (or, without an id, any import) is being rolled back in this process. */
export function isRollingBack(importId?: string): boolean {
  return importId === undefined ? rollingBack.size > 0 : rollingBack.has(importId);
}

export function toSummary(row: RegistryImportRow): ImportSummary {
  return {
    importId: row.id,
    fileName: row.file_name,
    sizeBytes: row.size_bytes,
    status: statusOf(row),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    startedBy: row.started_by,
    rowsRead: row.rows_read,
    rowsAccepted: row.rows_accepted,
    rowsRejected: row.rows_rejected,
    rowsWarned: row.rows_warned,
    rowsChanged: row.rows_changed,
    message: summaryMessage(row),
  };
}

function statusOf(row: RegistryImportRow): ImportSummary['status'] {
  if (row.status !== 'rolling_back') return row.status;
  return rollingBack.has(row.id) ? 'cancelling' : 'interrupted';
}

function summaryMessage(row: RegistryImportRow): string | null {
  switch (row.status) {
    case 'interrupted':
      return (
        `Impor terputus (aplikasi berhenti) setelah ${row.records_done} baris tersimpan. ` +
        'Tekan Lanjutkan untuk meneruskan atau Batalkan untuk mengembalikan data seperti semula.'
      );
    case 'rolling_back':
      return rollingBack.has(row.id)
        ? 'Impor sedang dibatalkan: data dikembalikan seperti semula.'
        : 'Pembatalan impor terputus. Tekan Batalkan lagi untuk menyelesaikannya.';
    case 'failed':
      return row.message === 'UPLOAD_INTERRUPTED'
        ? 'Pengunggahan berkas terputus. Unggah berkas itu lagi.'
        : `Impor gagal dan tidak ada data yang diubah. ${row.message ?? ''}`.trim();
    default:
      return null;
  }
}

async function* fileBytes(file: string): AsyncIterable<Buffer> {
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
    yield chunk as Buffer;
  }
}

interface Counters {
  records_done: number;
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  rows_warned: number;
  rows_changed: number;
}

class ImportFailure extends Error {}

/** Runs (or resumes) one import to the end, a cancel (rolled back) or a failure (rolled back). */
export async function importExtract(
  opened: { sqlite: SQLite.Database },
  options: ImportOptions,
): Promise<ImportSummary> {
  const { sqlite } = opened;
  const now = options.now ?? (() => new Date());
  // Loaded before the import is marked running: a broken install must not leave a stuck import.
  const codeLists =
    options.codeLists ?? loadCodeLists(options.resourcesDir ?? join(process.cwd(), 'resources'));
  const open = options.open ?? (options.file ? () => fileBytes(options.file as string) : null);
  if (!open) throw new Error('importExtract needs a file or an open() source');
  const id = options.importId ?? options.newId?.() ?? crypto.randomUUID();
  let row = getImport(sqlite, id);
  if (!row) {
    createImportRow(sqlite, {
      id,
      file_name: options.fileName ?? basename(options.file ?? 'extract.csv'),
      size_bytes: options.sizeBytes ?? (options.file ? statSync(options.file).size : 0),
      staged_file: null,
      status: 'running',
      created_at: now().toISOString(),
      created_by: options.startedBy ?? 'system',
    });
    row = getImport(sqlite, id) as RegistryImportRow;
  } else if (!RESUMABLE.has(row.status)) {
    throw new Error(`Import ${id} is ${row.status}; only uploaded or interrupted imports start`);
  }
  sqlite
    .prepare(
      `UPDATE registry_imports SET status = 'running', message = NULL,
       started_at = coalesce(started_at, ?), started_by = coalesce(started_by, ?) WHERE id = ?`,
    )
    .run(now().toISOString(), options.startedBy ?? 'system', id);

  const counters: Counters = {
    records_done: row.records_done,
    rows_read: row.rows_read,
    rows_accepted: row.rows_accepted,
    rows_rejected: row.rows_rejected,
    rows_warned: row.rows_warned,
    rows_changed: row.rows_changed,
  };
  // A bigger page cache for the bulk work (index pages of 1M residents), restored afterwards.
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma(`cache_size = ${-IMPORT_CACHE_KIB}`);
  try {
    const isComplete = await runRows(sqlite, id, row.size_bytes, open, counters, {
      ...options,
      codeLists,
      now,
    });
    if (!isComplete) {
      await cancelImport(sqlite, id, now().toISOString());
    } else {
      sqlite.transaction(() => {
        sqlite.prepare('DELETE FROM registry_import_undo WHERE import_id = ?').run(id);
        setStatus(sqlite, id, 'done', { finished_at: now().toISOString() });
        crashPoint?.('commit');
      })();
    }
  } catch (error) {
    if (!(error instanceof ImportFailure)) throw error;
    await cancelImport(sqlite, id, now().toISOString());
    setStatus(sqlite, id, 'failed', { finished_at: now().toISOString(), message: error.message });
  } finally {
    sqlite.pragma(`cache_size = ${cacheSize}`);
  }
  return toSummary(getImport(sqlite, id) as RegistryImportRow);
}

function regionSets(
  sqlite: SQLite.Database,
): Pick<ExtractContext, 'districtExists' | 'villageExists'> {
  const codes = (level: string) =>
    new Set(
      sqlite
        .prepare('SELECT code FROM regions WHERE level = ? AND valid_until_version IS NULL')
        .pluck()
        .all(level) as string[],
    );
  const villages = new Set(
    sqlite.prepare("SELECT code FROM regions WHERE level = 'village'").pluck().all() as string[],
  );
  if (villages.size === 0) return {};
  const districts = codes('district');
  return { districtExists: (c) => districts.has(c), villageExists: (c) => villages.has(c) };
}

/** A source that cannot be read (missing, damaged staging) fails the import; DB errors do not. */
async function* readable(open: () => AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  try {
    for await (const bytes of open()) yield bytes;
  } catch (error) {
    throw new ImportFailure(`Berkas tidak dapat dibaca: ${(error as Error).message}.`);
  }
}

/**
 * Handlers share the connection: a Kysely transaction may be open across its awaits, and a chunk
 * committed then would silently join it. Wait until it has ended.
 */
async function outsideTransactions(sqlite: SQLite.Database): Promise<void> {
  while (sqlite.inTransaction) await new Promise((resolve) => setTimeout(resolve, 2));
}

/** Damage the parser stepped over: the record is rejected, the next line is read again. */
function quotingReject(error: CsvError): RowReject {
  const what: Record<Exclude<CsvErrorCode, 'QUOTE_NOT_CLOSED'>, { id: string; en: string }> = {
    QUOTE_IN_UNQUOTED: {
      id: 'ada tanda kutip (") di tengah kolom yang tidak diapit tanda kutip',
      en: 'a quote (") inside a field that is not quoted',
    },
    TEXT_AFTER_QUOTE: {
      id: 'ada teks sesudah tanda kutip penutup sebuah kolom',
      en: 'text after the closing quote of a field',
    },
  };
  const detail = what[error.code as keyof typeof what] ?? {
    id: 'tanda kutip tidak sesuai format CSV',
    en: 'quotes that do not follow the CSV format',
  };
  return {
    code: 'CSV_QUOTING',
    message: {
      id:
        `Baris ini tidak dapat dibaca: ${detail.id} (baris fisik ${error.line}). ` +
        'Baris ini dilewati seluruhnya; pembacaan dilanjutkan pada baris berikutnya.',
      en:
        `This row cannot be read: ${detail.en} (physical line ${error.line}). ` +
        'The whole row was skipped; reading went on at the next line.',
    },
  };
}

export function duplicateNik(firstLine: number): RowReject {
  return {
    code: 'NIK_DUPLICATE_IN_FILE',
    message: {
      id:
        `NIK ini sudah ada di baris ${firstLine} berkas ini. Hanya baris pertama yang dipakai; ` +
        'baris ini tidak mengubah apa pun.',
      en:
        `This NIK already appears on line ${firstLine} of this file. Only the first row counts; ` +
        'this row changed nothing.',
    },
  };
}

const EMPTY = 0;

/**
 * The NIKs of this file's data rows so far, each with the line of its first row. A million NIKs
 * must not become a million JS strings (nor a B-tree: a TEMP table filled in random NIK order
 * left ~75 MB resident at 1M rows): an open-addressing hash set over typed arrays holds a NIK as
 * two 8-digit halves and its line, 12 bytes a slot at most half full (~25 MB at 1M NIKs).
 * Only 16-digit NIKs are tracked; any other NIK is rejected by validation anyway.
 */
export class SeenNiks {
  #hi = new Uint32Array(0);
  #lo = new Uint32Array(0);
  /** Line of the first row, EMPTY for a free slot (data rows start at line 2). */
  #line = new Uint32Array(0);
  #size = 0;

  constructor(initialSlots = 1 << 16) {
    this.#allocate(initialSlots);
  }

  get size(): number {
    return this.#size;
  }

  /** Records the NIK; returns the line of an earlier row with it, or null when it is the first. */
  see(nik: string | null, line: number): number | null {
    if (nik === null || nik.length !== 16 || line <= EMPTY) return null;
    // Two 8-digit halves, read without allocating (a million rows, no garbage).
    let [hi, lo] = [0, 0];
    for (let k = 0; k < 16; k += 1) {
      const digit = nik.charCodeAt(k) - 48;
      if (digit < 0 || digit > 9) return null;
      if (k < 8) hi = hi * 10 + digit;
      else lo = lo * 10 + digit;
    }
    const mask = this.#line.length - 1;
    let i = slotOf(hi, lo) & mask;
    for (;;) {
      const at = this.#line[i] as number;
      if (at === EMPTY) break;
      if (this.#hi[i] === hi && this.#lo[i] === lo) return at;
      i = (i + 1) & mask;
    }
    this.#hi[i] = hi;
    this.#lo[i] = lo;
    this.#line[i] = line;
    this.#size += 1;
    if (this.#size * 2 > this.#line.length) this.#grow();
    return null;
  }

  #allocate(slots: number): void {
    this.#hi = new Uint32Array(slots);
    this.#lo = new Uint32Array(slots);
    this.#line = new Uint32Array(slots);
  }

  #grow(): void {
    const [hi, lo, lines] = [this.#hi, this.#lo, this.#line];
    this.#allocate(lines.length * 2);
    const mask = this.#line.length - 1;
    for (let j = 0; j < lines.length; j += 1) {
      if (lines[j] === EMPTY) continue;
      let i = slotOf(hi[j] as number, lo[j] as number) & mask;
      while (this.#line[i] !== EMPTY) i = (i + 1) & mask;
      this.#hi[i] = hi[j] as number;
      this.#lo[i] = lo[j] as number;
      this.#line[i] = lines[j] as number;
    }
  }
}

/** A 32-bit mix of the two halves (murmur3 finaliser): NIK serials are far from random. */
function slotOf(hi: number, lo: number): number {
  let h = Math.imul(hi, 0x9e3779b1) ^ lo;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Returns false when cancelled. Throws ImportFailure for a file that cannot be read on. */
async function runRows(
  sqlite: SQLite.Database,
  id: string,
  bytesTotal: number,
  open: () => AsyncIterable<Buffer>,
  counters: Counters,
  options: ImportOptions & { codeLists: CodeLists; now: () => Date },
): Promise<boolean> {
  const at = options.now().toISOString();
  const ctx: ExtractContext = {
    codeLists: options.codeLists,
    today: jakartaDay(options.now()),
    ...regionSets(sqlite),
  };
  const writer = new ResidentWriter(sqlite, { source: `import:${id}`, at, undoId: id });
  const chunkRows = options.chunkRows ?? IMPORT_CHUNK_ROWS;
  const saveReject = sqlite.prepare(
    `INSERT OR REPLACE INTO registry_import_rejects
     (import_id, line, nik, code, message_id, message_en) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const saveCounters = sqlite.prepare(
    `UPDATE registry_imports SET records_done = @records_done, rows_read = @rows_read,
     rows_accepted = @rows_accepted, rows_rejected = @rows_rejected, rows_warned = @rows_warned,
     rows_changed = @rows_changed WHERE id = @id`,
  );
  let header: ExtractHeader | null = null;
  // Rebuilt on every run from every data record, also those a resume skips.
  const seenNiks = new SeenNiks();
  /** The NIK as written (trimmed), from a record with the header's field count. */
  const nikOf = (record: Item, hdr: ExtractHeader): string | null => {
    const nikAt = hdr.index.get('NIK');
    if ('error' in record || nikAt === undefined || record.fields.length !== hdr.count) return null;
    return record.fields[nikAt]?.trim() || null;
  };
  const commit = sqlite.transaction((records: readonly Item[], hdr: ExtractHeader) => {
    for (const record of records) {
      counters.rows_read += 1;
      const nik = nikOf(record, hdr);
      // The first row of a NIK decides; later ones are rejected before anything is written.
      const firstLine = seenNiks.see(nik, record.line);
      let outcome: ReturnType<ResidentWriter['write']>;
      let warned = false;
      if ('error' in record) outcome = { reject: quotingReject(record.error) };
      else if (firstLine !== null) outcome = { reject: duplicateNik(firstLine) };
      else {
        const result = readRow(record.fields, hdr, ctx);
        outcome = result.ok ? writer.write(result.record) : { reject: result.reject };
        warned = result.ok && result.warnings.length > 0;
      }
      if (typeof outcome === 'object') {
        counters.rows_rejected += 1;
        const { code, message } = outcome.reject;
        const written = 'error' in record ? null : record.fields[hdr.index.get('NIK') ?? -1];
        saveReject.run(
          id,
          record.line,
          written?.trim().slice(0, 32) || null,
          code,
          message.id,
          message.en,
        );
        continue;
      }
      counters.rows_accepted += 1;
      if (warned) counters.rows_warned += 1;
      if (outcome !== 'unchanged') counters.rows_changed += 1;
    }
    counters.records_done += records.length;
    saveCounters.run({ ...counters, id });
    // Crash harness only (db/crash-point.ts): a kill here leaves the chunk uncommitted.
    crashPoint?.('commit');
  });

  const parser = new CsvParser({ recover: true, maxQuotedChars: MAX_QUOTED_CHARS });
  const decoder = new StringDecoder('utf8');
  let [seen, bytesDone] = [0, 0];
  let pending: Item[] = [];
  const report = () =>
    options.onProgress?.({
      importId: id,
      bytesDone,
      bytesTotal,
      rowsRead: counters.rows_read,
      rowsAccepted: counters.rows_accepted,
      rowsRejected: counters.rows_rejected,
    });
  const take = async (records: Item[]) => {
    for (const record of records) {
      if (!header) {
        if ('error' in record) {
          throw new ImportFailure(`Baris judul tidak dapat dibaca: ${record.error.message}.`);
        }
        const parsed = readHeader(record.fields);
        if (!parsed.ok) throw new ImportFailure(parsed.reject.message.id);
        header = parsed.header;
        continue;
      }
      // Resume: data records up to the last committed chunk are already in the database.
      seen += 1;
      // Their NIKs still count for the duplicate check of the records after them.
      if (seen > counters.records_done) pending.push(record);
      else seenNiks.see(nikOf(record, header), record.line);
      if (pending.length >= chunkRows) {
        await outsideTransactions(sqlite);
        commit(pending, header);
        pending = [];
        report();
      }
    }
  };
  try {
    for await (const bytes of readable(open)) {
      if (options.signal?.aborted) return false;
      bytesDone += bytes.length;
      await take(parser.push(decoder.write(bytes)));
    }
    await take(parser.push(decoder.end()));
    await take(parser.end());
    if (options.signal?.aborted) return false;
    if (!header) throw new ImportFailure('Berkas kosong: tidak ada baris judul.');
    await outsideTransactions(sqlite);
    if (pending.length > 0) commit(pending, header);
    report();
    return true;
  } catch (error) {
    if (error instanceof CsvError) throw new ImportFailure(fatalCsvMessage(error));
    throw error;
  }
}

type Item = CsvRecord | CsvBadRecord;

/** Damage the parser cannot step over fails the whole file (rolled back). */
function fatalCsvMessage(error: CsvError): string {
  if (error.code === 'QUOTE_NOT_CLOSED') {
    return (
      `Berkas CSV rusak: tanda kutip (") yang dibuka di baris ${error.line} tidak pernah ` +
      'ditutup, sehingga sisa berkas tidak dapat dibaca. Perbaiki baris itu lalu impor lagi.'
    );
  }
  return `Berkas CSV rusak: ${error.message}.`;
}
