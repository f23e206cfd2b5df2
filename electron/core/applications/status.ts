import type { LocalText } from '../../contract';

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
