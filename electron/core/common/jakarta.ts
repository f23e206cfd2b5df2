/**
 * Time and calendar days as OKI offices count them: Western Indonesia Time (WIB, Asia/Jakarta),
 * whatever zone the machine is set to. Asia/Jakarta has been UTC+7 without daylight saving since
 * 1964, so a day is always 24 hours long.
 */

const DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const MONTHS = [
  ...['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli'],
  ...['Agustus', 'September', 'Oktober', 'November', 'Desember'],
];
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Formats a date as YYYY-MM-DD in Western Indonesia Time, the calendar day of OKI offices. */
export function jakartaDay(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(date);
}

/** [start, end) of a Jakarta day (YYYY-MM-DD) as UTC ISO timestamps. */
export function jakartaDayRange(day: string): { from: string; to: string } {
  const start = Date.parse(`${day}T00:00:00+07:00`);
  return { from: new Date(start).toISOString(), to: new Date(start + DAY_MS).toISOString() };
}

/** `Minggu, 29 November 2026, 17.05 WIB` (Indonesian style: a dot between hour and minute). */
export function formatJakarta(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`Not a timestamp: ${iso}`);
  const t = new Date(ms + WIB_OFFSET_MS);
  const hh = String(t.getUTCHours()).padStart(2, '0');
  const mm = String(t.getUTCMinutes()).padStart(2, '0');
  const date = longDay(t.toISOString().slice(0, 10));
  return `${DAYS[t.getUTCDay()]}, ${date}, ${hh}.${mm} WIB`;
}

/** '2026-10-15' → '15 Oktober 2026'; anything else as given. */
export function longDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || month === undefined) return day;
  return `${Number(match[3])} ${month} ${match[1]}`;
}
