import type { ApplicationStatusView, LocalText } from '../../contract';

/**
 * Labels of application statuses for the status check and the desk. The station writes diajukan
 * and the desk states (docs/desk-verification.md); the district states arrive with the sync.
 */
export const STATUS_LABELS: Readonly<Record<string, LocalText>> = {
  diajukan: { id: 'Diajukan', en: 'Submitted' },
  diverifikasi: { id: 'Diverifikasi petugas', en: 'Checked by an officer' },
  'berkas-kurang': { id: 'Berkas kurang', en: 'Documents missing' },
  'perlu-persetujuan': {
    id: 'Menunggu persetujuan supervisor',
    en: "Waiting for a supervisor's approval",
  },
  dikirim: { id: 'Dikirim ke Disdukcapil', en: 'Sent to Disdukcapil' },
  diproses: { id: 'Diproses di Disdukcapil', en: 'Being processed at Disdukcapil' },
  ditolak: { id: 'Ditolak', en: 'Refused' },
  selesai: { id: 'Selesai, siap diambil', en: 'Done, ready to collect' },
  diambil: { id: 'Sudah diambil', en: 'Collected' },
};

export function statusLabel(status: string): LocalText {
  return STATUS_LABELS[status] ?? { id: status, en: status };
}

/** Statuses whose reason the applicant sees at the kiosk (what to fix, why it was refused). */
const EXPLAINED = new Set(['ditolak', 'berkas-kurang']);
/** How the station records the district's status changes (core/sync/pull.ts). */
const DISTRICT_PREFIX = 'Disdukcapil:';

/**
 * The note of the current status for the status check: the latest history row's note when it
 * set this status and the status is one the applicant must act on or know the reason of.
 */
export function currentNote(
  status: string,
  history: { status: string; note: string | null; actor: string; actor_user_id: string | null }[],
): ApplicationStatusView['note'] {
  const last = history.at(-1);
  if (!EXPLAINED.has(status) || !last || last.status !== status || !last.note) return null;
  const isDistrict = last.actor_user_id === null && last.actor.startsWith(DISTRICT_PREFIX);
  return { text: last.note, from: isDistrict ? 'district' : 'desk' };
}
