/**
 * What the SVG charts (BarChart, StackedBarChart) compute: a readable value axis and which
 * category labels fit. Pure, so the station's charts (issue 16) share and test it.
 */

/** The colours a series may take: theme.css tokens, also distinct in greyscale print order. */
export const CHART_TONES = {
  blue: 'var(--blue-700)',
  green: 'var(--green-700)',
  amber: 'var(--warning)',
  sky: 'var(--blue-600)',
  red: 'var(--danger)',
  grey: 'var(--ink-muted)',
} as const;
export type ChartTone = keyof typeof CHART_TONES;

/** An axis maximum and step of 1, 2 or 5 times a power of ten (whole numbers), about `ticks` steps. */
export function niceScale(max: number, ticks = 4): { max: number; step: number; ticks: number[] } {
  if (!(max > 0)) return { max: ticks, step: 1, ticks: range(ticks, 1) };
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw);
  const top = Math.ceil(max / step) * step;
  return { max: top, step, ticks: range(top / step, step) };
}

const range = (count: number, step: number): number[] =>
  Array.from({ length: Math.round(count) + 1 }, (_, i) => i * step);

/** Show every n-th category label so labels of `labelWidth` fit in `width`. */
export function labelEvery(count: number, width: number, labelWidth: number): number {
  if (count <= 0) return 1;
  const fits = Math.max(1, Math.floor(width / labelWidth));
  return Math.max(1, Math.ceil(count / fits));
}

/** A label cut to `max` characters with an ellipsis (SVG text does not wrap). */
export function shortLabel(label: string, max: number): string {
  return label.length <= max ? label : `${label.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}

/** 1234567 -> '1.234.567' (Indonesian grouping). */
export function formatCount(value: number): string {
  return new Intl.NumberFormat('id-ID').format(value);
}
