import { statfs } from 'node:fs/promises';
import type SQLite from 'better-sqlite3-multiple-ciphers';
import type { DeviceRole, DeviceStatus, HardwareCheckLine } from '../../contract';
import { formatJakarta } from '../common/jakarta';

/**
 * The lines of the check before a trip that the core measures itself (docs/ktp-recording.md,
 * "Hardware check"). Each answers passed + what was seen, in Bahasa Indonesia.
 */

/** Below this much free space on the data folder's disk the check fails. */
export const MIN_FREE_BYTES = 2 * 1024 ** 3;
/** The app was built in 2026: a clock before it is a reset or flat CMOS battery. */
export const BUILD_YEAR_START = '2026-01-01T00:00:00+07:00';
/** How far the clock may be behind the latest audit entry (NTP steps a few seconds). */
export const CLOCK_BEHIND_MS = 60_000;
/** How far ahead of the latest audit entry (the officer's own sign-in at the latest). */
export const CLOCK_AHEAD_MS = 24 * 60 * 60 * 1000;

const GB = 1024 ** 3;
const gb = (bytes: number) =>
  new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    bytes / GB,
  );

export async function diskLine(dataDir: string): Promise<HardwareCheckLine> {
  try {
    const fs = await statfs(dataDir);
    const free = Number(fs.bavail) * Number(fs.bsize);
    return {
      item: 'disk',
      passed: free >= MIN_FREE_BYTES,
      detail: `Bebas ${gb(free)} GB dari ${gb(Number(fs.blocks) * Number(fs.bsize))} GB (minimal ${gb(MIN_FREE_BYTES)} GB)`,
    };
  } catch (error) {
    return { item: 'disk', passed: false, detail: `Tidak dapat dibaca: ${String(error)}` };
  }
}

/** SQLite's full integrity check of the (encrypted) station database. */
export function databaseLine(sqlite: SQLite.Database): HardwareCheckLine {
  const result = sqlite.pragma('integrity_check', { simple: true }) as unknown;
  const text = String(result);
  return { item: 'database', passed: text === 'ok', detail: `integrity_check: ${text}` };
}

/**
 * The clock cannot be checked against anything outside offline; what the station knows is the
 * build year and its own audit log. Passed: not before 2026, not behind the latest entry (the
 * clock was set back), not more than a day ahead of it. The detail gives both times so the
 * officer can compare with a phone.
 */
export function clockLine(now: Date, latestAuditAt: string | null): HardwareCheckLine {
  const nowText = formatJakarta(now.toISOString());
  const ms = now.getTime();
  if (ms < Date.parse(BUILD_YEAR_START))
    return { item: 'clock', passed: false, detail: `Jam ${nowText}: sebelum tahun 2026` };
  if (latestAuditAt === null)
    return { item: 'clock', passed: true, detail: `Jam ${nowText}; belum ada catatan audit` };
  const latest = Date.parse(latestAuditAt);
  const latestText = formatJakarta(latestAuditAt);
  if (ms < latest - CLOCK_BEHIND_MS)
    return {
      item: 'clock',
      passed: false,
      detail: `Jam mundur: ${nowText}, padahal catatan terakhir ${latestText}`,
    };
  if (ms > latest + CLOCK_AHEAD_MS)
    return {
      item: 'clock',
      passed: false,
      detail: `Jam ${nowText}: lebih dari sehari setelah catatan terakhir ${latestText}`,
    };
  return {
    item: 'clock',
    passed: true,
    detail: `Jam ${nowText}; catatan terakhir ${latestText}. Cocokkan dengan jam HP.`,
  };
}

const STATE_TEXT: Record<DeviceStatus['state'], string> = {
  'not-configured': 'Belum dipilih di pengaturan perangkat',
  disconnected: 'Tidak terhubung',
  connected: 'Terhubung',
  error: 'Galat',
  training: 'Perangkat latihan (mode pelatihan)',
};

/** A configured reader or scanner that is open (or the training fake) passes. */
export function deviceLine(role: DeviceRole, statuses: DeviceStatus[]): HardwareCheckLine {
  const item = role === 'card-reader' ? 'card-reader' : 'scanner';
  const status = statuses.find((s) => s.role === role);
  if (!status) return { item, passed: false, detail: 'Tidak ada data dari lapisan perangkat' };
  const label = status.label ? `${status.label}: ` : '';
  const message = status.message ? ` (${status.message})` : '';
  return {
    item,
    passed: status.state === 'connected' || status.state === 'training',
    detail: `${label}${STATE_TEXT[status.state]}${message}`,
  };
}
