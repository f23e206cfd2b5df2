import type { DeviceConfig } from '../contract';
import { normalizeUid } from './uid';

export type UidText = NonNullable<DeviceConfig['uidText']>;

export type UidResult = { ok: true; uid: string } | { ok: false; reason: string };

const DECIMAL = /^[0-9]{10}$/;
const MAX_UINT32 = 0xffff_ffff;

/**
 * The chip UID a wedge card reader typed, in stored form (upper-case hex of 4, 7 or 10 bytes).
 * 'hex': as typed, separators allowed. 'decimal': the 4-byte UID as one number, most significant
 * byte first, 10 digits with leading zeros (04 A1 B2 C3 → "0077705923"). 'decimal-reversed': the
 * same number read least significant byte first (04 A1 B2 C3 → 0xC3B2A104 → "3283263748").
 */
export function uidFromText(text: string, format: UidText): UidResult {
  const trimmed = text.trim();
  if (format === 'hex') {
    const uid = normalizeUid(trimmed);
    return uid ? { ok: true, uid } : { ok: false, reason: 'not 4, 7 or 10 bytes of hex' };
  }
  if (!DECIMAL.test(trimmed)) return { ok: false, reason: 'not 10 decimal digits' };
  const number = Number(trimmed);
  if (number > MAX_UINT32) return { ok: false, reason: 'larger than 4 bytes' };
  const hex = number.toString(16).padStart(8, '0').toUpperCase();
  const bytes = hex.match(/../g) ?? [];
  return { ok: true, uid: (format === 'decimal' ? bytes : bytes.reverse()).join('') };
}
