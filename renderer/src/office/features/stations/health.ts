import type { OfficeStationRow } from '../../../../../electron/contract/office/stations';
import type { Bilingual } from '../../lib/reasons';

/**
 * How the station list reads a station's health (issue 15 item 7): how stale its last contact
 * is, how old its oldest unsynced work is, and the offline guard's words.
 */
const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** A day without contact is worth a look; three days (the offline guard's warning) a call. */
export const STALE_AFTER_MS = DAY_MS;
export const LOST_AFTER_MS = 3 * DAY_MS;

export type Staleness = 'fresh' | 'stale' | 'lost' | 'never';

export function contactStaleness(lastContactAt: string | null, hubTime: string): Staleness {
  if (!lastContactAt) return 'never';
  const age = Date.parse(hubTime) - Date.parse(lastContactAt);
  if (age >= LOST_AFTER_MS) return 'lost';
  if (age >= STALE_AFTER_MS) return 'stale';
  return 'fresh';
}

/** "5 mnt", "3 jam", "2 hari" (and English) since `at`, by the hub's clock. */
export function ageText(at: string, hubTime: string): Bilingual {
  const ms = Math.max(0, Date.parse(hubTime) - Date.parse(at));
  if (ms < HOUR_MS) {
    const minutes = Math.floor(ms / 60_000);
    return { id: `${minutes} mnt lalu`, en: `${minutes} min ago` };
  }
  if (ms < DAY_MS) {
    const hours = Math.floor(ms / HOUR_MS);
    return { id: `${hours} jam lalu`, en: `${hours} h ago` };
  }
  const days = Math.floor(ms / DAY_MS);
  return { id: `${days} hari lalu`, en: `${days} day(s) ago` };
}

export const GUARD_LABELS: Record<'ok' | 'warn' | 'block', Bilingual> = {
  ok: { id: 'Aman', en: 'OK' },
  warn: { id: 'Peringatan', en: 'Warning' },
  block: { id: 'Perekaman baru ditolak', en: 'New recordings refused' },
};

const GUARD_REASONS: Record<string, Bilingual> = {
  UNSYNCED_OLD: { id: 'data belum terkirim terlalu lama', en: 'unsent work too old' },
  DISK_LOW: { id: 'ruang disk hampir habis', en: 'disk nearly full' },
};

export function guardReasonText(reason: string): Bilingual {
  return GUARD_REASONS[reason] ?? { id: reason, en: reason };
}

/** Active stations first (by name), revoked ones after. */
export function stationOrder(rows: readonly OfficeStationRow[]): OfficeStationRow[] {
  return [...rows].sort(
    (a, b) =>
      Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || a.name.localeCompare(b.name),
  );
}
