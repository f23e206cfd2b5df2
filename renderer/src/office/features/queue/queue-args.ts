import type {
  OfficeStatus,
  QueueChannel,
  QueueChoice,
  QueueCounts,
  QueueFilters,
  QueueListArgs,
} from '../../../../../electron/contract/office/queue';
import type { Bilingual } from '../../lib/reasons';

/**
 * The work queue's filters as the screen holds them (strings from the selects; '' = all) and the
 * words it shows for statuses, channels and steps. Pure: tested without a browser.
 */

export const PAGE_SIZE = 50;

/** The tabs: every office status, '' standing for all of them. */
export const STATUS_TABS: readonly (OfficeStatus | '')[] = [
  '',
  'baru',
  'diusulkan',
  'dikembalikan',
  'selesai',
  'ditolak',
];

export const OFFICE_STATUS_LABELS: Record<OfficeStatus | '', Bilingual> = {
  '': { id: 'Semua', en: 'All' },
  baru: { id: 'Baru', en: 'New' },
  diusulkan: { id: 'Diusulkan', en: 'Proposed' },
  dikembalikan: { id: 'Dikembalikan', en: 'Returned' },
  selesai: { id: 'Selesai', en: 'Issued' },
  ditolak: { id: 'Ditolak', en: 'Rejected' },
};

export const CHANNELS: readonly (QueueChannel | '')[] = ['', 'kiosk', 'desk', 'outreach'];
export const CHANNEL_LABELS: Record<QueueChannel | '', Bilingual> = {
  '': { id: 'Semua', en: 'All' },
  kiosk: { id: 'Anjungan', en: 'Kiosk' },
  desk: { id: 'Loket', en: 'Desk' },
  outreach: { id: 'Jemput bola', en: 'Outreach' },
};

/** "Older than" choices, in days ('' = any age). */
export const AGE_CHOICES: readonly string[] = ['', '1', '2', '3', '7', '14', '30'];

export interface QueueFilterState {
  status: OfficeStatus | '';
  station: string;
  kecamatan: string;
  village: string;
  service: string;
  channel: QueueChannel | '';
  olderThanDays: string;
  submittedFrom: string;
  submittedTo: string;
  text: string;
}

export function defaultQueueFilters(): QueueFilterState {
  return {
    status: 'baru',
    station: '',
    kecamatan: '',
    village: '',
    service: '',
    channel: '',
    olderThanDays: '',
    submittedFrom: '',
    submittedTo: '',
    text: '',
  };
}

/** The hub's arguments: only the filters set, the text trimmed. */
export function queueArgs(filters: QueueFilterState, offset: number): QueueListArgs {
  const args: QueueListArgs = { offset, limit: PAGE_SIZE };
  if (filters.status) args.status = filters.status;
  if (filters.station) args.station = filters.station;
  if (filters.kecamatan) args.kecamatan = filters.kecamatan;
  if (filters.village) args.village = filters.village;
  if (filters.service) args.service = filters.service;
  if (filters.channel) args.channel = filters.channel;
  if (filters.olderThanDays) args.olderThanDays = Number(filters.olderThanDays);
  if (filters.submittedFrom) args.submittedFrom = filters.submittedFrom;
  if (filters.submittedTo) args.submittedTo = filters.submittedTo;
  const text = filters.text.trim();
  if (text) args.text = text;
  return args;
}

/** The counts' filters: the list's without the status, paging and order. */
export function countArgs(filters: QueueFilterState): QueueFilters {
  const args = queueArgs({ ...filters, status: '' }, 0);
  delete args.offset;
  delete args.limit;
  return args;
}

export function tabCount(counts: QueueCounts | null, status: OfficeStatus | ''): number {
  if (!counts) return 0;
  return status === '' ? counts.all : counts[status];
}

/** The village choices under the chosen kecamatan (all of them when none is chosen). */
export function villagesOf<T extends QueueChoice & { kecamatan: string }>(
  villages: readonly T[],
  kecamatan: string,
): T[] {
  return kecamatan ? villages.filter((v) => v.kecamatan === kecamatan) : [...villages];
}

/** A choice as the select shows it: its name and code, or the code alone when no name is known. */
export function choiceLabel(choice: QueueChoice): string {
  return choice.name ? `${choice.name} (${choice.code})` : choice.code;
}

/** Whole days since `iso` at `now` (never negative). */
export function ageDays(iso: string, now: Date): number {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return 0;
  return Math.max(0, Math.floor((now.getTime() - at) / 86_400_000));
}

/** Words for the steps of an application's timeline (station statuses, desk steps, district). */
const STEP_LABELS: Record<string, Bilingual> = {
  diajukan: { id: 'Diajukan', en: 'Submitted' },
  diverifikasi: { id: 'Diverifikasi petugas loket', en: 'Checked at the desk' },
  'berkas-kurang': { id: 'Berkas kurang', en: 'Documents missing' },
  'perlu-persetujuan': { id: 'Menunggu persetujuan supervisor', en: 'Awaiting a supervisor' },
  dikirim: { id: 'Diterima di Disdukcapil', en: 'Received by the district' },
  diproses: { id: 'Diproses di Disdukcapil', en: 'Being processed' },
  dikembalikan: { id: 'Dikembalikan ke loket', en: 'Returned to the desk' },
  ditolak: { id: 'Ditolak', en: 'Rejected' },
  selesai: { id: 'Selesai, dokumen terbit', en: 'Issued' },
  diambil: { id: 'Sudah diambil', en: 'Collected' },
  'desk.application-claimed': { id: 'Diambil petugas loket', en: 'Claimed at the desk' },
  'desk.claim-released': { id: 'Dilepas petugas loket', en: 'Released at the desk' },
  'desk.requirement-checked': { id: 'Persyaratan diperiksa', en: 'Requirement checked' },
  'usul-issue': { id: 'Diusulkan terbit', en: 'Proposed: issue' },
  'usul-return': { id: 'Diusulkan dikembalikan', en: 'Proposed: return' },
  'usul-reject': { id: 'Diusulkan ditolak', en: 'Proposed: reject' },
};

export function stepLabel(what: string): Bilingual {
  return STEP_LABELS[what] ?? { id: what, en: what };
}

/** The desk checklist's verdicts (the station's check states). */
const CHECK_LABELS: Record<string, Bilingual> = {
  ok: { id: 'Sesuai', en: 'OK' },
  bad: { id: 'Tidak sesuai', en: 'Not valid' },
  missing: { id: 'Tidak ada', en: 'Missing' },
};

export function checkLabel(state: string): Bilingual {
  return CHECK_LABELS[state] ?? { id: state, en: state };
}

/** The station statuses the queue shows beside the district's. */
export function stationStatusLabel(status: string): Bilingual {
  return stepLabel(status);
}
