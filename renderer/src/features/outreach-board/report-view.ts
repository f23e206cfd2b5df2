import type { OutreachReportFigures } from '../../../../electron/contract';

/** What the report screen draws, from the figures (pure: tested in report-view.test.ts). */

export const AGE_BANDS = ['0-4', '5-15', '16-17', '18-59', '60+'] as const;
export const UNKNOWN_BAND = '?';

/** The report's scopes: the whole event first, then each day. */
export function scopes(days: readonly string[]): string[] {
  return ['event', ...days];
}

export function totals(figures: OutreachReportFigures): { asked: number; done: number } {
  return {
    asked: figures.services.reduce((n, s) => n + s.total, 0),
    done: figures.services.reduce((n, s) => n + s.done, 0),
  };
}

/** The age bands the figures use: the five, and "unknown" when any subject's age is. */
export function bandsOf(figures: OutreachReportFigures): string[] {
  const unknown = figures.services.some((s) => (s.byAgeBand[UNKNOWN_BAND] ?? 0) > 0);
  return [...AGE_BANDS, ...(unknown ? [UNKNOWN_BAND] : [])];
}

/** Per service: male, female and unknown sex (total minus both). */
export function sexSeries(figures: OutreachReportFigures): [number[], number[], number[]] {
  return [
    figures.services.map((s) => s.male),
    figures.services.map((s) => s.female),
    figures.services.map((s) => s.total - s.male - s.female),
  ];
}

export function percent(share: number | null): string {
  return share === null
    ? '–'
    : `${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format(share * 100)}%`;
}
