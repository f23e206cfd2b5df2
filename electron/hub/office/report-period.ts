import type { ReportPeriod } from '../../contract/office/reports';

/**
 * Jakarta days (WIB) for the district's reports. The station's rule (core/common/jakarta.ts),
 * copied because the hub may not import the core: Asia/Jakarta has been UTC+7 without daylight
 * saving since 1964, so a Jakarta day is the UTC day of the time shifted by seven hours, and a
 * whole UTC hour always falls inside one Jakarta day.
 */
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const MONTHS = [
  ...['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli'],
  ...['Agustus', 'September', 'Oktober', 'November', 'Desember'],
];
const SHORT_MONTHS = MONTHS.map((m) => (m === 'Agustus' ? 'Agu' : m.slice(0, 3)));

/** At most this many buckets per report: a readable chart and a bounded query. */
export const MAX_BUCKETS: Record<ReportPeriod, number> = { day: 92, week: 53, month: 36 };

/** The Jakarta day (YYYY-MM-DD) of an ISO time. */
export function jakartaDayOf(iso: string): string {
  return new Date(Date.parse(iso) + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * jakartaDayOf for many times at once: remembered per UTC hour (a whole UTC hour is inside one
 * Jakarta day), so 100,000 times cost a few thousand date conversions. Times as toISOString
 * writes them (`YYYY-MM-DDTHH:mm:ss.sssZ`), like every time the stations and the hub store.
 */
export function jakartaDayCache(): (iso: string) => string {
  const days = new Map<string, string>();
  return (iso) => {
    const hour = iso.slice(0, 13);
    let day = days.get(hour);
    if (day === undefined) {
      day = jakartaDayOf(`${hour}:00:00Z`);
      days.set(hour, day);
    }
    return day;
  };
}

/** The UTC ISO time at which a Jakarta day starts. */
export function jakartaDayStart(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - WIB_OFFSET_MS).toISOString();
}

/** Whether `day` is a real calendar day written YYYY-MM-DD. */
export function isDay(day: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === day;
}

export function addDays(day: string, delta: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + delta * DAY_MS).toISOString().slice(0, 10);
}

/** '2026-12-01' -> '1 Desember 2026'. */
export function longDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

/** The ISO week of a day: its Monday and its number (weeks belong to the year of their Thursday). */
function isoWeek(day: string): { monday: string; year: number; week: number } {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7;
  const monday = addDays(day, -weekday);
  const thursday = new Date(Date.parse(`${monday}T00:00:00Z`) + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return { monday, year, week };
}

export interface Bucket {
  key: string;
  label: string;
  title: string;
  from: string;
  to: string;
}

/** The key of the bucket a Jakarta day belongs to. */
export function bucketKey(period: ReportPeriod, day: string): string {
  if (period === 'day') return day;
  if (period === 'month') return day.slice(0, 7);
  const { year, week } = isoWeek(day);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function describe(period: ReportPeriod, from: string, to: string): Bucket {
  const [y, m, d] = from.split('-').map(Number);
  const month = (m ?? 1) - 1;
  if (period === 'day')
    return { key: from, label: `${d} ${SHORT_MONTHS[month]}`, title: longDay(from), from, to };
  if (period === 'month')
    return {
      key: from.slice(0, 7),
      label: `${SHORT_MONTHS[month]} ${y}`,
      title: `${MONTHS[month]} ${y}`,
      from,
      to,
    };
  const { week } = isoWeek(from);
  return {
    key: bucketKey('week', from),
    label: `Mg ${week}`,
    title: `Minggu ke-${week} (${longDay(from)} – ${longDay(to)})`,
    from,
    to,
  };
}

/** The buckets covering [from, to] (Jakarta days, both included), the first and last clipped. */
export function bucketsOf(period: ReportPeriod, from: string, to: string): Bucket[] {
  const buckets: Bucket[] = [];
  let start = from;
  while (start <= to) {
    let end = start;
    while (end < to && bucketKey(period, addDays(end, 1)) === bucketKey(period, start))
      end = addDays(end, 1);
    buckets.push(describe(period, start, end));
    start = addDays(end, 1);
  }
  return buckets;
}

/** The number of buckets without building them (range checks before any work). */
export function bucketCount(period: ReportPeriod, from: string, to: string): number {
  const days = Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
  if (period === 'day') return days;
  if (period === 'week')
    return (
      Math.round((Date.parse(isoWeek(to).monday) - Date.parse(isoWeek(from).monday)) / DAY_MS / 7) +
      1
    );
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return ((ty ?? 0) - (fy ?? 0)) * 12 + ((tm ?? 0) - (fm ?? 0)) + 1;
}
