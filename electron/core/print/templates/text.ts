import { escapeHtml } from '../../common/html';
import { jakartaDay } from '../../common/jakarta';

/**
 * Text as Disdukcapil prints it: names, numbers and labels in capitals, dates as 15-10-2026,
 * a dash where nothing is recorded. Every helper escapes, so a template never emits raw data.
 */
export const EMPTY = '-';

/** Escaped, uppercase, or a dash for nothing. */
export function up(text: string | null | undefined): string {
  const value = text?.trim() ?? '';
  return value === '' ? EMPTY : escapeHtml(value.toUpperCase());
}

/** Escaped as given (sentences, English notes), or a dash. */
export function esc(text: string | null | undefined): string {
  const value = text?.trim() ?? '';
  return value === '' ? EMPTY : escapeHtml(value);
}

/** `2026-10-15` (or an ISO timestamp, read as its Asia/Jakarta day) → `15-10-2026`. */
export function dmy(value: string | null | undefined): string {
  if (!value) return EMPTY;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : isoToJakartaDay(value);
  if (!day) return EMPTY;
  const [y, m, d] = day.split('-');
  return `${d}-${m}-${y}`;
}

function isoToJakartaDay(iso: string): string | null {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : jakartaDay(new Date(ms));
}

/** An HTML comment listing what is unverified; `--` cannot end a comment early. */
export function unverifiedComment(items: readonly string[]): string {
  const safe = (s: string) => s.replace(/-{2,}/g, (m) => m.split('').join(' ')).replace(/>/g, ' ');
  return `<!-- UNVERIFIED (check against a real blank from Disdukcapil OKI):\n${items
    .map((item) => `  - ${safe(item)}`)
    .join('\n')}\n-->`;
}

/**
 * Font size (pt) at which `text` fills at most `lines` lines of a `widthMm` column, between
 * `maxPt` and `minPt`: table rows have a fixed height, so a long name shrinks instead of
 * pushing the page over. Capitals of a sans face advance about 0.68 em (DejaVu Sans is widest).
 */
export function fitPt(
  text: string,
  widthMm: number,
  maxPt: number,
  minPt = 4.5,
  lines = 1,
): number {
  const chars = Math.max(1, [...text].length);
  const ptPerMm = 72 / 25.4;
  const fitting = (widthMm * ptPerMm * lines) / (chars * 0.68);
  return Math.max(minPt, Math.min(maxPt, Math.floor(fitting * 2) / 2));
}
