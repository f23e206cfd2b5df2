/**
 * Back-office handlers of the recordings area (electron/hub/office/recordings.ts; issue 15 item
 * 6): KTP-el recordings the stations sent, and the district's de-duplication outcome (PRR: ready
 * to print, or duplicate), one by one, in bulk, or from a CSV file of NIKs.
 */

/**
 * What the list filters on: `terkirim` = at the district, awaiting the outcome; `prr` and
 * `duplicate` = the outcome; `dicetak`/`diserahkan` = the station printed / handed over the card.
 */
export const OFFICE_RECORDING_STATUSES = [
  'terkirim',
  'prr',
  'duplicate',
  'dicetak',
  'diserahkan',
] as const;
export type OfficeRecordingStatus = (typeof OFFICE_RECORDING_STATUSES)[number];

/** The district's outcome of de-duplication. */
export type RecordingOutcome = 'prr' | 'duplicate';

export interface OfficeRecordingRow {
  recordingId: string;
  unitId: string;
  stationName: string | null;
  /** Masked (kecamatan prefix and the last digits); search by the whole NIK. */
  maskedNik: string | null;
  name: string | null;
  recordedAt: string | null;
  isFirstTime: boolean | null;
  status: string;
  /** The station's own latest status (what it reported last). */
  stationStatus: string;
  decision: RecordingOutcome | null;
  decisionNote: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  /** Awaiting the outcome: may be marked. */
  canMark: boolean;
}

export interface RecordingsListArgs {
  unitId?: string | undefined;
  status?: OfficeRecordingStatus | undefined;
  /** A whole NIK (16 digits) or part of a name. */
  text?: string | undefined;
  /** From 1. */
  page: number;
}

export interface RecordingsList {
  rows: OfficeRecordingRow[];
  total: number;
  page: number;
  pageSize: number;
  /** Per status under the station and text filters (for the status tabs). */
  counts: Partial<Record<OfficeRecordingStatus, number>>;
  /** Stations for the filter. */
  stations: { unitId: string; name: string }[];
}

export interface RecordingsMarkArgs {
  /** 1 to 500 recordings; all are marked or none (404 unknown, 409 not awaiting an outcome). */
  recordingIds: string[];
  status: RecordingOutcome;
  note?: string | undefined;
}

/** Why a CSV line cannot be applied; the UI names the line ("baris 7: NIK bukan 16 angka"). */
export type CsvLineProblem =
  /** Not 16 digits (also Excel's 1.60212E+15). */
  | 'NIK_FORMAT'
  /** No recording with this NIK at the district. */
  | 'NOT_FOUND'
  /** The same NIK on an earlier line (`firstLine`). */
  | 'DUPLICATE_IN_FILE'
  /** The recording already has its outcome (`status`). */
  | 'ALREADY_DECIDED'
  /** More than one recording of this NIK awaits an outcome: mark it in the list. */
  | 'AMBIGUOUS';

export interface CsvProblemLine {
  /** The file's line number, from 1 (the header is line 1 when there is one). */
  line: number;
  /** The cell as written (at most 40 characters). */
  value: string;
  problem: CsvLineProblem;
  firstLine?: number | undefined;
  status?: string | undefined;
  count?: number | undefined;
}

export interface CsvGoodLine {
  line: number;
  recordingId: string;
  maskedNik: string;
  name: string | null;
  stationName: string | null;
  recordedAt: string | null;
}

export interface RecordingsCsvCheck {
  /** sha-256 of the file's bytes. */
  fileSha256: string;
  /** Lines with a NIK (empty lines and the header aside). */
  lines: number;
  hasHeader: boolean;
  separator: ',' | ';' | '\t';
  /** How many lines would be applied. */
  goodCount: number;
  /** The first 200 good lines. */
  good: CsvGoodLine[];
  problemCount: number;
  /** The first 500 problems. */
  problems: CsvProblemLine[];
  /**
   * Binds an apply to this exact outcome: the apply checks the file again and refuses
   * (409 CSV_CHANGED) when anything differs from what the user saw.
   */
  checkToken: string;
}

export interface RecordingsCsvApplyArgs {
  csvBase64: string;
  status: RecordingOutcome;
  note?: string | undefined;
  /** The user confirmed in the dialog. */
  confirmed: true;
  /** The user saw the problem lines and applies the good ones anyway. */
  acceptProblems: boolean;
  /** From recordings-csv-check. */
  checkToken: string;
}

export interface RecordingsHandlers {
  'recordings-list': { args: RecordingsListArgs; result: RecordingsList };
  'recordings-mark': { args: RecordingsMarkArgs; result: { marked: number } };
  'recordings-csv-check': { args: { csvBase64: string }; result: RecordingsCsvCheck };
  'recordings-csv-apply': {
    args: RecordingsCsvApplyArgs;
    result: { applied: number; skipped: number };
  };
}
