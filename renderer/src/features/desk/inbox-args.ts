import type { InboxArgs } from '../../../../electron/contract';

/** What the inbox filters hold ('' = no filter); turned into InboxArgs in one place. */
export interface InboxFilters {
  /** '' = every status (the "Semua" tab). */
  status: string;
  serviceCode: string;
  /** Undotted Kemendagri code as kiosk-villages gives it (10 digits). */
  villageCode: string;
  minAgeDays: 0 | 1 | 3 | 7;
  claim: 'all' | 'mine' | 'free';
}

export const PAGE_SIZE = 20;
export const AGE_CHOICES = [0, 1, 3, 7] as const;

/**
 * Status tabs in working order: what waits for the desk first, closed ones last. Statuses the
 * core counts that are not listed here (later ones from the district sync) get a tab after these.
 */
export const STATUS_TABS = [
  'diajukan',
  'berkas-kurang',
  'perlu-persetujuan',
  'diverifikasi',
  'ditolak',
] as const;

export function defaultFilters(): InboxFilters {
  return { status: 'diajukan', serviceCode: '', villageCode: '', minAgeDays: 0, claim: 'all' };
}

/** The contract writes village codes with dots (16.02.01.2001). */
export function dottedVillage(code: string): string {
  const digits = code.replace(/\D/g, '');
  return [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4, 6), digits.slice(6)]
    .filter((part) => part.length > 0)
    .join('.');
}

export function inboxArgs(filters: InboxFilters, offset: number): InboxArgs {
  const args: InboxArgs = { offset: Math.max(0, offset), limit: PAGE_SIZE };
  if (filters.status) args.status = filters.status;
  if (filters.serviceCode) args.serviceCode = filters.serviceCode;
  if (filters.villageCode) args.villageCode = dottedVillage(filters.villageCode);
  if (filters.minAgeDays > 0) args.minAgeDays = filters.minAgeDays;
  if (filters.claim !== 'all') args.claim = filters.claim;
  return args;
}

/** Tabs to show: the fixed ones, then any other status with a count, then "all" (''). */
export function statusTabs(counts: Record<string, number>): string[] {
  const known: readonly string[] = STATUS_TABS;
  const extra = Object.keys(counts)
    .filter((status) => !known.includes(status))
    .sort();
  return [...STATUS_TABS, ...extra, ''];
}

export function tabCount(counts: Record<string, number>, status: string): number {
  if (status) return counts[status] ?? 0;
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}
