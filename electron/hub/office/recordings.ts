import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { HubDatabase } from '../../../db/hub-schema';
import { listStations } from '../../../db/queries/hub-stations';
import {
  countRecordingsByStatus,
  listRecordingRows,
  recordingRowsByIds,
  recordingRowsByNiks,
  saveRecordingRow,
  type OfficeRecordingRow,
} from '../../../db/queries/office-recordings';
import {
  OFFICE_RECORDING_STATUSES,
  type CsvGoodLine,
  type CsvProblemLine,
  type OfficeRecordingRow as RecordingDto,
  type RecordingOutcome,
  type RecordingsCsvCheck,
  type RecordingsHandlers,
} from '../../contract/office/recordings';
import { maskNik } from '../../protocol/mask';
import type { HubContext } from '../context';
import { decideRecording } from '../decisions';
import type { HubRecordInput } from '../records';
import { OfficeError, type OfficeCall, type OfficeHandlerMap } from './handler';
import { CsvFileError, readNikCsv, type CsvNikFile } from './recordings-csv';

/**
 * KTP-el recordings at the back-office (issue 15 item 6). The projection office_recordings is kept
 * at ingest (projectRecordings, one row per recording from its records) and by the district's
 * outcome (markRecordings: decideRecording queues the update stations pull, in the same
 * transaction as the row and the audit entry). A recording gets one outcome only: the station's
 * lifecycle allows terkirim -> prr | duplicate once (electron/core/recording/lifecycle.ts).
 */

type Db = Kysely<HubDatabase>;

const PAGE_SIZE = 50;
/** The station's statuses in lifecycle order. */
const RANK: Record<string, number> = {
  direkam: 0,
  terkirim: 1,
  prr: 2,
  duplicate: 2,
  dicetak: 3,
  diserahkan: 4,
};

