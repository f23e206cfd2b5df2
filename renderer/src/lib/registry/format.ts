import type { SexCode } from '../../../../electron/contract';

/** Dates on Dukcapil documents read DD-MM-YYYY; the core sends ISO days (YYYY-MM-DD). */
export function formatDocDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}-${match[2]}-${match[1]}` : iso;
}

/** Code-list labels are printed in Indonesian on every document, whatever the UI language. */
export function sexLabel(sex: SexCode): string {
  return sex === 1 ? 'LAKI-LAKI' : 'PEREMPUAN';
}

/** A value or the dash the KK prints in an empty cell. */
export function orDash(value: string | null | undefined): string {
  return value === null || value === undefined || value.trim() === '' ? '—' : value;
}

/**
 * The screen mask of domain §6.3 (`160205********01`) for numbers the core hands over as given,
 * e.g. the NIK of a rejected import row. Anything but 16 digits is masked whole, so a malformed
 * number never leaks in part.
 */
export function maskNumber(value: string): string {
  if (!/^\d{16}$/.test(value)) return '*'.repeat(Math.min(value.length, 16));
  return `${value.slice(0, 6)}********${value.slice(14)}`;
}
