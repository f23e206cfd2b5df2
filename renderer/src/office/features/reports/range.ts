import type { ReportPeriod } from '../../../../../electron/contract/office/reports';
import { isDay, jakartaDay, shiftDay } from '../../../lib/i18n/day';

/** The report's periods in the order the selector shows them, with their names. */
export const PERIODS: readonly ReportPeriod[] = ['day', 'week', 'month'];
export const PERIOD_TEXT: Record<ReportPeriod, { id: string; en: string }> = {
  day: { id: 'Harian', en: 'Daily' },
  week: { id: 'Mingguan', en: 'Weekly' },
  month: { id: 'Bulanan', en: 'Monthly' },
};

/** Today as a Jakarta day (YYYY-MM-DD), by this computer's clock. */
export const jakartaToday = (): string => jakartaDay(new Date());

/**
 * The range a period starts with, ending today (a Jakarta day): the last 30 days, the last 12
 * ISO weeks (from a Monday), the last 12 months (from the 1st). Each is inside the hub's limit
 * (92 days, 53 weeks, 36 months).
 */
export function defaultRange(period: ReportPeriod, today: string): { from: string; to: string } {
  if (period === 'day') return { from: shiftDay(today, -29), to: today };
  if (period === 'week') {
    const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
    return { from: shiftDay(today, -weekday - 7 * 11), to: today };
  }
  const [y, m] = today.split('-').map(Number);
  const first = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 12, 1)).toISOString().slice(0, 10);
  return { from: first, to: today };
}

/** What is wrong with a range before asking the hub (null: fine). */
export function rangeProblem(from: string, to: string): { id: string; en: string } | null {
  if (!isDay(from) || !isDay(to))
    return { id: 'Isi kedua tanggal dengan benar.', en: 'Fill in both dates.' };
  if (from > to)
    return {
      id: 'Tanggal awal harus sebelum tanggal akhir.',
      en: 'The start date must come before the end date.',
    };
  return null;
}

/** 0.457 -> '45,7%'; null -> '–'. */
export function percentText(share: number | null): string {
  if (share === null) return '–';
  return `${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format(share * 100)}%`;
}

/** 26.5 -> '26,5 jam'; null -> '–'. */
export function hoursText(hours: number | null): string {
  if (hours === null) return '–';
  return `${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format(hours)} jam`;
}
