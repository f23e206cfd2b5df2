import type {
  DistrictRecordingStatus,
  Role,
  RecordingStatus,
  StockItem,
  StockMoveArgs,
} from '../../../../electron/contract';
import { canOpen } from '../../lib/screens';

/** Domain §5.4 in order: the list's status tabs follow the card's way through the unit. */
export const RECORDING_STATUSES: readonly RecordingStatus[] = [
  'direkam',
  'terkirim',
  'prr',
  'duplicate',
  'dicetak',
  'diserahkan',
];

export const STOCK_ITEMS: readonly StockItem[] = ['blanko-ktp-el', 'blanko-kia', 'ribbon'];

/** The tabs of the recordings list: '' (all) first, then every status. */
export function recordTabs(): ('' | RecordingStatus)[] {
  return ['', ...RECORDING_STATUSES];
}

/** The figure on one tab: the status's count, or the sum of all of them for ''. */
export function recordTabCount(
  counts: Partial<Record<RecordingStatus, number>>,
  status: '' | RecordingStatus,
): number {
  if (status) return counts[status] ?? 0;
  return RECORDING_STATUSES.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
}

/**
 * The district's answers a training panel may simulate from a status (the core decides again):
 * it first accepts the recording (terkirim), then ABIS says PRR or duplicate.
 */
export function districtMoves(status: RecordingStatus): ('terkirim' | 'prr' | 'duplicate')[] {
  if (status === 'direkam') return ['terkirim'];
  if (status === 'terkirim') return ['prr', 'duplicate'];
  return [];
}

/** The training panel's stand-in for a status change from the district, timed now. */
export function trainingChange(
  id: string,
  status: DistrictRecordingStatus['status'],
  note: string,
  now: Date = new Date(),
): DistrictRecordingStatus {
  const trimmed = note.trim();
  return { id, status, at: now.toISOString(), ...(trimmed ? { note: trimmed } : {}) };
}

/**
 * A chip UID as readers type it ("04:a1:b2 …") in the stored form: upper-case hex without
 * separators; null unless it is 4, 7 or 10 bytes (the core checks again, and refuses random UIDs).
 */
export function cardUid(text: string): string | null {
  const uid = text.replace(/[\s:-]/g, '').toUpperCase();
  return /^(?:[0-9A-F]{8}|[0-9A-F]{14}|[0-9A-F]{20})$/.test(uid) ? uid : null;
}

/** Adjusting the stock (a count that was wrong) is for supervisors and administrators. */
export function canAdjustStock(role: Role): boolean {
  return canOpen(role, { least: 'supervisor' });
}

export type StockMoveProblem = 'count' | 'note' | 'spoiledTooMany';

/**
 * The officer's stock movement as the core will take it, or what is wrong with it first (the core
 * checks the same and more; this only spares a round trip for the obvious cases).
 */
export function stockMove(
  form: { item: StockItem; kind: StockMoveArgs['kind']; count: string; note: string },
  onHand: number,
): { ok: true; args: StockMoveArgs } | { ok: false; problem: StockMoveProblem } {
  const text = form.count.trim();
  const count = /^[+-]?[0-9]{1,6}$/.test(text) ? Number(text) : NaN;
  const isSigned = form.kind === 'adjusted';
  if (!Number.isInteger(count) || count === 0 || Math.abs(count) > 10_000) {
    return { ok: false, problem: 'count' };
  }
  if (!isSigned && (count < 0 || text.startsWith('+'))) return { ok: false, problem: 'count' };
  const note = form.note.trim();
  if (note.length < 3 || note.length > 200) return { ok: false, problem: 'note' };
  if (form.kind === 'spoiled' && count > onHand) return { ok: false, problem: 'spoiledTooMany' };
  return { ok: true, args: { item: form.item, kind: form.kind, count, note } };
}

/** A stock delta as an officer reads it: "+50", "−1" (a real minus sign), "0". */
export function signedCount(delta: number): string {
  if (delta > 0) return `+${delta}`;
  if (delta < 0) return `\u2212${Math.abs(delta)}`;
  return '0';
}

/**
 * What the camera test saw, in Bahasa Indonesia: it goes onto the printed check sheet as is,
 * whatever language the screen shows.
 */
export type CameraSeen =
  | { kind: 'frame'; width: number; height: number; label: string; ms: number }
  | { kind: 'no-frame'; seconds: number; label: string }
  | { kind: 'no-camera'; error: string };

export function cameraLine(seen: CameraSeen): { passed: boolean; detail: string } {
  if (seen.kind === 'frame') {
    const name = seen.label ? `${seen.label}: ` : '';
    const passed = seen.width > 0 && seen.height > 0;
    return {
      passed,
      detail: `${name}bingkai ${seen.width}×${seen.height} piksel diterima dalam ${seen.ms} ms`,
    };
  }
  if (seen.kind === 'no-frame') {
    const name = seen.label ? `${seen.label}: ` : '';
    return { passed: false, detail: `${name}tidak ada bingkai dalam ${seen.seconds} detik` };
  }
  return { passed: false, detail: `Kamera tidak dapat dibuka (${cameraError(seen.error)})` };
}

/** getUserMedia's DOMException names in plain words. */
function cameraError(name: string): string {
  if (name === 'NotAllowedError') return 'izin kamera ditolak';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'tidak ada kamera';
  if (name === 'NotReadableError') return 'kamera sedang dipakai aplikasi lain';
  return name || 'galat tidak dikenal';
}

/** Download names carry the day, never a name or NIK (they end up in download lists). */
export function checkFileName(kind: 'sheet' | 'test-page', day: string): string {
  return `${kind === 'sheet' ? 'cek-perangkat' : 'halaman-uji'}-${day}.pdf`;
}

/** The highest low-stock threshold the screen offers (the core sets its own limit). */
export const MAX_THRESHOLD = 100_000;

/** A typed threshold as a whole number 0..MAX_THRESHOLD, or null. */
export function thresholdValue(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[0-9]{1,6}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value <= MAX_THRESHOLD ? value : null;
}
