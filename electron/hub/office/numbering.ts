import type { IssuedKind, Numbering, NumberingReset } from '../../contract/office/decision';

/**
 * The district's document numbering (issue 15 item 5; docs/decisions.md, "Back-office
 * decisions"): per kind a pattern of literal text and {regency} {code} {yyyy} {mm} {dd}, followed
 * by a zero-padded sequence of `width` digits that starts again daily, yearly or never. The
 * built-in default is the numbering the hub used before (`1602-LT-15102026-0001`), which is also
 * the form of Dukcapil's akta numbers. Pure functions; the counters live in
 * db/queries/office-decisions.ts.
 */

export const ISSUED_KINDS: readonly IssuedKind[] = [
  'kk',
  'biodata',
  'akta-kelahiran',
  'akta-kematian',
  'surat-pindah',
  'kia',
  'ktp-el',
];

/** The regency of Kabupaten Ogan Komering Ilir (Kemendagri code). */
export const REGENCY = '1602';

/** Each kind's code in a number (the part after the regency). */
export const KIND_CODE: Readonly<Record<IssuedKind, string>> = {
  kk: 'KK',
  biodata: 'BIO',
  'akta-kelahiran': 'LT',
  'akta-kematian': 'KM',
  'surat-pindah': 'SKPWNI',
  kia: 'KIA',
  'ktp-el': 'KTP',
};

export const DEFAULT_NUMBERING = {
  pattern: '{regency}-{code}-{dd}{mm}{yyyy}-',
  width: 4,
  reset: 'daily',
} as const satisfies { pattern: string; width: number; reset: NumberingReset };

export interface NumberingRule {
  kind: IssuedKind;
  pattern: string;
  width: number;
  reset: NumberingReset;
}

const PLACEHOLDER = /\{(\w+)\}/g;
const KNOWN = new Set(['regency', 'code', 'yyyy', 'mm', 'dd']);
/** What a document number may hold (electron/protocol/documents.ts checks it again). */
const NUMBER_TEXT = /^[A-Z0-9./-]+$/;
export const NUMBER_MAX = 60;

export function isIssuedKind(kind: string): kind is IssuedKind {
  return (ISSUED_KINDS as readonly string[]).includes(kind);
}

/** The Asia/Jakarta calendar day (UTC+7, no daylight saving) of an instant, YYYY-MM-DD. */
export function jakartaDayOf(at: Date): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** The pattern with the day's parts filled in: the text before the sequence. */
export function prefixOf(rule: Pick<NumberingRule, 'kind' | 'pattern'>, day: string): string {
  const [yyyy = '', mm = '', dd = ''] = day.split('-');
  const parts: Record<string, string> = {
    regency: REGENCY,
    code: KIND_CODE[rule.kind],
    yyyy,
    mm,
    dd,
  };
  return rule.pattern.replace(PLACEHOLDER, (match, name: string) => parts[name] ?? match);
}

/** The counter's period for a day: the sequence starts again when it changes. */
export function periodOf(reset: NumberingReset, day: string): string {
  if (reset === 'never') return '';
  return reset === 'yearly' ? day.slice(0, 4) : day.replaceAll('-', '');
}

export function formatNumber(rule: NumberingRule, day: string, sequence: number): string {
  return `${prefixOf(rule, day)}${String(sequence).padStart(rule.width, '0')}`;
}

/**
 * The sequence of a number typed for this kind and day, or null when it does not follow the
 * numbering (another prefix, other digits, zero).
 */
export function sequenceOf(rule: NumberingRule, day: string, number: string): number | null {
  const prefix = prefixOf(rule, day);
  if (!number.startsWith(prefix)) return null;
  const digits = number.slice(prefix.length);
  if (digits.length !== rule.width || !/^\d+$/.test(digits)) return null;
  const sequence = Number(digits);
  return sequence > 0 ? sequence : null;
}

/** The largest sequence the width holds (NUMBERING_EXHAUSTED past it). */
export function maxSequence(rule: Pick<NumberingRule, 'width'>): number {
  return 10 ** rule.width - 1;
}

/**
 * Why a pattern cannot be used, or null: only the known placeholders, and every number it makes
 * is a valid document number (A-Z 0-9 . / -, at most 60 characters).
 */
export function patternProblem(rule: NumberingRule): string | null {
  for (const [, name] of rule.pattern.matchAll(PLACEHOLDER))
    if (!name || !KNOWN.has(name)) return `unknown placeholder {${name ?? ''}}`;
  const example = formatNumber(rule, '2026-12-31', 1);
  if (!NUMBER_TEXT.test(example)) return 'only A-Z, 0-9, dot, slash and dash may be printed';
  if (example.length > NUMBER_MAX) return `a number would be longer than ${NUMBER_MAX}`;
  if (example.length < 4) return 'a number would be shorter than 4';
  return null;
}

export function defaultRule(kind: IssuedKind): NumberingRule {
  return { kind, ...DEFAULT_NUMBERING };
}

export function numberingView(
  rule: NumberingRule,
  stored: { updated_at: string; updated_by: string } | null,
  today: string,
): Numbering {
  return {
    kind: rule.kind,
    pattern: rule.pattern,
    width: rule.width,
    reset: rule.reset,
    isDefault: stored === null,
    example: formatNumber(rule, today, 1),
    updatedAt: stored?.updated_at ?? null,
    updatedBy: stored?.updated_by ?? null,
  };
}
