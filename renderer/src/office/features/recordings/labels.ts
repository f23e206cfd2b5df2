import type {
  CsvProblemLine,
  OfficeRecordingStatus,
  RecordingOutcome,
} from '../../../../../electron/contract/office/recordings';
import type { Bilingual } from '../../lib/reasons';

/**
 * The recordings area's words (Bahasa Indonesia, then English): recording statuses as the
 * station's lifecycle names them (domain §5.4; PRR = print ready record), the outcomes, and what
 * is wrong with a line of a CSV file.
 */
export const RECORDING_TABS = [
  '',
  'terkirim',
  'prr',
  'duplicate',
  'dicetak',
  'diserahkan',
] as const;
export type RecordingTab = (typeof RECORDING_TABS)[number];

export const RECORDING_STATUS_LABELS: Record<OfficeRecordingStatus, Bilingual> = {
  terkirim: { id: 'Menunggu hasil', en: 'Awaiting outcome' },
  prr: { id: 'PRR (siap cetak)', en: 'Print ready' },
  duplicate: { id: 'Ganda', en: 'Duplicate' },
  dicetak: { id: 'Dicetak', en: 'Printed' },
  diserahkan: { id: 'Diserahkan', en: 'Handed over' },
};

export function statusLabel(status: string): Bilingual {
  return Object.hasOwn(RECORDING_STATUS_LABELS, status)
    ? RECORDING_STATUS_LABELS[status as OfficeRecordingStatus]
    : { id: status, en: status };
}

export function tabName(tab: RecordingTab): string {
  if (tab === '') return 'Semua (All)';
  const label = RECORDING_STATUS_LABELS[tab];
  return `${label.id} (${label.en})`;
}

export const OUTCOMES: readonly RecordingOutcome[] = ['prr', 'duplicate'];
export const OUTCOME_LABELS: Record<RecordingOutcome, Bilingual> = {
  prr: { id: 'PRR (siap cetak)', en: 'PRR (print ready)' },
  duplicate: { id: 'Ganda', en: 'Duplicate' },
};

/** "baris 7: NIK bukan 16 angka", in both languages. */
export function lineProblem(problem: CsvProblemLine): Bilingual {
  const line = problem.line;
  switch (problem.problem) {
    case 'NIK_FORMAT':
      return {
        id: `baris ${line}: NIK bukan 16 angka`,
        en: `line ${line}: the NIK is not 16 digits`,
      };
    case 'NOT_FOUND':
      return {
        id: `baris ${line}: tidak ada perekaman dengan NIK ini`,
        en: `line ${line}: no recording with this NIK`,
      };
    case 'DUPLICATE_IN_FILE':
      return {
        id: `baris ${line}: NIK ini sudah ada di baris ${problem.firstLine ?? '?'}`,
        en: `line ${line}: this NIK is on line ${problem.firstLine ?? '?'} already`,
      };
    case 'ALREADY_DECIDED': {
      const status = statusLabel(problem.status ?? '');
      return {
        id: `baris ${line}: perekaman ini sudah berstatus ${status.id}`,
        en: `line ${line}: this recording is ${status.en} already`,
      };
    }
    case 'AMBIGUOUS':
      return {
        id: `baris ${line}: NIK ini punya ${problem.count ?? 2} perekaman yang menunggu hasil; tandai satu per satu di daftar`,
        en: `line ${line}: ${problem.count ?? 2} recordings of this NIK await an outcome; mark them in the list`,
      };
  }
}
