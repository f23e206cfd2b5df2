import { escapeHtml } from '../common/html';

/**
 * The report's charts as plain SVG text for the printed PDF (issue 16 item 6): drawn at the
 * station and printed by Chromium, so bars become vector paths in the PDF. Every text is escaped;
 * numbers are formatted here. The screen draws the same figures with renderer/src/lib/ui/charts.
 */

/** Fills distinct in colour and in greyscale print, in series order. */
export const CHART_FILLS = ['#1d4f91', '#2f7d32', '#c77700', '#5b8fd6', '#b3261e', '#6b7280'];
/** The fill of single-series bars (report-pdf.test.ts finds it in the PDF). */
export const BAR_FILL = CHART_FILLS[0] as string;

export interface ChartBar {
  label: string;
  value: number;
}

export interface ChartSeries {
  label: string;
  values: readonly number[];
}

const FONT = 'font-family="Noto Sans, DejaVu Sans, sans-serif"';
const count = (n: number): string => new Intl.NumberFormat('id-ID').format(n);

/** An axis maximum of 1, 2 or 5 times a power of ten and its ticks (about four). */
export function axis(max: number, ticks = 4): { max: number; ticks: number[] } {
  if (!(max > 0)) return { max: ticks, ticks: Array.from({ length: ticks + 1 }, (_, i) => i) };
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw);
  const top = Math.ceil(max / step) * step;
  return {
    max: top,
    ticks: Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step),
  };
}

const cut = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;

/** Horizontal bars, one per item, with the value at the end of each bar. */
export function barChartSvg(title: string, bars: readonly ChartBar[], width = 640): string {
  const left = 200;
  const right = 50;
  const row = 24;
  const top = 8;
  const plot = width - left - right;
  const scale = axis(Math.max(0, ...bars.map((b) => b.value)));
  const axisY = top + Math.max(1, bars.length) * row;
  const height = axisY + 24;
  const x = (v: number) => left + (v / scale.max) * plot;
  const parts: string[] = [];
  for (const tick of scale.ticks) {
    parts.push(
      `<line x1="${x(tick).toFixed(1)}" y1="${top}" x2="${x(tick).toFixed(1)}" y2="${axisY}" stroke="#d0d5dd" stroke-width="1"/>`,
      `<text x="${x(tick).toFixed(1)}" y="${axisY + 16}" font-size="11" text-anchor="middle" fill="#344054">${count(tick)}</text>`,
    );
  }
  bars.forEach((bar, i) => {
    const y = top + i * row;
    const w = Math.max(0, x(bar.value) - left);
    parts.push(
      `<text x="${left - 8}" y="${y + row / 2 + 4}" font-size="11" text-anchor="end" fill="#101828">${escapeHtml(cut(bar.label, 32))}</text>`,
      `<rect x="${left}" y="${y + 4}" width="${w.toFixed(1)}" height="${row - 8}" fill="${BAR_FILL}"/>`,
      `<text x="${(left + w + 4).toFixed(1)}" y="${y + row / 2 + 4}" font-size="11" fill="#101828">${count(bar.value)}</text>`,
    );
  });
  parts.push(
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${axisY}" stroke="#344054" stroke-width="1"/>`,
  );
  return svg(title, width, height, parts);
}

/** Vertical stacked bars: one per category, one colour per series, a legend below. */
export function stackedBarChartSvg(
  title: string,
  categories: readonly string[],
  series: readonly ChartSeries[],
  width = 640,
): string {
  const left = 44;
  const right = 8;
  const top = 10;
  const plotHeight = 170;
  const labelsHeight = 34;
  const legendRows = Math.ceil(series.length / 4);
  const height = top + plotHeight + labelsHeight + legendRows * 18 + 6;
  const plot = width - left - right;
  const totals = categories.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const scale = axis(Math.max(0, ...totals));
  const y = (v: number) => top + plotHeight - (v / scale.max) * plotHeight;
  const slot = plot / Math.max(1, categories.length);
  const barWidth = Math.min(56, slot * 0.6);
  const parts: string[] = [];
  for (const tick of scale.ticks) {
    parts.push(
      `<line x1="${left}" y1="${y(tick).toFixed(1)}" x2="${width - right}" y2="${y(tick).toFixed(1)}" stroke="#d0d5dd" stroke-width="1"/>`,
      `<text x="${left - 6}" y="${(y(tick) + 4).toFixed(1)}" font-size="11" text-anchor="end" fill="#344054">${count(tick)}</text>`,
    );
  }
  categories.forEach((category, i) => {
    const cx = left + slot * i + slot / 2;
    let base = 0;
    series.forEach((s, k) => {
      const value = s.values[i] ?? 0;
      if (value > 0) {
        const y0 = y(base + value);
        const h = y(base) - y0;
        parts.push(
          `<rect x="${(cx - barWidth / 2).toFixed(1)}" y="${y0.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${h.toFixed(1)}" fill="${CHART_FILLS[k % CHART_FILLS.length]}"/>`,
        );
      }
      base += value;
    });
    parts.push(
      `<text x="${cx.toFixed(1)}" y="${(y(base) - 4).toFixed(1)}" font-size="11" text-anchor="middle" fill="#101828">${count(totals[i] ?? 0)}</text>`,
      `<text x="${cx.toFixed(1)}" y="${top + plotHeight + 16}" font-size="10" text-anchor="middle" fill="#101828">${escapeHtml(cut(category, Math.max(6, Math.floor(slot / 6))))}</text>`,
    );
  });
  series.forEach((s, k) => {
    const lx = left + (k % 4) * (plot / 4);
    const ly = top + plotHeight + labelsHeight + Math.floor(k / 4) * 18;
    parts.push(
      `<rect x="${lx.toFixed(1)}" y="${ly}" width="12" height="12" fill="${CHART_FILLS[k % CHART_FILLS.length]}"/>`,
      `<text x="${(lx + 16).toFixed(1)}" y="${ly + 10}" font-size="11" fill="#101828">${escapeHtml(cut(s.label, 24))}</text>`,
    );
  });
  parts.push(
    `<line x1="${left}" y1="${y(0).toFixed(1)}" x2="${width - right}" y2="${y(0).toFixed(1)}" stroke="#344054" stroke-width="1"/>`,
  );
  return svg(title, width, height, parts);
}

function svg(title: string, width: number, height: number, parts: string[]): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" ${FONT}>` +
    `<title>${escapeHtml(title)}</title>${parts.join('')}</svg>`
  );
}
