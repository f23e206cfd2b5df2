import type { ReportPeriod, ReportSummary } from '../../contract/office/reports';
import { jakartaDayOf, longDay } from './report-period';

/** The words the CSV and the PDF share: title, the period lines, times in WIB, file names. */

export const PERIOD_LABELS: Record<ReportPeriod, string> = {
  day: 'Harian',
  week: 'Mingguan',
  month: 'Bulanan',
};

const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;

/** '2026-12-01T17:05:00Z' -> '2 Desember 2026 00.05 WIB'. */
export function wibTime(iso: string): string {
  const t = new Date(Date.parse(iso) + WIB_OFFSET_MS).toISOString();
  return `${longDay(jakartaDayOf(iso))} ${t.slice(11, 13)}.${t.slice(14, 16)} WIB`;
}

/** 0.4567 -> '45,7%' (Indonesian decimal comma); null -> '-'. */
export function percent(share: number | null): string {
  return share === null ? '-' : `${(Math.round(share * 1000) / 10).toString().replace('.', ',')}%`;
}

/** Hours with one decimal and a comma: 26.5 -> '26,5 jam'; null -> '-'. */
export function hours(value: number | null): string {
  return value === null ? '-' : `${String(value).replace('.', ',')} jam`;
}

export function reportLines(report: ReportSummary) {
  return {
    title: `Laporan Layanan ${report.districtName}`,
    meta: [
      ['Periode', `${longDay(report.from)} – ${longDay(report.to)}`],
      ['Rincian', PERIOD_LABELS[report.period]],
      ['Dibuat', wibTime(report.generatedAt)],
    ] as [string, string][],
    sameDayPercent: percent(report.turnaround.sameDayShare),
    when: wibTime,
  };
}

/** laporan-layanan-2026-12-01_2026-12-31-harian.<ext> */
export function reportFileName(
  report: Pick<ReportSummary, 'from' | 'to' | 'period'>,
  ext: string,
): string {
  return `laporan-layanan-${report.from}_${report.to}-${PERIOD_LABELS[report.period].toLowerCase()}.${ext}`;
}
