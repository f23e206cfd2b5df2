import { textWidth, type PdfPage, type Rgb } from './pdf';
import { fitText, INK, LINE, MUTED, type Layout } from './pdf-layout';

/** Bar charts drawn as vector rectangles (one `re f` per bar segment) for the hub's PDFs. */

export interface ChartSeries {
  label: string;
  color: Rgb;
  values: readonly number[];
}

/** An axis maximum and step of 1, 2 or 5 times a power of ten, with about `ticks` steps. */
export function niceScale(max: number, ticks = 4): { max: number; step: number } {
  if (max <= 0) return { max: ticks, step: 1 };
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const whole = Math.max(1, step);
  return { max: Math.ceil(max / whole) * whole, step: whole };
}

/**
 * Vertical bars, one per category, each stacked from its series (bottom first); y axis with
 * grid lines, category labels thinned to fit, a legend under the chart.
 */
export function stackedBarChart(
  layout: Layout,
  chart: { categories: readonly string[]; series: readonly ChartSeries[]; height?: number },
): void {
  const height = chart.height ?? 150;
  const legendHeight = 16;
  layout.ensure(height + 30 + legendHeight);
  const page = layout.page;
  const axisWidth = 34;
  const left = layout.left + axisWidth;
  const width = layout.width - axisWidth;
  const top = layout.y + 6;
  const totals = chart.categories.map((_, i) =>
    chart.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0),
  );
  const scale = niceScale(Math.max(0, ...totals));
  for (let value = 0; value <= scale.max; value += scale.step) {
    const y = top + height - (value / scale.max) * height;
    page.line(left, y, left + width, y, { color: value === 0 ? MUTED : LINE, width: 0.5 });
    page.text(left - 4, y + 3, String(value), { size: 7.5, color: MUTED, align: 'right' });
  }
  const slot = width / Math.max(1, chart.categories.length);
  const barWidth = Math.max(1, slot * 0.7);
  const every = Math.max(1, Math.ceil(chart.categories.length / Math.floor(width / 42)));
  chart.categories.forEach((category, i) => {
    let y = top + height;
    const x = left + i * slot + (slot - barWidth) / 2;
    for (const series of chart.series) {
      const h = ((series.values[i] ?? 0) / scale.max) * height;
      if (h > 0) page.rect(x, y - h, barWidth, h, { fill: series.color });
      y -= h;
    }
    if (i % every === 0)
      page.text(
        left + i * slot + slot / 2,
        top + height + 10,
        fitText(category, 'Helvetica', 7, slot * every - 2),
        {
          size: 7,
          color: INK,
          align: 'center',
        },
      );
  });
  legend(page, layout.left + axisWidth, top + height + 26, chart.series);
  layout.y = top + height + 26 + legendHeight - 6;
}

function legend(page: PdfPage, x: number, y: number, series: readonly ChartSeries[]): void {
  let at = x;
  for (const s of series) {
    page.rect(at, y - 7, 8, 8, { fill: s.color });
    page.text(at + 11, y, s.label, { size: 8, color: INK });
    at += 11 + textWidth(s.label, 'Helvetica', 8) + 16;
  }
}

/** A table cell drawing a horizontal bar: `value / max` of the cell's width. */
export function inlineBar<T>(value: (row: T) => number, max: number, color: Rgb) {
  return (page: PdfPage, x: number, top: number, width: number, height: number, row: T): void => {
    const length = max > 0 ? (value(row) / max) * width : 0;
    if (length > 0) page.rect(x, top, length, height, { fill: color });
  };
}