/** What the list shows: the station's status once it printed, else the outcome, else awaiting. */
export function recordingStatus(row: Pick<OfficeRecordingRow, 'station_status' | 'decision'>) {
  if ((RANK[row.station_status] ?? 0) >= 3) return row.station_status;
  if (row.decision) return row.decision;
  if (row.station_status === 'prr' || row.station_status === 'duplicate') return row.station_status;
  return 'terkirim';
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Projects a packet's recording records (ingest, in its transaction). Records of one station come
 * in outbox order; a record older than the row's (`station_seq`) changes nothing, so a packet
 * sent twice or imported late is harmless.
 */
export async function projectRecordings(
  trx: Db,
  unitId: string,
  records: readonly Pick<HubRecordInput, 'aggregate' | 'aggregateId' | 'seq' | 'data'>[],
  at: string,
): Promise<void> {
  const mine = records.filter((r) => r.aggregate === 'recording');
  if (mine.length === 0) return;
  const existing = await recordingRowsByIds(trx, [...new Set(mine.map((r) => r.aggregateId))]);
  const rows = new Map(existing.map((r) => [r.recording_id, { ...r }]));
  const changed = new Set<string>();
  for (const record of [...mine].sort((a, b) => a.seq - b.seq)) {
    const data = (record.data ?? {}) as Record<string, unknown>;
    let row = rows.get(record.aggregateId);
    if (row && row.unit_id !== unitId) continue;
    if (!row) {
      row = {
        recording_id: record.aggregateId,
        unit_id: unitId,
        nik: null,
        name: null,
        recorded_at: null,
        is_first_time: null,
        station_status: 'direkam',
        station_seq: -1,
        decision: null,
        decision_note: null,
        decided_at: null,
        decided_by: null,
        status: 'terkirim',
        updated_at: at,
      };
      rows.set(record.aggregateId, row);
    }
    const seq = Number(row.station_seq);
    if (record.seq <= seq) continue;
    if (data.event === 'created') {
      row.name = text(data.NAMA_LGKP) ?? row.name;
      row.recorded_at = text(data.TGL_REKAM) ?? row.recorded_at;
      row.is_first_time = typeof data.IS_PEMULA === 'boolean' ? Number(data.IS_PEMULA) : null;
    }
    row.nik = text(data.NIK) ?? row.nik;
    row.station_status = text(data.STATUS_REKAM)?.slice(0, 40) ?? row.station_status;
    row.station_seq = record.seq;
    row.status = recordingStatus(row);
    row.updated_at = at;
    changed.add(row.recording_id);
  }
  for (const id of changed) await saveRecordingRow(trx, rows.get(id) as OfficeRecordingRow);
}

/**
 * The same context, its database being the transaction `trx`: decisions.ts and enrolment.ts
 * write through it, so their rows commit with the caller's (and its audit entry) or not at all.
 */
export function within(hub: HubContext, trx: Db): HubContext {
  return {
    db: trx,
    keys: hub.keys,
    dataDir: hub.dataDir,
    districtName: hub.districtName,
    now: () => hub.now(),
    at: () => hub.at(),
  };
}

export interface MarkedBy {
  /** The name kept with the outcome (the user's display name, or 'Disdukcapil' from the CLI). */
  name: string;
  /** Called once per recording inside the transaction (the office audit). */
  audit?: ((recordingId: string, trx: Db) => Promise<void>) | undefined;
}

/**
 * Gives recordings the district's outcome, all or none, in one transaction: each through
 * decideRecording (the update stations pull), its row, and its audit entry. 404 for an unknown id,
 * 409 for one that is not awaiting an outcome; nothing is changed then.
 */
export async function markRecordings(
  hub: HubContext,
  change: { recordingIds: readonly string[]; status: RecordingOutcome; note: string | null },
  by: MarkedBy,
  at: string,
): Promise<number> {
  const ids = [...new Set(change.recordingIds)];
  return hub.db.transaction().execute(async (trx) => {
    const rows = new Map((await recordingRowsByIds(trx, ids)).map((r) => [r.recording_id, r]));
    const unknown = ids.filter((id) => !rows.has(id));
    if (unknown.length > 0)
      throw new OfficeError(
        404,
        'UNKNOWN_RECORDING',
        `no recording ${unknown.slice(0, 5).join(', ')}`,
      );
    const decided = ids.filter(
      (id) => recordingStatus(rows.get(id) as OfficeRecordingRow) !== 'terkirim',
    );
    if (decided.length > 0)
      throw new OfficeError(
        409,
        'RECORDING_DECIDED',
        `not awaiting an outcome: ${decided.slice(0, 5).join(', ')}`,
      );
    const context = within(hub, trx);
    for (const id of ids) {
      const result = await decideRecording(
        context,
        { recordingId: id, status: change.status, note: change.note ?? undefined },
        at,
      );
      if (!result.ok) throw new OfficeError(404, 'UNKNOWN_RECORDING', result.problem);
      const row = { ...(rows.get(id) as OfficeRecordingRow) };
      row.decision = change.status;
      row.decision_note = change.note;
      row.decided_at = at;
      row.decided_by = by.name;
      row.status = recordingStatus(row);
      row.updated_at = at;
      await saveRecordingRow(trx, row);
      await by.audit?.(id, trx);
    }
    return ids.length;
  });
}

// ---- CSV --------------------------------------------------------------------------------------

interface CheckedCsv {
  file: CsvNikFile;
  fileSha256: string;
  good: (CsvGoodLine & { row: OfficeRecordingRow })[];
  problems: CsvProblemLine[];
  checkToken: string;
}

function csvBytes(csvBase64: string): Buffer {
  const bytes = Buffer.from(csvBase64, 'base64');
  // Buffer.from ignores what is not base64; a round trip proves the text was base64 whole.
  if (
    bytes.toString('base64').replace(/=+$/, '') !== csvBase64.replace(/\s/g, '').replace(/=+$/, '')
  )
    throw new OfficeError(400, 'BAD_INPUT', 'csvBase64 is not base64');
  return bytes;
}

/** Reads the file and matches every line against the recordings now at the hub. */
async function checkCsv(db: Db, csvBase64: string): Promise<CheckedCsv> {
  const bytes = csvBytes(csvBase64);
  let file: CsvNikFile;
  try {
    file = readNikCsv(bytes);
  } catch (error) {
    if (error instanceof CsvFileError) throw new OfficeError(400, error.reason, error.message);
    throw error;
  }
  const fileSha256 = createHash('sha256').update(bytes).digest('hex');
  const niks = [...new Set(file.lines.map((l) => l.value).filter((v) => /^\d{16}$/.test(v)))];
  const byNik = new Map<string, OfficeRecordingRow[]>();
  for (const row of await recordingRowsByNiks(db, niks))
    byNik.set(row.nik as string, [...(byNik.get(row.nik as string) ?? []), row]);
  const names = new Map((await listStations(db)).map((s) => [s.unit_id, s.name]));
  const firstLine = new Map<string, number>();
  const good: CheckedCsv['good'] = [];
  const problems: CsvProblemLine[] = [];
  for (const { line, value } of file.lines) {
    if (!/^\d{16}$/.test(value)) {
      problems.push({ line, value, problem: 'NIK_FORMAT' });
      continue;
    }
    const earlier = firstLine.get(value);
    if (earlier !== undefined) {
      problems.push({ line, value, problem: 'DUPLICATE_IN_FILE', firstLine: earlier });
      continue;
    }
    firstLine.set(value, line);
    const rows = byNik.get(value) ?? [];
    const awaiting = rows.filter((r) => recordingStatus(r) === 'terkirim');
    if (rows.length === 0) problems.push({ line, value, problem: 'NOT_FOUND' });
    else if (awaiting.length > 1)
      problems.push({ line, value, problem: 'AMBIGUOUS', count: awaiting.length });
    else if (awaiting.length === 0)
      problems.push({
        line,
        value,
        problem: 'ALREADY_DECIDED',
        status: recordingStatus(rows[rows.length - 1] as OfficeRecordingRow),
      });
    else {
      const row = awaiting[0] as OfficeRecordingRow;
      good.push({
        line,
        recordingId: row.recording_id,
        maskedNik: maskNik(value),
        name: row.name,
        stationName: names.get(row.unit_id) ?? null,
        recordedAt: row.recorded_at,
        row,
      });
    }
  }
  const checkToken = createHash('sha256')
    .update(
      JSON.stringify({
        fileSha256,
        good: good.map((g) => [g.line, g.recordingId]),
        problems: problems.map((p) => [p.line, p.problem]),
      }),
    )
    .digest('hex');
  return { file, fileSha256, good, problems, checkToken };
}

// ---- handlers ---------------------------------------------------------------------------------

const RECORDING_ID = z.string().min(1).max(100);
const OUTCOME = z.enum(['prr', 'duplicate']);
const NOTE = z
  .string()
  .trim()
  .max(300)
  .optional()
  .transform((v) => (v ? v : undefined));
/** 1 MiB of CSV as base64, with room for line breaks a client may add. */
const CSV_BASE64 = z
  .string()
  .min(1)
  .max(1_500_000)
  .regex(/^[A-Za-z0-9+/=\s]+$/);
/** The CSV handlers take a base64 file of up to 1 MiB. */
const CSV_BODY_BYTES = 2 * 1024 * 1024;

function toDto(row: OfficeRecordingRow & { station_name: string | null }): RecordingDto {
  const status = recordingStatus(row);
  return {
    recordingId: row.recording_id,
    unitId: row.unit_id,
    stationName: row.station_name,
    maskedNik: row.nik === null ? null : maskNik(row.nik),
    name: row.name,
    recordedAt: row.recorded_at,
    isFirstTime: row.is_first_time === null ? null : Number(row.is_first_time) === 1,
    status,
    stationStatus: row.station_status,
    decision: row.decision,
    decisionNote: row.decision_note,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    canMark: status === 'terkirim',
  };
}

function auditEach(call: OfficeCall, detail: Record<string, unknown>) {
  return (recordingId: string, trx: Db) =>
    call.audit('recordings.marked', { recordingId, ...detail }, trx);
}

/** Back-office handlers of the recordings area (issue 15). */
export const recordingsHandlers: OfficeHandlerMap<keyof RecordingsHandlers> = {
  'recordings-list': {
    roles: ['verifikator', 'penandatangan'],
    readOnly: true,
    input: z.strictObject({
      unitId: z.string().min(1).max(100).optional(),
      status: z.enum(OFFICE_RECORDING_STATUSES).optional(),
      text: z.string().trim().max(100).optional(),
      page: z.number().int().min(1).max(100_000),
    }),
    run: async (call, input) => {
      const db = call.hub.db;
      const filters = { unitId: input.unitId, status: input.status, text: input.text };
      const { rows, total } = await listRecordingRows(db, filters, {
        offset: (input.page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
      });
      const counts = await countRecordingsByStatus(db, filters);
      const stations = (await listStations(db)).map((s) => ({ unitId: s.unit_id, name: s.name }));
      return {
        rows: rows.map(toDto),
        total,
        page: input.page,
        pageSize: PAGE_SIZE,
        counts,
        stations: stations.sort((a, b) => a.name.localeCompare(b.name)),
      };
    },
  },
  'recordings-mark': {
    roles: ['verifikator', 'penandatangan'],
    input: z.strictObject({
      recordingIds: z.array(RECORDING_ID).min(1).max(500),
      status: OUTCOME,
      note: NOTE,
    }),
    run: async (call, input) => {
      const note = input.note ?? null;
      const marked = await markRecordings(
        call.hub,
        { recordingIds: input.recordingIds, status: input.status, note },
        {
          name: call.user.displayName,
          audit: auditEach(call, { status: input.status, note, via: 'list' }),
        },
        call.at,
      );
      return { marked };
    },
  },
  'recordings-csv-check': {
    roles: ['verifikator', 'penandatangan'],
    readOnly: true,
    maxBodyBytes: CSV_BODY_BYTES,
    input: z.strictObject({ csvBase64: CSV_BASE64 }),
    run: async (call, input): Promise<RecordingsCsvCheck> => {
      const checked = await checkCsv(call.hub.db, input.csvBase64);
      return {
        fileSha256: checked.fileSha256,
        lines: checked.file.lines.length,
        hasHeader: checked.file.hasHeader,
        separator: checked.file.separator,
        goodCount: checked.good.length,
        good: checked.good.slice(0, 200).map(({ row: _row, ...line }) => line),
        problemCount: checked.problems.length,
        problems: checked.problems.slice(0, 500),
        checkToken: checked.checkToken,
      };
    },
  },
  'recordings-csv-apply': {
    roles: ['verifikator', 'penandatangan'],
    maxBodyBytes: CSV_BODY_BYTES,
    input: z.strictObject({
      csvBase64: CSV_BASE64,
      status: OUTCOME,
      note: NOTE,
      confirmed: z.literal(true),
      acceptProblems: z.boolean(),
      checkToken: z.string().regex(/^[0-9a-f]{64}$/),
    }),
    run: async (call, input) => {
      const checked = await checkCsv(call.hub.db, input.csvBase64);
      if (checked.checkToken !== input.checkToken)
        throw new OfficeError(
          409,
          'CSV_CHANGED',
          'the file or the recordings changed since the check; check the file again',
        );
      if (checked.problems.length > 0 && !input.acceptProblems)
        throw new OfficeError(
          409,
          'CSV_HAS_PROBLEMS',
          `${checked.problems.length} line(s) cannot be applied; confirm to apply the others`,
        );
      if (checked.good.length === 0)
        throw new OfficeError(409, 'CSV_NOTHING_TO_APPLY', 'no line can be applied');
      const note = input.note ?? null;
      const lineOf = new Map(checked.good.map((g) => [g.recordingId, g.line]));
      const applied = await markRecordings(
        call.hub,
        { recordingIds: checked.good.map((g) => g.recordingId), status: input.status, note },
        {
          name: call.user.displayName,
          audit: async (recordingId, trx) => {
            await call.audit(
              'recordings.marked',
              {
                recordingId,
                status: input.status,
                note,
                via: 'csv',
                fileSha256: checked.fileSha256,
                line: lineOf.get(recordingId),
              },
              trx,
            );
            // The summary goes with the last recording, in the same transaction.
            if (recordingId === checked.good[checked.good.length - 1]?.recordingId)
              await call.audit(
                'recordings.csv-applied',
                {
                  fileSha256: checked.fileSha256,
                  status: input.status,
                  note,
                  applied: checked.good.length,
                  skipped: checked.problems.length,
                  skippedLines: checked.problems.slice(0, 1000).map((p) => p.line),
                },
                trx,
              );
          },
        },
        call.at,
      );
      return { applied, skipped: checked.problems.length };
    },
  },
};
